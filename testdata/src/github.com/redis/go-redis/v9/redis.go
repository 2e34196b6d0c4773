// Package redis is a test stub with the real API's signatures.
package redis

import (
	"context"
	"time"
)

type Options struct {
	Addr string
	DB   int
}

type Cmder interface{ Err() error }

type baseCmd struct{ err error }

func (c *baseCmd) Err() error { return c.err }

type StringCmd struct{ baseCmd }

func (c *StringCmd) Result() (string, error) { return "", c.err }

type StatusCmd struct{ baseCmd }
type IntCmd struct{ baseCmd }
type BoolCmd struct{ baseCmd }
type SliceCmd struct{ baseCmd }
type StringSliceCmd struct{ baseCmd }
type MapStringStringCmd struct{ baseCmd }

type cmdable func(ctx context.Context, cmd Cmder) error

func (c cmdable) Ping(ctx context.Context) *StatusCmd                    { return &StatusCmd{} }
func (c cmdable) Get(ctx context.Context, key string) *StringCmd         { return &StringCmd{} }
func (c cmdable) HGet(ctx context.Context, key, field string) *StringCmd { return &StringCmd{} }
func (c cmdable) HGetAll(ctx context.Context, key string) *MapStringStringCmd {
	return &MapStringStringCmd{}
}
func (c cmdable) MGet(ctx context.Context, keys ...string) *SliceCmd       { return &SliceCmd{} }
func (c cmdable) Exists(ctx context.Context, keys ...string) *IntCmd       { return &IntCmd{} }
func (c cmdable) SMembers(ctx context.Context, key string) *StringSliceCmd { return &StringSliceCmd{} }
func (c cmdable) LRange(ctx context.Context, key string, start, stop int64) *StringSliceCmd {
	return &StringSliceCmd{}
}
func (c cmdable) MSet(ctx context.Context, values ...interface{}) *StatusCmd { return &StatusCmd{} }

func (c cmdable) Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return &StatusCmd{}
}
func (c cmdable) SetEx(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd {
	return &StatusCmd{}
}
func (c cmdable) SetNX(ctx context.Context, key string, value interface{}, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}
func (c cmdable) Del(ctx context.Context, keys ...string) *IntCmd { return &IntCmd{} }
func (c cmdable) HSet(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}
func (c cmdable) Incr(ctx context.Context, key string) *IntCmd { return &IntCmd{} }
func (c cmdable) Expire(ctx context.Context, key string, expiration time.Duration) *BoolCmd {
	return &BoolCmd{}
}
func (c cmdable) LPush(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}
func (c cmdable) RPush(ctx context.Context, key string, values ...interface{}) *IntCmd {
	return &IntCmd{}
}
func (c cmdable) Publish(ctx context.Context, channel string, message interface{}) *IntCmd {
	return &IntCmd{}
}

// Cmdable is the command interface all clients implement.
type Cmdable interface {
	Ping(ctx context.Context) *StatusCmd
	Get(ctx context.Context, key string) *StringCmd
	HGetAll(ctx context.Context, key string) *MapStringStringCmd
	MGet(ctx context.Context, keys ...string) *SliceCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
}

type baseClient struct{ opt *Options }

// Client is a Redis client.
type Client struct {
	*baseClient
	cmdable
}

func NewClient(opt *Options) *Client { return &Client{baseClient: &baseClient{opt: opt}} }

func (c *Client) Close() error { return nil }

// Options returns the client's options (the real ones, not a copy).
func (c *baseClient) Options() *Options { return c.opt }

type Cmd struct{ baseCmd }

func (c *Cmd) Result() (interface{}, error) { return nil, c.err }

type RawCmd struct{ baseCmd }

// Commands sent by name, and scripts.
func (c cmdable) Do(ctx context.Context, args ...interface{}) *Cmd       { return &Cmd{} }
func (c cmdable) DoRaw(ctx context.Context, args ...interface{}) *RawCmd { return &RawCmd{} }
func (c cmdable) Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd {
	return &Cmd{}
}
func (c cmdable) ClientTrackingOff(ctx context.Context) *StatusCmd { return &StatusCmd{} }
func (c cmdable) TTL(ctx context.Context, key string) *IntCmd      { return &IntCmd{} }

// StatefulCmdable adds the commands that change a connection.
type StatefulCmdable interface {
	Cmdable
	Auth(ctx context.Context, password string) *StatusCmd
	Select(ctx context.Context, index int) *StatusCmd
	ClientSetName(ctx context.Context, name string) *BoolCmd
}

// Pipeliner queues commands, session-changing ones included.
type Pipeliner interface {
	StatefulCmdable
	Do(ctx context.Context, args ...interface{}) *Cmd
	Exec(ctx context.Context) ([]Cmder, error)
}

// Conn is a single connection taken from the pool.
type Conn struct {
	cmdable
}

func (c *Conn) Select(ctx context.Context, index int) *StatusCmd { return &StatusCmd{} }
func (c *Conn) Close() error                                     { return nil }

func (c *Client) Conn() *Conn           { return &Conn{} }
func (c *Client) Pipeline() Pipeliner   { return nil }
func (c *Client) TxPipeline() Pipeliner { return nil }
func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}
func (c *Client) Process(ctx context.Context, cmd Cmder) error { return nil }
func (c *Client) PoolStats() *PoolStats                        { return &PoolStats{} }

type PoolStats struct{ Hits uint32 }

// StringCmdable is one of the interfaces v9 splits Cmdable into.
type StringCmdable interface {
	Get(ctx context.Context, key string) *StringCmd
	Set(ctx context.Context, key string, value interface{}, expiration time.Duration) *StatusCmd
}

// Scripter runs scripts.
type Scripter interface {
	Eval(ctx context.Context, script string, keys []string, args ...interface{}) *Cmd
}

// Script is a Lua script.
type Script struct{ src string }

func NewScript(src string) *Script { return &Script{src: src} }

func (s *Script) Run(ctx context.Context, c Scripter, keys []string, args ...interface{}) *Cmd {
	return &Cmd{}
}
