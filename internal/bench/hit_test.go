//go:build linux

package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/internal/benchreport"
)

// BenchmarkRetrievalHit is the in-process counterpart of the retrieval
// experiment's freshened and floor variants: the same consumption code on
// a prefetched FrFetch result and on a response already in memory.
//
// Each iteration does the same untimed work in both variants (a freshen
// run whose result is taken, then the client's warm-up) and times only the
// region the lab times, with the clock the lab uses. That region is far
// shorter than b.StopTimer and b.StartTimer themselves, so it is reported
// as its own metric, ns/read, the median over the iterations; ns/op is the
// whole iteration, setup included. Compare ns/read side by side, e.g. with
// benchstat.
//
// The "after5ms" cases run a freshen whose fetch takes 5 ms, as a fetch
// over the network does, instead of one that returns at once; iterate
// them fewer times (-benchtime=400x).
func BenchmarkRetrievalHit(b *testing.B) {
	ctx := context.Background()
	for _, c := range []struct {
		size  int64
		fetch time.Duration
	}{{1 << 10, 0}, {10 << 10, 0}, {100 << 10, 0}, {1 << 10, 5 * time.Millisecond}} {
		data := pattern(c.size)
		dst := make([]byte, c.size)
		fetch := fr.Fetch(0, func(ctx context.Context) (*http.Response, error) {
			if c.fetch > 0 {
				time.Sleep(c.fetch)
			}
			return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(data))}, nil
		})
		for _, variant := range []string{benchreport.Freshened, benchreport.Floor} {
			name := variant + "/" + benchreport.HumanSize(c.size)
			if c.fetch > 0 {
				name = variant + "-after" + c.fetch.String() + "/" + benchreport.HumanSize(c.size)
			}
			b.Run(name, func(b *testing.B) {
				st := fr.NewState("bench.hit", 1)
				w := newWarmup(c.size)
				var ds []time.Duration
				for b.Loop() {
					if err := st.Run(ctx, fetch); err != nil {
						b.Fatal(err)
					}
					if variant == benchreport.Floor {
						// The freshened side takes its result in the
						// timed region; this side takes it before.
						r, err := fr.FrFetch(ctx, st, 0, missed)
						if err != nil {
							b.Fatal(err)
						}
						r.Body.Close()
					}
					if err := w.run(ctx, dst); err != nil {
						b.Fatal(err)
					}
					t0 := time.Now()
					var resp *http.Response
					if variant == benchreport.Freshened {
						var err error
						if resp, err = fr.FrFetch(ctx, st, 0, missed); err != nil {
							b.Fatal(err)
						}
					} else {
						resp = &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(data))}
					}
					err := readBody(resp, dst)
					d := time.Since(t0)
					if err != nil {
						b.Fatal(err)
					}
					ds = append(ds, d)
				}
				slices.Sort(ds)
				b.ReportMetric(float64(ds[len(ds)/2].Nanoseconds()), "ns/read")
			})
		}
	}
}
