// Package otellambda is a test stub with the real API's signatures.
package otellambda

// Option configures the instrumentation.
type Option interface{ apply() }

// InstrumentHandler wraps a Lambda handler function for tracing.
func InstrumentHandler(handlerFunc interface{}, options ...Option) interface{} { return handlerFunc }
