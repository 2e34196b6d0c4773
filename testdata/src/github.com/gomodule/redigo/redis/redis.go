// Package redis is a test stub with the real API's signatures.
package redis

import (
	"context"
	"time"
)

type Conn interface {
	Close() error
	Err() error
	Do(commandName string, args ...interface{}) (reply interface{}, err error)
	Send(commandName string, args ...interface{}) error
	Flush() error
	Receive() (reply interface{}, err error)
}

type ConnWithContext interface {
	Conn
	DoContext(ctx context.Context, commandName string, args ...interface{}) (reply interface{}, err error)
	ReceiveContext(ctx context.Context) (reply interface{}, err error)
}

type ConnWithTimeout interface {
	Conn
	DoWithTimeout(timeout time.Duration, commandName string, args ...interface{}) (reply interface{}, err error)
	ReceiveWithTimeout(timeout time.Duration) (reply interface{}, err error)
}

type DialOption struct{ f func(*dialOptions) }

type dialOptions struct {
	db       int
	password string
}

func DialDatabase(db int) DialOption { return DialOption{func(do *dialOptions) { do.db = db }} }

func DialPassword(password string) DialOption {
	return DialOption{func(do *dialOptions) { do.password = password }}
}

func Dial(network, address string, options ...DialOption) (Conn, error) { return nil, nil }

func DialContext(ctx context.Context, network, address string, options ...DialOption) (Conn, error) {
	return nil, nil
}

func DialURL(rawurl string, options ...DialOption) (Conn, error) { return nil, nil }

func DoContext(c Conn, ctx context.Context, cmd string, args ...interface{}) (interface{}, error) {
	return c.Do(cmd, args...)
}

func DoWithTimeout(c Conn, timeout time.Duration, cmd string, args ...interface{}) (interface{}, error) {
	return c.Do(cmd, args...)
}

type Pool struct {
	Dial         func() (Conn, error)
	DialContext  func(ctx context.Context) (Conn, error)
	TestOnBorrow func(c Conn, lastUsed time.Time) error
	MaxIdle      int
	MaxActive    int
	IdleTimeout  time.Duration
	Wait         bool
	closed       bool
}

func NewPool(newFn func() (Conn, error), maxIdle int) *Pool {
	return &Pool{Dial: newFn, MaxIdle: maxIdle}
}

func (p *Pool) Get() Conn                                    { c, _ := p.Dial(); return c }
func (p *Pool) GetContext(ctx context.Context) (Conn, error) { return p.Dial() }
func (p *Pool) ActiveCount() int                             { return 0 }
func (p *Pool) Close() error                                 { return nil }

type Script struct {
	keyCount int
	src      string
	hash     string
}

func NewScript(keyCount int, src string) *Script { return &Script{keyCount: keyCount, src: src} }

func (s *Script) Do(c Conn, keysAndArgs ...interface{}) (interface{}, error) { return nil, nil }
func (s *Script) DoContext(ctx context.Context, c Conn, keysAndArgs ...interface{}) (interface{}, error) {
	return nil, nil
}
func (s *Script) Send(c Conn, keysAndArgs ...interface{}) error     { return nil }
func (s *Script) SendHash(c Conn, keysAndArgs ...interface{}) error { return nil }

func String(reply interface{}, err error) (string, error) { return "", err }
func Int(reply interface{}, err error) (int, error)       { return 0, err }
func Bytes(reply interface{}, err error) ([]byte, error)  { return nil, err }
