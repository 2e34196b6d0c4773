package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"

	"neghelper/shared"
)

// Helpers whose result reads package state the handler changes: run early,
// in the freshen function, they would serve one request's state to
// another. Their fetch is judged as the helper's own (and depends on its
// parameter); the rejection says why the helper is not one.

var (
	visitor string
	prefix  = []string{"hello"}
	banner  = "welcome"
	lang    = "en"
	tenant  = "acme"
)

func greeting() string { return "hello " + visitor }

// viaCallee reads visitor through greeting.
func viaCallee(path string) (string, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:30\); viaCallee is not a fetch helper: greeting reads visitor \(state\.go:26\), which is assigned in HandleState \(state\.go:124\)$`
	return greeting() + string(b), err
}

type who struct{}

func (who) String() string { return visitor }

// viaStringer has fmt call a method that reads visitor.
func viaStringer(path string) (string, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:40\); viaStringer is not a fetch helper: viaStringer formats who\{\} with fmt\.Sprint, which may call its methods \(a who is not a type freshen knows to print the same way every time\) \(state\.go:41\)$`
	return fmt.Sprint(who{}) + string(b), err
}

// viaOtherPackage reads an exported variable of another package.
func viaOtherPackage(path string) (string, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:46\); viaOtherPackage is not a fetch helper: viaOtherPackage reads shared\.User, a variable of another package, which any code may write \(state\.go:47\)$`
	return shared.User + string(b), err
}

// viaElement reads a slice the handler writes into.
func viaElement(path string) (string, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:52\); viaElement is not a fetch helper: viaElement reads prefix \(state\.go:53\), which is modified in HandleState \(state\.go:126\)$`
	return prefix[0] + string(b), err
}

type labelled struct{ Body string }

func (l labelled) MarshalJSON() ([]byte, error) { return []byte(`"` + lang + l.Body + `"`), nil }

// viaMarshal has json.Marshal call a method that reads lang.
func viaMarshal(path string) ([]byte, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:62\); viaMarshal is not a fetch helper: viaMarshal formats labelled\{Body: string\(b\)\} with json\.Marshal, which may call its methods \(a labelled is not a type freshen knows to print the same way every time\) \(state\.go:66\)$`
	if err != nil {
		return nil, err
	}
	return json.Marshal(labelled{Body: string(b)})
}

type tenantErr struct{}

func (tenantErr) Error() string { return "tenant " + tenant }

func check() error { return tenantErr{} }

// viaError formats an error whose Error method reads tenant.
func viaError(path string) ([]byte, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:77\); viaError is not a fetch helper: viaError formats e with fmt\.Errorf, which may call its methods \(a error is not a type freshen knows to print the same way every time\) \(state\.go:79\)$`
	if e := check(); e != nil {
		return b, fmt.Errorf("read %s: %w", path, e)
	}
	return b, err
}

type scoped struct{ Name string }

func (s *scoped) UnmarshalJSON(b []byte) error {
	s.Name = tenant + string(b)
	return nil
}

// viaDecode has json.Unmarshal call a method that reads tenant.
func viaDecode(path string) (scoped, error) {
	var out scoped
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:94\); viaDecode is not a fetch helper: viaDecode decodes into &out with json\.Unmarshal, which may call its methods \(a \*scoped has methods of its own\) \(state\.go:98\)$`
	if err != nil {
		return out, err
	}
	err = json.Unmarshal(b, &out)
	return out, err
}

type loader struct{}

func (loader) suffix() string { return lang }

func wrapped() string { return loader{}.suffix() }

// viaMethod reads lang two calls down, through a method.
func viaMethod(path string) (string, error) {
	b, err := os.ReadFile(path) // reject `^argument path depends on parameter path \(state\.go:110\); viaMethod is not a fetch helper: loader\.suffix reads lang \(state\.go:104\), which is assigned in HandleState \(state\.go:127\)$`
	return string(b) + wrapped(), err
}

// fine reads a variable nothing writes: still a fetch helper.
func fine(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", errors.Join(err)
	}
	return banner + string(b), nil
}

func HandleState(w http.ResponseWriter, r *http.Request) {
	visitor = r.URL.Query().Get("u")
	shared.User = visitor
	prefix[0] = visitor
	lang = r.Header.Get("Accept-Language")
	tenant = r.Header.Get("X-Tenant")
	viaCallee("/etc/a")
	viaStringer("/etc/b")
	viaOtherPackage("/etc/c")
	viaElement("/etc/d")
	viaMarshal("/etc/e")
	viaError("/etc/f")
	viaDecode("/etc/g")
	viaMethod("/etc/h")
	fine("/etc/i") // want `fine\("/etc/i"\) can be prefetched before HandleState runs \(fetch #0\)`
}
