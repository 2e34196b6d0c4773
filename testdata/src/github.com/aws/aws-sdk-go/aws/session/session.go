// Package session is a test stub with the real API's signatures.
package session

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
)

// Session holds the configuration service clients are built from.
type Session struct {
	Config   *aws.Config
	Handlers request.Handlers

	options Options
}

// SharedConfigState says whether the shared config file is read.
type SharedConfigState int

const (
	SharedConfigStateFromEnv SharedConfigState = iota
	SharedConfigDisable
	SharedConfigEnable
)

// Options configure NewSessionWithOptions.
type Options struct {
	Config            aws.Config
	Profile           string
	SharedConfigState SharedConfigState
}

func New(cfgs ...*aws.Config) *Session                 { return &Session{Config: aws.NewConfig()} }
func NewSession(cfgs ...*aws.Config) (*Session, error) { return &Session{Config: aws.NewConfig()}, nil }
func NewSessionWithOptions(opts Options) (*Session, error) {
	return &Session{Config: &opts.Config, options: opts}, nil
}
func Must(sess *Session, err error) *Session {
	if err != nil {
		panic(err)
	}
	return sess
}

// Copy returns a copy of the session with cfgs merged in.
func (s *Session) Copy(cfgs ...*aws.Config) *Session {
	return &Session{Config: s.Config.Copy(cfgs...), Handlers: s.Handlers}
}

// ClientConfig returns the configuration of a service client.
func (s *Session) ClientConfig(service string, cfgs ...*aws.Config) client.Config {
	s = s.Copy(cfgs...)
	return client.Config{Config: s.Config, Handlers: s.Handlers}
}
