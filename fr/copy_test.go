package fr

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
	"unsafe"

	"github.com/aws/smithy-go/document"
	"github.com/aws/smithy-go/middleware"
)

// getObjectOutput has the shape of the AWS SDK v2 s3.GetObjectOutput: an
// exported Body, pointer fields, a metadata map, and the SDK's own
// unexported ResultMetadata and serde marker.
type getObjectOutput struct {
	Body           io.ReadCloser
	ContentLength  *int64
	ETag           *string
	LastModified   *time.Time
	Metadata       map[string]string
	ResultMetadata middleware.Metadata
	noSerde        document.NoSerde
}

type point struct{ X, Y int }

type tree struct {
	Name string
	Kids []*tree
	Tags map[string][]byte
	Up   *tree
}

type withMu struct {
	mu sync.Mutex
	n  []int
}

func TestNewTTLCopierRefuses(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
	}{
		{"func", func() error { _, err := NewTTLCopier[func()](); return err }},
		{"chan", func() error { _, err := NewTTLCopier[chan int](); return err }},
		{"interface", func() error { _, err := NewTTLCopier[error](); return err }},
		{"net.Conn", func() error { _, err := NewTTLCopier[net.Conn](); return err }},
		{"struct with func", func() error { _, err := NewTTLCopier[struct{ F func() }](); return err }},
		{"unsafe pointer", func() error { _, err := NewTTLCopier[unsafe.Pointer](); return err }},
		{"*sql.Rows", func() error { _, err := NewTTLCopier[*sql.Rows](); return err }},
		{"*http.Request", func() error { _, err := NewTTLCopier[*http.Request](); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.err(); err == nil {
				t.Fatal("accepted a type with no safe copy")
			}
		})
	}
}

