package main

import (
	"net/http"
	"os"
)

// Generic functions return references into what they are given: writing
// through the result writes the package variable. Each case has its own
// function: results of one function are followed to all its callers.

func firstOf[T any](s []T) *T { return &s[0] }

func same[T any](v T) T { return v }

func elem[T any](s []T) *T { return &s[0] }

// firstAgain instantiates elem with its own type parameter.
func firstAgain[T any](s []T) *T { return elem(s) }

type list[T any] []T

func (l list[T]) at(i int) *T { return &l[i] }

func mapOf[K comparable, V any](m map[K]V) map[K]V { return m }

func elemAt[T any](s []T) *T { return &s[0] }

// elemAt[string] is also a function value: its callers are not all known.
var pickers = []func([]string) *string{elemAt[string]}

func peek[T any](s []T) *T { return &s[len(s)-1] }

var (
	genFirst  = []string{"/data/g1"}
	genSame   = &cfg{Path: "/data/g2"}
	genNested = []string{"/data/g3"}
	genMethod = list[string]{"/data/g4"}
	genMap    = map[string]string{"k": "/data/g5"}
	genValue  = []string{"/data/g6"}
	genRead   = []string{"/data/g7"}
)

func HandleGeneric(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Path
	*firstOf(genFirst) = id
	same(genSame).Path = id
	*firstAgain(genNested) = id
	*genMethod.at(0) = id
	mapOf(genMap)["k"] = id
	_ = *elemAt(genValue)
	_ = *peek(genRead)

	os.ReadFile(genFirst[0])  // reject `^argument genFirst\[0\] depends on genFirst, which is modified in HandleGeneric \(generic.go:46\)$`
	os.ReadFile(genSame.Path) // reject `^argument genSame.Path depends on genSame, which is modified in HandleGeneric \(generic.go:47\)$`
	os.ReadFile(genNested[0]) // reject `^argument genNested\[0\] depends on genNested, which is modified in HandleGeneric \(generic.go:48\)$`
	os.ReadFile(genMethod[0]) // reject `^argument genMethod\[0\] depends on genMethod, which is returned by list.at, whose callers freshen cannot all see \(generic.go:23\)$`
	os.ReadFile(genMap["k"])  // reject `^argument genMap\["k"\] depends on genMap, which is modified in HandleGeneric \(generic.go:50\)$`
	os.ReadFile(genValue[0])  // reject `^argument genValue\[0\] depends on genValue, which is returned by elemAt, whose callers freshen cannot all see \(generic.go:27\)$`
	os.ReadFile(genRead[0])   // want `fetch #0`
}
