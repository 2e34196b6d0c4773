// Package credentials is a test stub with the real API's signatures.
package credentials

import "context"

// Value is a set of credentials.
type Value struct {
	AccessKeyID, SecretAccessKey, SessionToken, ProviderName string
}

// Provider retrieves credentials.
type Provider interface {
	Retrieve() (Value, error)
	IsExpired() bool
}

// Credentials caches what its provider retrieves.
type Credentials struct {
	provider Provider
	creds    Value
}

func NewCredentials(provider Provider) *Credentials { return &Credentials{provider: provider} }
func NewStaticCredentials(id, secret, token string) *Credentials {
	return &Credentials{creds: Value{AccessKeyID: id, SecretAccessKey: secret, SessionToken: token}}
}
func NewEnvCredentials() *Credentials { return &Credentials{} }

func (c *Credentials) Get() (Value, error)                               { return c.creds, nil }
func (c *Credentials) GetWithContext(ctx context.Context) (Value, error) { return c.creds, nil }
func (c *Credentials) Expire()                                           {}
func (c *Credentials) IsExpired() bool                                   { return false }
