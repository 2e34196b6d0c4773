package main

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/freshen-go/freshen/fr"
)

const handlerName = "example.com/hoist.handle"

// table is a DynamoDB stand-in on loopback that counts the connections
// and requests it serves.
var ddb struct {
	conns, gets atomic.Int64
	srv         *httptest.Server
}

// TestMain starts the one server every test uses: once built, the
// runtime-scoped client keeps the endpoint it was built with.
func TestMain(m *testing.M) {
	ddb.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ddb.gets.Add(1)
		var in struct {
			TableName string
			Key       map[string]string
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.TableName != "greetings" || in.Key["id"] != "hello" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		json.NewEncoder(w).Encode(map[string]string{"text": "bonjour"})
	}))
	ddb.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			ddb.conns.Add(1)
		}
	}
	ddb.srv.Start()
	endpoint = ddb.srv.URL
	code := m.Run()
	ddb.srv.Close()
	os.Exit(code)
}

func invoke(t *testing.T, name string) string {
	t.Helper()
	resp, err := handle(context.Background(), events.APIGatewayProxyRequest{QueryStringParameters: map[string]string{"name": name}})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("status %d, err %v", resp.StatusCode, err)
	}
	return resp.Body
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

// TestRuntimeScopedClient runs in order: the freshen hook first, then
// invocations, then concurrent ones. Before freshen-gen every invocation
// opens a connection of its own.
func TestRuntimeScopedClient(t *testing.T) {
	if !freshened(t) {
		conns := ddb.conns.Load()
		for _, name := range []string{"ann", "bob"} {
			if got := invoke(t, name); got != "bonjour, "+name {
				t.Fatalf("answer %q", got)
			}
		}
		if n := ddb.conns.Load() - conns; n != 2 {
			t.Errorf("%d connections for two invocations with a client each, want 2", n)
		}
		return
	}
	st, _ := fr.Lookup(handlerName)
	entry := func(i int) fr.EntryStats { return st.Stats().Entries[i] }

	// The hook runs first: it builds the configuration and the client,
	// and prefetches the item through that client's pool.
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if e := entry(i); e.Kind != "hoist" || e.Hoisted != 1 || e.Runs != 1 || e.Inline != 0 {
			t.Fatalf("entry %d after the hook: %+v", i, e)
		}
	}
	if ddb.gets.Load() != 1 || ddb.conns.Load() != 1 {
		t.Fatalf("after the hook: %d requests on %d connections, want the prefetch on 1", ddb.gets.Load(), ddb.conns.Load())
	}

	// Two invocations share the client the hook built: no new pool, no
	// new connection.
	if got := invoke(t, "ann"); got != "bonjour, ann" {
		t.Fatalf("answer %q", got)
	}
	if ddb.gets.Load() != 1 {
		t.Errorf("the first invocation read the item again: %d requests", ddb.gets.Load())
	}
	if got := invoke(t, "bob"); got != "bonjour, bob" {
		t.Fatalf("answer %q", got)
	}
	if ddb.gets.Load() != 2 || ddb.conns.Load() != 1 {
		t.Errorf("two invocations: %d requests on %d connections, want 2 on 1", ddb.gets.Load(), ddb.conns.Load())
	}
	for i := range 2 {
		if e := entry(i); e.Hits != 2 || e.Hoisted != 1 {
			t.Errorf("entry %d: %+v, want both invocations served the hook's value", i, e)
		}
	}

	// Concurrent invocations still share one client.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := handle(context.Background(), events.APIGatewayProxyRequest{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 2 {
		if e := entry(i); e.Hoisted != 1 || e.Inline != 0 {
			t.Errorf("entry %d after concurrent invocations: %+v", i, e)
		}
	}
	// Another freshen finds the client built and only prefetches.
	if err := fr.Freshen(context.Background(), handlerName); err != nil {
		t.Fatal(err)
	}
	if e := entry(1); e.Runs != 2 || e.Hoisted != 1 {
		t.Errorf("second hook: %+v", e)
	}
}
