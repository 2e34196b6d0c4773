package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/freshen-go/freshen/fr"
)

const handlerName = "example.com/awsv2.handle"

// service is a loopback stand-in for one AWS endpoint, counting
// connections and requests ("GET", "HEAD", "POST").
type service struct {
	srv   *httptest.Server
	mu    sync.Mutex
	conns int
	reqs  map[string]int
	hosts []string
}

func newService(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) *service {
	s := &service{reqs: map[string]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		s.mu.Lock()
		s.reqs[r.Method]++
		s.hosts = append(s.hosts, r.Method+" "+r.Host)
		s.mu.Unlock()
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusForbidden) // as AWS answers an anonymous HEAD /
			return
		}
		answer(w, r)
	}))
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
		}
	}
	s.srv.Start()
	t.Cleanup(s.srv.Close)
	return s
}

func (s *service) stats() (conns int, reqs map[string]int, hosts []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string]int{}
	for k, v := range s.reqs {
		m[k] = v
	}
	return s.conns, m, append([]string(nil), s.hosts...)
}

type fakes struct{ s3, ddb *service }

var creds = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret", Source: "test"}, nil
})

// fakeAWS points the function's clients at loopback services through
// BaseEndpoint, as LocalStack users do.
func fakeAWS(t *testing.T) *fakes {
	f := &fakes{
		s3: newService(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/greeter-config/greeting.txt" {
				http.NotFound(w, r)
				return
			}
			io.WriteString(w, "Hello, %s!")
		}),
		ddb: newService(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.0")
			io.WriteString(w, "{}")
		}),
	}
	s3c = s3.New(s3.Options{Region: "us-east-1", BaseEndpoint: aws.String(f.s3.srv.URL), UsePathStyle: true,
		Credentials: creds, HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1})
	ddb = dynamodb.New(dynamodb.Options{Region: "us-east-1", BaseEndpoint: aws.String(f.ddb.srv.URL),
		Credentials: creds, HTTPClient: awshttp.NewBuildableClient(), RetryMaxAttempts: 1})
	return f
}

func call(t *testing.T) string {
	t.Helper()
	resp, err := handle(context.Background(), request{Name: "Ann"})
	if err != nil {
		t.Fatal(err)
	}
	return resp.Message
}

// freshened reports whether the package has been through freshen-gen; the
// CLI tests set FRESHEN_EXPECT=1 after fix so a missing registration fails.
func freshened(t *testing.T) bool {
	for _, h := range fr.Handlers() {
		if h == handlerName {
			return true
		}
	}
	if os.Getenv("FRESHEN_EXPECT") == "1" {
		t.Fatalf("%s is not registered; handlers: %v", handlerName, fr.Handlers())
	}
	return false
}

func TestSameAnswer(t *testing.T) {
	f := fakeAWS(t)
	plain := call(t)
	if plain != "Hello, Ann!" {
		t.Fatalf("answer %q", plain)
	}
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	_, before, _ := f.s3.stats()
	if got := call(t); got != plain {
		t.Errorf("answer with freshen %q, without %q", got, plain)
	}
	if _, after, _ := f.s3.stats(); after["GET"] != before["GET"] {
		t.Errorf("handler read the greeting again after freshen (%d GETs, %d before)", after["GET"], before["GET"])
	}
	if _, reqs, _ := f.ddb.stats(); reqs["POST"] != 2 {
		t.Errorf("items put %d times, want 2 (a warm must not put)", reqs["POST"])
	}
}

// TestWarmedConnection: freshen resolves the DynamoDB endpoint the client
// resolves (its BaseEndpoint here), opens it with the client's own HTTP
// client, and the handler's PutItem rides on that connection.
func TestWarmedConnection(t *testing.T) {
	f := fakeAWS(t)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	if n, reqs, _ := f.ddb.stats(); n != 1 || reqs["HEAD"] != 1 {
		t.Fatalf("freshen opened %d DynamoDB connections with %d HEAD requests; want 1 and 1", n, reqs["HEAD"])
	}
	call(t)
	n, _, hosts := f.ddb.stats()
	if n != 1 {
		t.Errorf("PutItem opened a connection of its own (%d in all): the warm did not serve it", n)
	}
	if len(hosts) != 2 || hosts[0] != "HEAD "+f.ddb.srv.Listener.Addr().String() || hosts[1] != "POST "+f.ddb.srv.Listener.Addr().String() {
		t.Errorf("requests %v: the warm and the PutItem must go to the same endpoint", hosts)
	}
}
