// Package main calls "pure" functions that run user code: String and
// Error methods reached through fmt, and function arguments.
package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode"
)

type clock struct{}

func (clock) String() string { return time.Now().Format("150405") }

type failure struct{}

func (failure) Error() string { return time.Now().String() }

type formatter struct{ n int }

func (f formatter) Format(s fmt.State, verb rune) { fmt.Fprint(s, time.Now().Unix()) }

type plainName struct{ Dir, File string }

var (
	c       clock
	e       failure
	fm      formatter
	boxed   any = "x"
	pn          = plainName{Dir: "/data", File: "a"}
	dur         = 5 * time.Second
	counter int
)

func next(r rune) rune {
	counter++
	return r
}

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(fmt.Sprintf("/data/%v", c))                                          // reject `formats c with fmt.Sprintf, which may call its methods`
	os.ReadFile(fmt.Sprint("/data/", e))                                             // reject `formats e with fmt.Sprint, which may call its methods`
	os.ReadFile(fmt.Sprintf("/data/%d", fm))                                         // reject `formats fm with fmt.Sprintf`
	os.ReadFile(fmt.Sprintf("/data/%v", boxed))                                      // reject `formats boxed with fmt.Sprintf, which may call its methods \(a any is not a type`
	os.ReadFile(strings.Map(next, "/data/x"))                                        // reject `passes next to strings.Map, and it is not a function known to be pure`
	os.ReadFile(strings.TrimFunc("/data/y ", func(r rune) bool { return r == ' ' })) // reject `is a function literal`
	os.ReadFile(fmt.Sprintf("%s/%s", pn.Dir, pn.File))                               // want `fetch #0`
	os.ReadFile(fmt.Sprintf("/data/%v", pn))                                         // want `fetch #1`
	os.ReadFile(strings.Map(unicode.ToLower, "/DATA/Z"))                             // want `fetch #2`
	os.ReadFile(strings.TrimFunc("/data/w ", unicode.IsSpace))                       // want `fetch #3`
	os.ReadFile(fmt.Sprint("/data/", dur))                                           // want `fetch #4`
}