func TestNewTTLCopierAccepts(t *testing.T) {
	tests := []struct {
		name string
		err  func() error
	}{
		{"string", func() error { _, err := NewTTLCopier[string](); return err }},
		{"[]byte", func() error { _, err := NewTTLCopier[[]byte](); return err }},
		{"int", func() error { _, err := NewTTLCopier[int](); return err }},
		{"point", func() error { _, err := NewTTLCopier[point](); return err }},
		{"*point", func() error { _, err := NewTTLCopier[*point](); return err }},
		{"time.Time", func() error { _, err := NewTTLCopier[time.Time](); return err }},
		{"map", func() error { _, err := NewTTLCopier[map[string][]int](); return err }},
		{"tree", func() error { _, err := NewTTLCopier[*tree](); return err }},
		{"withMu", func() error { _, err := NewTTLCopier[withMu](); return err }},
		{"*http.Response", func() error { _, err := NewTTLCopier[*http.Response](); return err }},
		{"GetObjectOutput", func() error { _, err := NewTTLCopier[*getObjectOutput](); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// ttlState returns a State whose entry 0 holds v under a TTL.
func ttlState[T any](t *testing.T, v func() T) *State {
	t.Helper()
	s := NewState("test.Copies", 1)
	s.SetTTL(0, time.Hour)
	if err := s.Run(context.Background(), Fetch(0, func(context.Context) (T, error) { return v(), nil })); err != nil {
		t.Fatal(err)
	}
	return s
}

func hit[T any](t *testing.T, s *State) T {
	t.Helper()
	v, err := FrFetch(context.Background(), s, 0, func() (T, error) {
		t.Fatal("the call ran: the TTL result was not served")
		var zero T
		return zero, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCopiesAreIndependent(t *testing.T) {
	t.Run("[]byte", func(t *testing.T) {
		s := ttlState(t, func() []byte { return []byte("abc") })
		a := hit[[]byte](t, s)
		a[0] = 'X'
		if b := hit[[]byte](t, s); string(b) != "abc" {
			t.Fatalf("mutating one copy changed another: %q", b)
		}
	})
	t.Run("[]byte, 64 bytes, many callers", func(t *testing.T) {
		want := bytes.Repeat([]byte("0123456789abcdef"), 4)
		s := ttlState(t, func() []byte { return bytes.Clone(want) })
		var seen []unsafe.Pointer
		for range 3 {
			a := hit[[]byte](t, s)
			if !bytes.Equal(a, want) {
				t.Fatalf("copy = %q", a)
			}
			for _, p := range seen {
				if p == unsafe.Pointer(unsafe.SliceData(a)) {
					t.Fatal("two callers share one backing array")
				}
			}
			seen = append(seen, unsafe.Pointer(unsafe.SliceData(a)))
			clear(a)
		}
	})
	t.Run("named byte slice", func(t *testing.T) {
		type blob []byte
		s := ttlState(t, func() blob { return blob("abc") })
		a := hit[blob](t, s)
		a[0] = 'X'
		if b := hit[blob](t, s); string(b) != "abc" {
			t.Fatalf("mutating one copy changed another: %q", b)
		}
		if st := s.Stats().Entries[0]; st.Bytes != 3 {
			t.Fatalf("bytes prefetched = %d, want 3", st.Bytes)
		}
		cp, err := NewTTLCopier[blob]()
		if err != nil {
			t.Fatal(err)
		}
		orig := blob("xyz")
		c, _ := cp(orig)
		c[0] = 'Q'
		if string(orig) != "xyz" {
			t.Fatal("NewTTLCopier's copy shares memory")
		}
		if n, _ := cp(nil); n != nil {
			t.Fatal("nil copied to non-nil")
		}
	})
	t.Run("empty and nil []byte", func(t *testing.T) {
		if v := hit[[]byte](t, ttlState(t, func() []byte { return nil })); v != nil {
			t.Fatalf("nil served as %#v", v)
		}
		if v := hit[[]byte](t, ttlState(t, func() []byte { return []byte{} })); v == nil || len(v) != 0 {
			t.Fatalf("empty served as %#v", v)
		}
	})
	t.Run("tree", func(t *testing.T) {
		s := ttlState(t, func() *tree {
			root := &tree{Name: "root", Tags: map[string][]byte{"k": []byte("v")}}
			kid := &tree{Name: "kid", Up: root}
			root.Kids = []*tree{kid}
			return root
		})
		a := hit[*tree](t, s)
		if a.Kids[0].Up != a {
			t.Fatal("aliasing inside the value was not kept")
		}
		a.Name = "mutated"
		a.Kids[0].Name = "mutated"
		a.Tags["k"][0] = 'X'
		a.Tags["new"] = nil
		b := hit[*tree](t, s)
		if b.Name != "root" || b.Kids[0].Name != "kid" || string(b.Tags["k"]) != "v" || len(b.Tags) != 1 {
			t.Fatalf("mutating one copy changed another: %+v", b)
		}
	})
	t.Run("*http.Response", func(t *testing.T) {
		o := newOrigin(t, "payload")
		s := NewState("test.CopiesResp", 1)
		s.SetTTL(0, time.Hour)
		if err := s.Run(context.Background(), o.fetch(0)); err != nil {
			t.Fatal(err)
		}
		a := hit[*http.Response](t, s)
		b := hit[*http.Response](t, s)
		a.Header.Set("X-Hit", "mutated")
		if bodyString(t, a) != "payload" {
			t.Fatal("first copy's body")
		}
		if got := bodyString(t, b); got != "payload" {
			t.Fatalf("second copy's body = %q after the first was read", got)
		}
		if b.Header.Get("X-Hit") != "1" {
			t.Fatal("header mutation leaked between copies")
		}
		if c := hit[*http.Response](t, s); bodyString(t, c) != "payload" {
			t.Fatal("third copy")
		}
		if n := o.hits.Load(); n != 1 {
			t.Fatalf("server hits = %d", n)
		}
	})
	t.Run("GetObjectOutput", func(t *testing.T) {
		size, etag := int64(4), "e1"
		s := ttlState(t, func() *getObjectOutput {
			out := &getObjectOutput{
				Body:          io.NopCloser(strings.NewReader("data")),
				ContentLength: &size,
				ETag:          &etag,
				Metadata:      map[string]string{"a": "1"},
			}
			out.ResultMetadata.Set("request-id", "r1")
			return out
		})
		a := hit[*getObjectOutput](t, s)
		*a.ETag = "mutated"
		a.Metadata["a"] = "mutated"
		a.ResultMetadata.Set("request-id", "mutated")
		ab, _ := io.ReadAll(a.Body)
		b := hit[*getObjectOutput](t, s)
		bb, _ := io.ReadAll(b.Body)
		if string(ab) != "data" || string(bb) != "data" {
			t.Fatalf("bodies %q %q", ab, bb)
		}
		if *b.ETag != "e1" || b.Metadata["a"] != "1" || b.ResultMetadata.Get("request-id") != "r1" {
			t.Fatalf("mutation leaked: etag %q meta %v rm %v", *b.ETag, b.Metadata, b.ResultMetadata.Get("request-id"))
		}
	})
}

// A value whose interface parts cannot be copied is handed out once.
func TestUncopyableDynamicValueHandedOutOnce(t *testing.T) {
	s := NewState("test.Dynamic", 1)
	s.SetTTL(0, time.Hour)
	err := s.Run(context.Background(), Fetch(0, func(context.Context) (*getObjectOutput, error) {
		out := &getObjectOutput{Body: io.NopCloser(strings.NewReader("d"))}
		out.ResultMetadata.Set("hook", func() {}) // no safe copy
		return out, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	inline := func() (*getObjectOutput, error) { return &getObjectOutput{}, nil }
	a, _ := FrFetch(context.Background(), s, 0, inline)
	if a.Body == nil {
		t.Fatal("prefetched value not served once")
	}
	if b, _ := FrFetch(context.Background(), s, 0, inline); b.Body != nil {
		t.Fatal("an uncopyable value was served twice")
	}
}

func TestNewTTLCopierFunc(t *testing.T) {
	cp, err := NewTTLCopier[*http.Response]()
	if err != nil {
		t.Fatal(err)
	}
	orig := &http.Response{StatusCode: 200, Header: http.Header{"A": {"1"}}, Body: io.NopCloser(bytes.NewReader([]byte("body")))}
	c, err := cp(orig)
	if err != nil {
		t.Fatal(err)
	}
	cb, _ := io.ReadAll(c.Body)
	ob, _ := io.ReadAll(orig.Body)
	if string(cb) != "body" || string(ob) != "body" {
		t.Fatalf("copy %q, original %q", cb, ob)
	}
	cpBig, _ := NewTTLCopier[[]byte]()
	if v, err := cpBig([]byte("x")); err != nil || string(v) != "x" {
		t.Fatal(v, err)
	}
	if _, err := cp(&http.Response{Body: io.NopCloser(io.LimitReader(zeros{}, DefaultBodyLimit+1))}); !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("over the limit: %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// objectValue is a Body struct used by value, not through a pointer.
type objectValue struct {
	Body io.ReadCloser
	Size int
}

func TestBodyStructValue(t *testing.T) {
	for _, ttl := range []time.Duration{0, time.Hour} {
		t.Run(ttl.String(), func(t *testing.T) {
			s := NewState("test.BodyValue", 1)
			s.SetTTL(0, ttl)
			src := &closer{}
			err := s.Run(context.Background(), Fetch(0, func(context.Context) (objectValue, error) {
				return objectValue{Body: struct {
					io.Reader
					io.Closer
				}{strings.NewReader("obj"), src}, Size: 3}, nil
			}))
			if err != nil {
				t.Fatal(err)
			}
			if !src.closed.Load() {
				t.Fatal("the original body was not closed after buffering")
			}
			calls := 1
			if ttl > 0 {
				calls = 3
			}
			for range calls {
				v := hit[objectValue](t, s)
				if b, _ := io.ReadAll(v.Body); string(b) != "obj" || v.Size != 3 {
					t.Fatalf("got %q, %d", b, v.Size)
				}
			}
		})
	}
}

func TestBodyStructOverLimit(t *testing.T) {
	s := NewState("test.BodyStructLimit", 1)
	s.SetBodyLimit(2)
	src := &closer{}
	err := s.Run(context.Background(), Fetch(0, func(context.Context) (*getObjectOutput, error) {
		return &getObjectOutput{Body: struct {
			io.Reader
			io.Closer
		}{strings.NewReader("too long"), src}}, nil
	}))
	if !errors.Is(err, ErrBodyTooLarge) {
		t.Fatalf("Run = %v", err)
	}
	if !src.closed.Load() {
		t.Fatal("dropped body not closed")
	}
}
