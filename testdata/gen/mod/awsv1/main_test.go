package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/ssm"

	"github.com/freshen-go/freshen/fr"
)

const handlerName = "example.com/awsv1.handle"

// service is a loopback stand-in for one AWS endpoint: it counts the
// connections opened to it and the requests of each kind.
type service struct {
	srv   *httptest.Server
	mu    sync.Mutex
	conns int
	reqs  map[string]int // "GET", "HEAD", or the X-Amz-Target of a POST
	fail  bool           // answer the next non-HEAD request with 500
}

func newService(t *testing.T, answer func(w http.ResponseWriter, r *http.Request)) *service {
	s := &service{reqs: map[string]int{}}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		kind := r.Method
		if t := r.Header.Get("X-Amz-Target"); t != "" {
			kind = t
		}
		s.mu.Lock()
		s.reqs[kind]++
		fail := s.fail && kind != http.MethodHead
		if fail {
			s.fail = false
		}
		s.mu.Unlock()
		switch {
		case kind == http.MethodHead:
			w.WriteHeader(http.StatusForbidden) // as AWS answers an anonymous HEAD /
		case fail:
			w.WriteHeader(http.StatusInternalServerError)
		default:
			answer(w, r)
		}
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

func (s *service) count(kind string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.reqs[kind]
}

func (s *service) connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns
}

type fakes struct{ s3, ssm, ddb *service }

// fakeAWS points the function's clients at loopback services.
func fakeAWS(t *testing.T) *fakes {
	f := &fakes{
		s3: newService(t, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/greeter-config/greeting.txt" {
				http.NotFound(w, r)
				return
			}
			io.WriteString(w, "Hello, %s")
		}),
		ssm: newService(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			json.NewEncoder(w).Encode(map[string]any{"Parameter": map[string]string{"Name": "/greeter/punctuation", "Value": "!"}})
		}),
		ddb: newService(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/x-amz-json-1.0")
			io.WriteString(w, "{}")
		}),
	}
	// The environment's CA bundle, if any, is not needed on loopback.
	t.Setenv("AWS_CA_BUNDLE", "")
	tr := &http.Transport{}
	t.Cleanup(tr.CloseIdleConnections)
	sess := session.Must(session.NewSession(&aws.Config{
		Region:           aws.String("us-east-1"),
		Credentials:      credentials.NewStaticCredentials("AKID", "secret", ""),
		HTTPClient:       &http.Client{Transport: tr},
		S3ForcePathStyle: aws.Bool(true),
		MaxRetries:       aws.Int(0),
	}))
	s3c = s3.New(sess, &aws.Config{Endpoint: aws.String(f.s3.srv.URL)})
	ssmc = ssm.New(sess, &aws.Config{Endpoint: aws.String(f.ssm.srv.URL)})
	ddb = dynamodb.New(sess, &aws.Config{Endpoint: aws.String(f.ddb.srv.URL)})
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
	gets, params := f.s3.count("GET"), f.ssm.count("AmazonSSM.GetParameter")
	if got := call(t); got != plain {
		t.Errorf("answer with freshen %q, without %q", got, plain)
	}
	if n := f.s3.count("GET") - gets; n != 0 {
		t.Errorf("handler read the greeting %d times after freshen; want 0", n)
	}
	if n := f.ssm.count("AmazonSSM.GetParameter") - params; n != 0 {
		t.Errorf("handler read the parameter %d times after freshen; want 0", n)
	}
	if n := f.ddb.count("DynamoDB_20120810.PutItem"); n != 2 {
		t.Errorf("items put %d times, want 2 (a warm must not put)", n)
	}
	// A result is handed out once: the next invocation reads again.
	call(t)
	if n := f.s3.count("GET") - gets; n != 1 {
		t.Errorf("second call after one freshen read the greeting %d times, want 1", n)
	}
}

// TestWarmedConnection: freshen opens the DynamoDB connection through the
// client's own HTTP client, and the handler's PutItem uses it.
func TestWarmedConnection(t *testing.T) {
	f := fakeAWS(t)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	if n, heads := f.ddb.connections(), f.ddb.count("HEAD"); n != 1 || heads != 1 {
		t.Fatalf("freshen opened %d DynamoDB connections with %d HEAD requests; want 1 and 1", n, heads)
	}
	call(t)
	if n := f.ddb.connections(); n != 1 {
		t.Errorf("PutItem opened a connection of its own (%d in all): the warm did not serve it", n)
	}
}

func TestServiceFailsDuringFreshen(t *testing.T) {
	f := fakeAWS(t)
	if !freshened(t) {
		t.Skip("package not freshened")
	}
	f.s3.mu.Lock()
	f.s3.fail = true
	f.s3.mu.Unlock()
	_ = fr.Freshen(context.Background(), handlerName) // fails: never fatal
	if got := call(t); got != "Hello, Ann!" {
		t.Errorf("answer after failed freshen %q", got)
	}
	if n := f.s3.count("GET"); n != 2 {
		t.Errorf("greeting read %d times, want 2 (failed freshen, then the handler)", n)
	}
}
