// Package session is a test stub of the AWS SDK v1 with the real API's signatures.
package session

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
)

// Session holds configuration and handlers for service clients.
type Session struct {
	Config   *aws.Config
	Handlers request.Handlers
}

func New(cfgs ...*aws.Config) *Session { return &Session{Config: &aws.Config{}} }

func NewSession(cfgs ...*aws.Config) (*Session, error) { return &Session{Config: &aws.Config{}}, nil }

func Must(sess *Session, err error) *Session {
	if err != nil {
		panic(err)
	}
	return sess
}

func (s *Session) Copy(cfgs ...*aws.Config) *Session { return &Session{Config: s.Config} }

func (s *Session) ClientConfig(service string, cfgs ...*aws.Config) client.Config {
	return client.Config{Config: s.Config}
}
