package fraws_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/fraws"
	"github.com/freshen-go/freshen/fr/internal/frtest"
)

// BenchmarkFirstGetObject times the first GetObject of a fresh client (a
// cold function instance) over TLS to a virtual-hosted BaseEndpoint on
// loopback: cold dials and shakes hands inside the call; warmed had
// fr.WarmAWS open the connection beforehand (not timed), as the freshen
// hook does before the handler runs; nobucket warmed the endpoint resolved
// without the bucket, a host the call does not use.
func BenchmarkFirstGetObject(b *testing.B) {
	e := frtest.NewOrigin(b, true, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodHead {
			io.WriteString(w, "model")
		}
	}))
	_, port, _ := net.SplitHostPort(e.Srv.Listener.Addr().String())
	in := &s3.GetObjectInput{Bucket: aws.String("models"), Key: aws.String("m.bin")}
	for _, mode := range []string{"cold", "nobucket", "warmed"} {
		b.Run(mode, func(b *testing.B) {
			ctx := context.Background()
			for b.Loop() {
				b.StopTimer()
				var tr *http.Transport
				hc := sdkHTTPClient(e).WithTransportOptions(func(t *http.Transport) { tr = t })
				c := s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String("https://example.com:" + port),
					Credentials: creds(""), HTTPClient: hc})
				if mode != "cold" {
					var inputs []fraws.Input
					if mode == "warmed" {
						inputs = append(inputs, fraws.Field("Bucket", in.Bucket))
					}
					err := fr.WarmAWS(ctx, c.Options().HTTPClient,
						fraws.Endpoint(c.Options(), new(s3.EndpointParameters), inputs...), "")
					if err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
				out, err := c.GetObject(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				io.Copy(io.Discard, out.Body)
				out.Body.Close()
				b.StopTimer()
				// Leave no connection behind for the next instance.
				tr.CloseIdleConnections()
				b.StartTimer()
			}
		})
	}
}
