// Package main tries the remaining ways to change constant-looking memory:
// reflection, callbacks, builtins, method values, returned pointers,
// pointers kept in other structures.
package main

import (
	"net/http"
	"os"
	"reflect"
	"slices"
	"strings"
)

type cfg struct{ Path string }

func (c *cfg) set(p string) { c.Path = p }

type holder struct{ c *cfg }

var (
	viaReflect  = &cfg{Path: "/data/a"}
	sorted      = []string{"/data/c", "/data/b"}
	cleared     = map[string]string{"k": "/data/d"}
	copiedInto  = []byte("/data/e")
	callback    = &cfg{Path: "/data/f"}
	returned    = &cfg{Path: "/data/g"}
	kept        = &cfg{Path: "/data/h"}
	box         holder
	appendedTo  = make([]string, 1, 4)
	fine        = &cfg{Path: "/data/ok"}
	fineSlice   = []string{"/data/x", "/data/y"}
	upperOfFine = strings.ToUpper("/data/z")
)

func init() { box.c = kept }

func get() *cfg { return returned }

func apply(f func(string)) { f("/tmp/x") }

func main() {
	http.HandleFunc("/", Handle)
	http.HandleFunc("/generic", HandleGeneric)
}

func Handle(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Path
	reflect.ValueOf(viaReflect).Elem().Field(0).SetString(id)
	slices.SortFunc(sorted, strings.Compare)
	clear(cleared)
	copy(copiedInto, id)
	apply(callback.set)
	get().Path = id
	box.c.Path = id
	_ = append(appendedTo[:1], id)

	os.ReadFile(viaReflect.Path)              // reject `depends on viaReflect, which is passed to reflect.ValueOf in Handle, which may change it`
	os.ReadFile(sorted[0])                    // reject `depends on sorted, which is passed to slices.SortFunc in Handle, which may change it`
	os.ReadFile(cleared["k"])                 // reject `depends on cleared, which is modified by clear in Handle`
	os.ReadFile(string(copiedInto))           // reject `depends on copiedInto, which is modified by copy in Handle`
	os.ReadFile(callback.Path)                // reject `depends on callback, which is modified in cfg.set`
	os.ReadFile(returned.Path)                // reject `depends on returned, which is modified in Handle`
	os.ReadFile(kept.Path)                    // reject `depends on kept, which is modified in Handle`
	os.ReadFile(appendedTo[0])                // reject `depends on appendedTo, which is modified by append in Handle`
	os.ReadFile(fine.Path)                    // want `fetch #0`
	os.ReadFile(strings.Join(fineSlice, "/")) // want `fetch #1`
	os.ReadFile(upperOfFine)                  // want `fetch #2`
}
