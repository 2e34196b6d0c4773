package hdirective

import (
	"context"
	"os"
)

// Handle is invoked by a platform this package does not import.
//
//freshen:handler
func Handle(ctx context.Context, in []byte) ([]byte, error) {
	return os.ReadFile("/etc/hdirective.json") // want `before Handle runs \(fetch #0\)`
}

// Main has the OpenWhisk shape but this is not package main.
func Main(args map[string]any) map[string]any {
	os.ReadFile("/etc/x")
	return args
}
