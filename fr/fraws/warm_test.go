package fraws_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/fraws"
	"github.com/freshen-go/freshen/fr/internal/frtest"
)

// sdkHTTPClient is the SDK's own default HTTP client, with every host
// dialled on the loopback endpoint (so virtual-hosted names need no DNS)
// and the endpoint's certificate trusted.
func sdkHTTPClient(e *frtest.Origin) *awshttp.BuildableClient {
	addr := e.Srv.Listener.Addr().String()
	return awshttp.NewBuildableClient().WithTransportOptions(func(tr *http.Transport) {
		d := &net.Dialer{}
		tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		}
		if e.Srv.TLS != nil {
			pool := x509.NewCertPool()
			pool.AddCert(e.Srv.Certificate())
			tr.TLSClientConfig = &tls.Config{RootCAs: pool}
		}
	})
}

// TestWarmS3VirtualHost: over TLS, with a BaseEndpoint (as for LocalStack
// or a VPC endpoint) and virtual-hosted addressing, the warm opens the
// connection to bucket.host that GetObject then reuses. Without the
// bucket the warm opens a connection GetObject cannot use.
func TestWarmS3VirtualHost(t *testing.T) {
	for _, withBucket := range []bool{true, false} {
		name := map[bool]string{true: "bucket", false: "no bucket"}[withBucket]
		t.Run(name, func(t *testing.T) {
			e := frtest.NewOrigin(t, true, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodHead {
					w.WriteHeader(http.StatusForbidden) // as S3 answers an anonymous HEAD /
					return
				}
				io.WriteString(w, "model")
			}))
			_, port, _ := net.SplitHostPort(e.Srv.Listener.Addr().String())
			c := s3.New(s3.Options{
				Region:       "us-east-1",
				BaseEndpoint: aws.String("https://example.com:" + port),
				Credentials:  creds(""),
				HTTPClient:   sdkHTTPClient(e),
			})
			var in []fraws.Input
			if withBucket {
				in = append(in, fraws.Field("Bucket", aws.String("models")))
			}
			ctx := context.Background()
			err := fr.WarmAWS(ctx, c.Options().HTTPClient, fraws.Endpoint(c.Options(), new(s3.EndpointParameters), in...),
				"https://s3."+c.Options().Region+".amazonaws.com/")
			if err != nil {
				t.Fatal(err)
			}
			if n, reqs := e.Stats(); n != 1 || len(reqs) != 1 {
				t.Fatalf("warm: %d connections, requests %v; want 1 and 1", n, reqs)
			}
			got := frtest.Reused(t, func(ctx context.Context) error {
				out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("models"), Key: aws.String("m.bin")})
				if err != nil {
					return err
				}
				b, _ := io.ReadAll(out.Body)
				out.Body.Close()
				if string(b) != "model" {
					t.Errorf("body %q", b)
				}
				return nil
			})
			n, reqs := e.Stats()
			t.Logf("connections %d, requests %v, GetObject reused a connection: %v", n, reqs, got)
			want := "GET models.example.com:" + port
			if reqs[len(reqs)-1] != want {
				t.Errorf("GetObject sent %q, want %q", reqs[len(reqs)-1], want)
			}
			if withBucket {
				if !got || n != 1 || reqs[0] != "HEAD models.example.com:"+port {
					t.Errorf("with the bucket the warm must open the connection GetObject uses: reused %v, %d connections, requests %v", got, n, reqs)
				}
			} else if got || n != 2 {
				t.Errorf("without the bucket the warm opened example.com, which GetObject cannot use: reused %v, %d connections", got, n)
			}
		})
	}
}

// TestWarmDynamoDBBaseEndpoint: plain HTTP to a BaseEndpoint (DynamoDB
// Local), a write: PutItem runs on the warmed connection.
func TestWarmDynamoDBBaseEndpoint(t *testing.T) {
	e := frtest.NewOrigin(t, false, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			w.Header().Set("Content-Type", "application/x-amz-json-1.0")
			io.WriteString(w, "{}")
		}
	}))
	c := dynamodb.New(dynamodb.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(e.Srv.URL),
		Credentials:  creds("123456789012"),
		HTTPClient:   sdkHTTPClient(e),
	})
	ctx := context.Background()
	if err := fr.WarmAWS(ctx, c.Options().HTTPClient, fraws.Endpoint(c.Options(), new(dynamodb.EndpointParameters)),
		"https://dynamodb."+c.Options().Region+".amazonaws.com/"); err != nil {
		t.Fatal(err)
	}
	got := frtest.Reused(t, func(ctx context.Context) error {
		_, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("events"),
			Item: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k"}}})
		return err
	})
	n, reqs := e.Stats()
	t.Logf("connections %d, requests %v, PutItem reused a connection: %v", n, reqs, got)
	host := strings.TrimPrefix(e.Srv.URL, "http://")
	if !got || n != 1 || len(reqs) != 2 || reqs[0] != "HEAD "+host || reqs[1] != "POST "+host {
		t.Errorf("PutItem did not ride on the warmed connection: reused %v, %d connections, requests %v", got, n, reqs)
	}
}

// TestWarmFallsBack: when resolution fails the regional endpoint given as
// the fallback is warmed, and the error says what failed.
func TestWarmFallsBack(t *testing.T) {
	e := frtest.NewOrigin(t, false, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	c := s3.New(s3.Options{Region: "not a region", Credentials: creds(""), HTTPClient: sdkHTTPClient(e)})
	ctx := context.Background()
	if err := fr.WarmAWS(ctx, c.Options().HTTPClient, fraws.Endpoint(c.Options(), new(s3.EndpointParameters)), e.Srv.URL); err != nil {
		t.Fatalf("fallback warm: %v", err)
	}
	if n, _ := e.Stats(); n != 1 {
		t.Errorf("fallback opened %d connections, want 1", n)
	}
	e.Srv.Close()
	err := fr.WarmAWS(ctx, c.Options().HTTPClient, fraws.Endpoint(c.Options(), new(s3.EndpointParameters)), e.Srv.URL)
	if err == nil || !strings.Contains(err.Error(), "invalid region") {
		t.Errorf("failed resolution and fallback: err = %v", err)
	}
}
