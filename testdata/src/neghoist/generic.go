package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/redis/go-redis/v9"
)

// Generic functions hand back what they are given: a client or a
// configuration passed through one is still the one the handler changes.

func must[T any](v T) T { return v }

func ptrTo[T any](p *T) *T { return p }

func pass[T any](v T) T { return v }

// again instantiates pass with its own type parameter.
func again[T any](v T) T { return pass(v) }

type wrapped[T any] struct{ v T }

func (w wrapped[T]) get() T { return w.v }

var genCfg aws.Config

func init() {
	genCfg, _ = config.LoadDefaultConfig(context.Background())
}

func genericMust(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Options called on it in genericMust \(generic.go:37\)$`
	must(rdb).Options().DB = 2
}

func genericNested(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Options called on it in genericNested \(generic.go:42\)$`
	again(rdb).Options().DB = 3
}

func genericMethod(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb is stored in another variable in wrapped.get \(generic.go:27\)$`
	wrapped[*redis.Client]{rdb}.get().Options().DB = 4
}

func genericPtr(w http.ResponseWriter, r *http.Request) {
	ptrTo(&genCfg).Region = r.Header.Get("X-Region")
	dynamodb.NewFromConfig(genCfg) // reject `^argument genCfg is modified in genericPtr \(generic.go:51\)$`
}
