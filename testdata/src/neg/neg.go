package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"negother"
)

type config struct {
	Path string
	Tags []string
}

func (c *config) SetPath(p string) { c.Path = p }

func (c config) Get() string { return c.Path }

type box struct{ path string }

var (
	reassigned     = "/data/a"
	reassignedElse = "/data/b"
	inClosure      = "/data/c"
	addrTaken      = "/data/d"
	viaPointer     = "/data/e"
	fieldWritten   = config{Path: "/data/f"}
	elemWritten    = [2]string{"/data/g", "/data/h"}
	mapWritten     = map[string]string{"k": "/data/i"}
	sliceWritten   = []string{"/data/j"}
	ptrMethod      = config{Path: "/data/k"}
	ptrPointee     = &box{path: "/data/l"}
	ptrAliased     = &config{Path: "/data/m"}
	ptrPassed      = &config{Path: "/data/n"}
	appended       = []string{"/data/o"}
	deleted        = map[string]string{"k": "/data/p"}
	copied         = []string{"/data/q"}
	initNow        string
	nonPure                    = computeName()
	tupleA, tupleB             = twoNames()
	counter                    = 0
	opAssigned                 = "/data/r"
	iface          interface{} = "/data/s"
	setInMain      string
	okValue        = "/data/ok"
	okStruct       = config{Path: "/data/ok2"}
	sharedTags     = config{Tags: []string{"/data/t1"}}
	inner          = struct{ box *box }{box: &box{path: "/data/in"}}
	methodValue    = config{Path: "/data/mv"}
)

func computeName() string { return "/data/" + fmt.Sprint(len(os.Args)) }

func twoNames() (string, string) { return "/a", "/b" }

func init() {
	initNow = "/data/" + time.Now().Format("150405")
}

func main() {
	setInMain = "/data/main"
	http.HandleFunc("/neg", Handle)
	closure := func() { inClosure = "/tmp/x" }
	closure()
	p := &viaPointer
	*p = "/tmp/y"
	json.Unmarshal(nil, &addrTaken)
	ptrMethod.SetPath("/tmp/z")
	mutateBox(&box{})
	alias := ptrAliased
	_ = alias
	consume(ptrPassed)
	appended = append(appended, "x")
	delete(deleted, "k")
	copy(copied, []string{"y"})
	set := methodValue.SetPath
	set("/tmp/mv")
}

func mutateBox(b *box) { b.path = "/tmp/w" }

func consume(c *config) {}

func other() {
	reassignedElse = "/tmp/v"
	counter++
	opAssigned += ".bak"
	iface = 3
}

