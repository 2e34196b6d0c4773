package fr_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/s3/s3manager"

	"github.com/freshen-go/freshen/fr"
	"github.com/freshen-go/freshen/fr/internal/frtest"
)

// newAWSOrigin is a loopback AWS endpoint: HEAD / is refused as AWS
// refuses it without credentials, JSON-protocol calls get {}, GETs a body.
func newAWSOrigin(t *testing.T, tlsOn bool) *frtest.Origin {
	return frtest.NewOrigin(t, tlsOn, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		switch {
		case r.Method == http.MethodHead:
			w.WriteHeader(http.StatusForbidden)
		case r.Header.Get("X-Amz-Target") != "":
			w.Header().Set("Content-Type", "application/x-amz-json-1.0")
			io.WriteString(w, "{}")
		case r.Method == http.MethodGet:
			io.WriteString(w, "model")
		}
	}))
}

// session returns a v1 session whose HTTP client dials every host on the
// origin and trusts its certificate.
func v1Session(t *testing.T, o *frtest.Origin, cfg *aws.Config) *session.Session {
	// A CA bundle from the environment would replace the transport's
	// roots (the SDK loads AWS_CA_BUNDLE into the HTTP client).
	t.Setenv("AWS_CA_BUNDLE", "")
	addr := o.Srv.Listener.Addr().String()
	d := &net.Dialer{}
	tr := &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}}
	if o.Srv.TLS != nil {
		pool := x509.NewCertPool()
		pool.AddCert(o.Srv.Certificate())
		tr.TLSClientConfig = &tls.Config{RootCAs: pool}
	}
	t.Cleanup(tr.CloseIdleConnections)
	base := &aws.Config{
		Region:      aws.String("us-east-1"),
		Credentials: credentials.NewStaticCredentials("AKID", "secret", ""),
		HTTPClient:  &http.Client{Transport: tr},
		MaxRetries:  aws.Int(0),
	}
	return session.Must(session.NewSession(base, cfg))
}

// TestWarmAWSV1Endpoint: the form generated for SDK v1 clients,
// fr.WarmAWS(ctx, svc.Config.HTTPClient, nil, svc.Endpoint), opens the
// connection the client's next call reuses.
func TestWarmAWSV1Endpoint(t *testing.T) {
	o := newAWSOrigin(t, false)
	svc := dynamodb.New(v1Session(t, o, &aws.Config{Endpoint: aws.String(o.Srv.URL)}))
	if err := fr.WarmAWS(context.Background(), svc.Config.HTTPClient, nil, svc.Endpoint); err != nil {
		t.Fatal(err)
	}
	got := frtest.Reused(t, func(ctx context.Context) error {
		_, err := svc.PutItemWithContext(ctx, &dynamodb.PutItemInput{TableName: aws.String("events"),
			Item: map[string]*dynamodb.AttributeValue{"pk": {S: aws.String("k")}}})
		return err
	})
	n, reqs := o.Stats()
	t.Logf("connections %d, requests %v, PutItem reused a connection: %v", n, reqs, got)
	if !got || n != 1 || len(reqs) != 2 {
		t.Errorf("PutItem did not ride on the warmed connection: reused %v, %d connections, requests %v", got, n, reqs)
	}
}

// TestWarmAWSV1S3VirtualHost: over TLS, the bucket moves into the host as
// the SDK moves it, so the warmed connection is the one GetObject uses.
func TestWarmAWSV1S3VirtualHost(t *testing.T) {
	o := newAWSOrigin(t, true)
	_, port, _ := net.SplitHostPort(o.Srv.Listener.Addr().String())
	svc := s3.New(v1Session(t, o, &aws.Config{Endpoint: aws.String("https://example.com:" + port)}))
	bucket := aws.String("models")
	err := fr.WarmAWS(context.Background(), svc.Config.HTTPClient,
		fr.AWSV1S3Endpoint(svc.Endpoint, svc.Config.Region, bucket, svc.Config.S3ForcePathStyle, svc.Config.S3UseAccelerate), svc.Endpoint)
	if err != nil {
		t.Fatal(err)
	}
	got := frtest.Reused(t, func(ctx context.Context) error {
		out, err := svc.GetObjectWithContext(ctx, &s3.GetObjectInput{Bucket: bucket, Key: aws.String("m.bin")})
		if err == nil {
			out.Body.Close()
		}
		return err
	})
	n, reqs := o.Stats()
	t.Logf("connections %d, requests %v, GetObject reused a connection: %v", n, reqs, got)
	host := "models.example.com:" + port
	if !got || n != 1 || len(reqs) != 2 || reqs[0] != "HEAD "+host || reqs[1] != "GET "+host {
		t.Errorf("GetObject did not ride on the warmed connection: reused %v, %d connections, requests %v", got, n, reqs)
	}
}

