// Package lambdaurl is a test stub with the real API's signatures.
package lambdaurl

import "net/http"

// Option configures the Lambda runtime (lambda.Option in the real package).
type Option func()

// Start serves a Lambda function URL with handler.
func Start(handler http.Handler, options ...Option) {}
