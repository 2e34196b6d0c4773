// Package main writes Redis through redigo commands whose keys freshen
// cannot tell: a command named at run time, a Lua script, spread keys.
// Each may write any key, so no handler of the program prefetches a
// Redis read (every handler of a program shares its writes with the
// others).
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
	http.HandleFunc("/dynamic", Dynamic)
	http.HandleFunc("/script", Script)
	http.HandleFunc("/spread", Spread)
	http.ListenAndServe(":8080", nil)
}

func Dynamic(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rdb.Get(ctx, "config") // want `warm #0`
	conn := pool.Get()
	defer conn.Close()
	conn.Do(r.FormValue("cmd"), "x")
}

func Script(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rdb.Get(ctx, "config") // want `warm #0`
	conn := pool.Get()
	defer conn.Close()
	redis.NewScript(1, "return redis.call('SET', KEYS[1], 1)").Do(conn, "x")
}

func Spread(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rdb.Get(ctx, "config") // want `warm #0`
	conn := pool.Get()
	defer conn.Close()
	keys := []interface{}{"a", "b"}
	conn.Do("DEL", keys...)
}
