// Package config is a test stub with the real API's signatures.
package config

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// LoadOptions configure LoadDefaultConfig.
type LoadOptions struct{ Region string }

// LoadDefaultConfig reads the shared configuration.
func LoadDefaultConfig(ctx context.Context, optFns ...func(*LoadOptions) error) (aws.Config, error) {
	return aws.Config{}, nil
}
