// Package worker has a handler that a platform calls through a directive.
package worker

import (
	"context"
	"os"
)

// Server serves jobs.
type Server struct{}

// Handle runs one job.
//
//freshen:handler
func (s *Server) Handle(ctx context.Context, job []byte) ([]byte, error) {
	return os.ReadFile("/etc/worker/model.bin")
}