func Handle(w http.ResponseWriter, r *http.Request) {
	reassigned = r.URL.Path
	fieldWritten.Path = "/tmp/u"
	elemWritten[0] = "/tmp/t"
	mapWritten["k"] = "/tmp/s"
	sliceWritten[0] = "/tmp/r"

	os.ReadFile(reassigned)          // reject `argument reassigned is assigned in Handle`
	os.ReadFile(reassignedElse)      // reject `argument reassignedElse is assigned in other`
	os.ReadFile(inClosure)           // reject `argument inClosure is assigned in main`
	os.ReadFile(addrTaken)           // reject `argument addrTaken is passed to json.Unmarshal in main, which may change it \(neg.go:76\)`
	os.ReadFile(viaPointer)          // reject `argument viaPointer is assigned in main \(neg.go:75\)`
	os.ReadFile(fieldWritten.Path)   // reject `depends on fieldWritten, which is modified in Handle`
	os.ReadFile(elemWritten[1])      // reject `depends on elemWritten, which is modified in Handle`
	os.ReadFile(mapWritten["k"])     // reject `depends on mapWritten, which is modified in Handle`
	os.ReadFile(sliceWritten[0])     // reject `depends on sliceWritten, which is modified in Handle`
	os.ReadFile(ptrMethod.Path)      // reject `depends on ptrMethod, which is modified in config.SetPath \(neg.go:24\)`
	os.ReadFile(ptrMethod.Get())     // reject `depends on ptrMethod, which is modified in config.SetPath`
	os.ReadFile(ptrPointee.path)     // want `fetch #0`
	os.ReadFile(ptrAliased.Path)     // want `fetch #1`
	os.ReadFile(ptrPassed.Path)      // want `fetch #2`
	os.ReadFile(appended[0])         // reject `depends on appended, which is set in main`
	os.ReadFile(deleted["k"])        // reject `depends on deleted, which is modified by delete`
	os.ReadFile(copied[0])           // reject `depends on copied, which is modified by copy`
	os.ReadFile(initNow)             // reject `calls time.Now, which differs between invocations`
	os.ReadFile(nonPure)             // reject `calls main.computeName, which is not known to be pure`
	os.ReadFile(tupleA)              // reject `argument tupleA calls main.twoNames, which is not known to be pure`
	os.ReadFile(fmt.Sprint(counter)) // reject `depends on counter, which is assigned in other`
	os.ReadFile(opAssigned)          // reject `argument opAssigned is assigned in other`
	os.ReadFile(iface.(string))      // reject `depends on iface, which is assigned in other`
	os.ReadFile(setInMain)           // reject `argument setInMain is set in main`
	os.ReadFile(negother.Path)       // reject `depends on negother.Path, an exported variable`
	os.ReadFile(negother.Name())     // reject `calls negother.Name, which is not known to be pure`

	os.ReadFile(time.Now().Format("/data/2006"))     // reject `calls time.Now, which differs between invocations`
	os.ReadFile(fmt.Sprintf("/data/%d", rand.Int())) // reject `calls rand.Int, which is random`
	os.ReadFile(r.URL.Path)                          // reject `argument r.URL.Path depends on parameter r`
	id := r.FormValue("id")
	name := "/data/" + strings.ToLower(id)
	os.ReadFile(name)                            // reject `argument name depends on parameter r`
	os.ReadFile(os.Getenv("FILE"))               // reject `calls os.Getenv, which is read at call time`
	os.ReadFile(r.Context().Value("k").(string)) // reject `depends on parameter r`

	var twice string
	if len(id) > 3 {
		twice = "/data/long"
	} else {
		twice = "/data/short"
	}
	os.ReadFile(twice) // reject `argument twice is assigned more than once`

	for _, f := range []string{"/a", "/b"} {
		os.ReadFile(f) // reject `argument f is a loop variable`
	}
	fromCall := computeName()
	os.ReadFile(fromCall)           // reject `calls main.computeName, which is not known to be pure`
	data, _ := os.ReadFile(okValue) // want `fetch #3`
	fromMulti, _ := twoNames()
	os.ReadFile(fromMulti) // reject `argument fromMulti calls main.twoNames, which is not known to be pure`
	port, _ := strconv.Atoi("8080")
	os.ReadFile(fmt.Sprint(port)) // reject `depends on port, which comes from a multi-value call`
	_ = data
	n := 1
	n++
	os.ReadFile(fmt.Sprint(n)) // reject `depends on n, which is assigned more than once`

	captured := "/data/cap"
	bump := func() { captured = "/data/other" }
	bump()
	os.ReadFile(captured) // reject `argument captured is assigned more than once`

	ch := make(chan string, 1)
	ch <- "/data/ch"
	os.ReadFile(<-ch) // reject `receives from a channel`

	local := "/data/local"
	fmt.Sscan("x", &local)
	os.ReadFile(local) // reject `argument local is passed to fmt.Sscan in Handle, which may change it`

	for k := range mapWritten {
		os.ReadFile(k) // reject `argument k is a loop variable`
	}

	var anyv interface{} = okValue
	switch v := anyv.(type) {
	case string:
		os.ReadFile(v) // reject `argument v is not a simple variable`
	}

	cp := sharedTags
	cp.Tags[0] = id
	os.ReadFile(sharedTags.Tags[0]) // reject `depends on sharedTags, which is modified in Handle \(neg.go:190\)`
	os.ReadFile(methodValue.Path)   // reject `depends on methodValue, which is modified in config.SetPath`
	os.ReadFile(inner.box.path)     // want `fetch #4`

	tags := okStruct.Tags
	tags = append(tags, "x")
	os.ReadFile(tags[0]) // reject `argument tags\[0\] depends on tags, which is assigned more than once`

	http.Get("https://api.example.com" + id) // reject `the constant part before it does not fix the host`
	http.Get(id + "/x")                      // reject `argument id depends on parameter r|URL id \+ "/x" depends on parameter r`
	_ = w
}

// Lambda event fields are never constant.
//
//freshen:handler
func handleEvent(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	os.ReadFile(ev.Body)                            // reject `argument ev.Body depends on parameter ev`
	os.ReadFile("/data/" + ev.PathParameters["id"]) // reject `depends on parameter ev`
	os.ReadFile(ctx.Value("path").(string))         // reject `depends on parameter ctx`
	return events.APIGatewayProxyResponse{}, nil
}

// Methods as handlers: the receiver is an input too.
type server struct{ path string }

func (s *server) Serve(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(s.path) // reject `argument s.path depends on receiver s`
}

var srv = &server{path: "/data/srv"}

func register(mux *http.ServeMux) {
	mux.HandleFunc("/srv", srv.Serve)
}
