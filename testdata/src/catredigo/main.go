// Package main reads Redis through go-redis and writes it through redigo:
// a redigo command is a write unless its constant name is a read command,
// and it writes the keys its constant arguments name (or any key).
// redigo calls themselves are never prefetched or warmed: a pooled
// connection carries session state (SELECT, MULTI, pipelined replies) a
// fresh one in the hook would not have, and the pool dials through a
// function value freshen cannot judge.
package main

import (
	"net/http"

	"github.com/gomodule/redigo/redis"
	goredis "github.com/redis/go-redis/v9"
)

var (
	rdb  = goredis.NewClient(&goredis.Options{Addr: "cache:6379"})
	pool = &redis.Pool{MaxIdle: 3, Dial: func() (redis.Conn, error) { return redis.Dial("tcp", "cache:6379") }}
)

func main() {
	http.HandleFunc("/count", Count)
	http.ListenAndServe(":8080", nil)
}

func Count(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	conn := pool.Get()
	defer conn.Close()
	rdb.Get(ctx, "config") // want `fetch #0`
	rdb.Get(ctx, "hits")   // want `warm #1`
	rdb.Get(ctx, "flags")  // want `warm #2`
	rdb.Get(ctx, "a")      // want `warm #3`
	rdb.HGetAll(ctx, "c")  // want `fetch #4`
	conn.Do("GET", "config")
	conn.Do("incr", "hits")
	redis.DoContext(conn, ctx, "SET", "flags", r.FormValue("f"))
	conn.Send("DEL", "a", "b")
	redis.String(conn.Do("HGETALL", "c"))
}
