package main

import (
	"context"
	"net/http"

	"github.com/redis/go-redis/v9"
)

// A shared go-redis client may only send data commands: a command sent by
// name, a script, a pipeline or a connection of its own can AUTH, SELECT a
// database or name a pooled connection that the next invocation gets.

func redisAuth(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Do called on it in redisAuth \(redis.go:16\)$`
	rdb.Do(r.Context(), "AUTH", r.Header.Get("X-User"), r.Header.Get("X-Secret"))
}

func redisSelect(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Do called on it in redisSelect \(redis.go:21\)$`
	rdb.Do(r.Context(), "SELECT", 2)
	rdb.Get(r.Context(), "config") // reject `^receiver rdb has method Do called on it in redisSelect \(redis.go:21\)$`
}

func redisSetName(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method DoRaw called on it in redisSetName \(redis.go:27\)$`
	rdb.DoRaw(r.Context(), "CLIENT", "SETNAME", r.URL.Path)
}

func redisScript(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Eval called on it in redisScript \(redis.go:32\)$`
	rdb.Eval(r.Context(), "return redis.call('SELECT', 3)", nil)
}

func redisTracking(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method ClientTrackingOff called on it in redisTracking \(redis.go:37\)$`
	rdb.ClientTrackingOff(r.Context())
}

func redisPipeline(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Pipeline called on it in redisPipeline \(redis.go:42\)$`
	p := rdb.Pipeline()
	p.Select(r.Context(), 1)
	p.Exec(r.Context())
}

func redisPipelined(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Pipelined called on it in redisPipelined \(redis.go:49\)$`
	rdb.Pipelined(r.Context(), func(p redis.Pipeliner) error {
		return p.Auth(r.Context(), r.Header.Get("X-Secret")).Err()
	})
}

func redisConn(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Conn called on it in redisConn \(redis.go:56\)$`
	c := rdb.Conn()
	c.Select(r.Context(), 4)
}

func redisProcess(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // reject `^result rdb has method Process called on it in redisProcess \(redis.go:62\)$`
	rdb.Process(r.Context(), sendsAnything(r.Context()))
}

func sendsAnything(ctx context.Context) redis.Cmder { return nil }
