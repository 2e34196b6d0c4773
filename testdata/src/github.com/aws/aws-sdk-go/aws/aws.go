// Package aws is a test stub of the AWS SDK v1 with the real API's signatures.
package aws

import "context"

// Context is the SDK's context type.
type Context = context.Context

// Config configures a session or client.
type Config struct {
	Region   *string
	Endpoint *string
}

func String(v string) *string { return &v }
func Bool(v bool) *bool       { return &v }
func Int64(v int64) *int64    { return &v }
