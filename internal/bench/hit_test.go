//go:build linux

package bench

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/internal/benchreport"
)

// BenchmarkRetrievalHit is the warm-cache counterpart of the retrieval
// experiment's freshened and floor variants: the same consumption code on
// a prefetched FrFetch result and on a response already in memory. The
// difference is FrFetch's hit path.
func BenchmarkRetrievalHit(b *testing.B) {
	ctx := context.Background()
	for _, size := range []int64{1 << 10, 100 << 10} {
		data := pattern(size)
		dst := make([]byte, size)
		b.Run("freshened/"+benchreport.HumanSize(size), func(b *testing.B) {
			st := fr.NewState("bench.hit", 1)
			fetch := fr.Fetch(0, func(ctx context.Context) (*http.Response, error) {
				return &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(data))}, nil
			})
			for b.Loop() {
				b.StopTimer()
				if err := st.Run(ctx, fetch); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				resp, err := fr.FrFetch(ctx, st, 0, func() (*http.Response, error) {
					b.Fatal("FrFetch missed")
					return nil, nil
				})
				if err != nil {
					b.Fatal(err)
				}
				if err := readBody(resp, dst); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("floor/"+benchreport.HumanSize(size), func(b *testing.B) {
			// Stopping the timer around an untimed step, as above, so
			// both sides pay the same timer perturbation.
			for b.Loop() {
				b.StopTimer()
				resp := &http.Response{StatusCode: http.StatusOK, Body: io.NopCloser(bytes.NewReader(data))}
				b.StartTimer()
				if err := readBody(resp, dst); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
