// Package event is a test stub with the real API's signatures.
package event

// Event is a CloudEvent.
type Event struct{ data []byte }

// Data returns the payload.
func (e Event) Data() []byte { return e.data }

// Subject returns the subject attribute.
func (e Event) Subject() string { return "" }