// TestAWSV1S3EndpointMatchesSDK compares the resolver with the URL the SDK
// builds for a request (Build runs the handlers that move the bucket).
func TestAWSV1S3EndpointMatchesSDK(t *testing.T) {
	tests := []struct {
		name   string
		cfg    *aws.Config
		bucket string
	}{
		{"virtual host", &aws.Config{}, "models"},
		{"path style", &aws.Config{S3ForcePathStyle: aws.Bool(true)}, "models"},
		{"dotted bucket over https", &aws.Config{}, "my.models"},
		{"dotted bucket over http", &aws.Config{DisableSSL: aws.Bool(true)}, "my.models"},
		{"upper-case bucket", &aws.Config{}, "Models"},
		{"ip-like bucket", &aws.Config{}, "10.1.2.3"},
		{"dual stack", &aws.Config{UseDualStack: aws.Bool(true)}, "models"},
		{"accelerate", &aws.Config{S3UseAccelerate: aws.Bool(true)}, "models"},
		{"accelerate dual stack", &aws.Config{S3UseAccelerate: aws.Bool(true), UseDualStack: aws.Bool(true)}, "models"},
		{"other region", &aws.Config{Region: aws.String("eu-west-1")}, "models"},
		{"custom endpoint", &aws.Config{Endpoint: aws.String("http://minio.internal:9000")}, "models"},
		{"custom endpoint path style", &aws.Config{Endpoint: aws.String("http://minio.internal:9000"), S3ForcePathStyle: aws.Bool(true)}, "models"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := (&aws.Config{Region: aws.String("us-west-2"), Credentials: credentials.AnonymousCredentials}).Copy(tt.cfg)
			svc := s3.New(session.Must(session.NewSession(cfg)))
			req, _ := svc.GetObjectRequest(&s3.GetObjectInput{Bucket: aws.String(tt.bucket), Key: aws.String("k")})
			if err := req.Build(); err != nil {
				t.Fatal(err)
			}
			want := req.HTTPRequest.URL.Scheme + "://" + req.HTTPRequest.URL.Host + "/"
			got, err := fr.AWSV1S3Endpoint(svc.Endpoint, svc.Config.Region, aws.String(tt.bucket), svc.Config.S3ForcePathStyle, svc.Config.S3UseAccelerate)(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("AWSV1S3Endpoint = %s, SDK sends to %s", got, want)
			}
		})
	}
}

// TestWarmAWSV1Manager: s3manager keeps its client behind an interface;
// WarmAWSV1 finds its endpoint and HTTP client, and the upload reuses the
// connection.
func TestWarmAWSV1Manager(t *testing.T) {
	o := newAWSOrigin(t, false)
	up := s3manager.NewUploader(v1Session(t, o, &aws.Config{Endpoint: aws.String(o.Srv.URL), S3ForcePathStyle: aws.Bool(true)}))
	if err := fr.WarmAWSV1(context.Background(), up.S3); err != nil {
		t.Fatal(err)
	}
	got := frtest.Reused(t, func(ctx context.Context) error {
		_, err := up.UploadWithContext(ctx, &s3manager.UploadInput{Bucket: aws.String("b"), Key: aws.String("k"), Body: strings.NewReader("x")})
		return err
	})
	if n, reqs := o.Stats(); !got || n != 1 || len(reqs) != 2 {
		t.Errorf("upload did not ride on the warmed connection: reused %v, %d connections, requests %v", got, n, reqs)
	}
}

func TestWarmAWSErrors(t *testing.T) {
	ctx := context.Background()
	if err := fr.WarmAWS(ctx, nil, nil, ""); !errors.Is(err, fr.ErrNoAWSEndpoint) {
		t.Errorf("no endpoint: %v", err)
	}
	failed := errors.New("resolver down")
	err := fr.WarmAWS(ctx, nil, func(context.Context) (string, error) { return "", failed }, "")
	if !errors.Is(err, failed) {
		t.Errorf("failed resolution without fallback: %v", err)
	}
	for _, v := range []any{nil, 3, &struct{ Client int }{}, (*s3.S3)(nil), &s3.S3{}} {
		if err := fr.WarmAWSV1(ctx, v); err == nil {
			t.Errorf("WarmAWSV1(%T) accepted", v)
		}
	}
}
