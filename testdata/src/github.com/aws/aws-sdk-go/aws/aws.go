// Package aws is a test stub with the real API's signatures.
package aws

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go/aws/credentials"
)

// Context is context.Context (the SDK's alias since Go 1.9).
type Context = context.Context

// LogLevelType is a logging level.
type LogLevelType uint

// Config is a client or session configuration.
type Config struct {
	Credentials      *credentials.Credentials
	Endpoint         *string
	Region           *string
	DisableSSL       *bool
	HTTPClient       *http.Client
	LogLevel         *LogLevelType
	MaxRetries       *int
	S3ForcePathStyle *bool
	S3UseAccelerate  *bool
	UseDualStack     *bool
}

func NewConfig() *Config { return &Config{} }

func (c *Config) WithRegion(region string) *Config           { c.Region = &region; return c }
func (c *Config) WithEndpoint(endpoint string) *Config       { c.Endpoint = &endpoint; return c }
func (c *Config) WithS3ForcePathStyle(force bool) *Config    { c.S3ForcePathStyle = &force; return c }
func (c *Config) WithHTTPClient(client *http.Client) *Config { c.HTTPClient = client; return c }
func (c *Config) WithMaxRetries(max int) *Config             { c.MaxRetries = &max; return c }
func (c *Config) WithDisableSSL(disable bool) *Config        { c.DisableSSL = &disable; return c }
func (c *Config) WithCredentials(creds *credentials.Credentials) *Config {
	c.Credentials = creds
	return c
}

// Copy returns a copy of c with cfgs merged in.
func (c *Config) Copy(cfgs ...*Config) *Config { cp := *c; return &cp }

func String(v string) *string { return &v }
func StringValue(v *string) string {
	if v != nil {
		return *v
	}
	return ""
}
func Bool(v bool) *bool    { return &v }
func Int(v int) *int       { return &v }
func Int64(v int64) *int64 { return &v }
