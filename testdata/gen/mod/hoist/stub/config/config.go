// Package config is a stand-in for the AWS SDK's configuration loader with
// the real signatures, for tests that cannot reach the module proxy. Like
// the real one, every load builds a new HTTP client with its own
// transport, hence its own connection pool.
package config

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// LoadOptions are the options of LoadDefaultConfig.
type LoadOptions struct {
	Region       string
	BaseEndpoint string
	HTTPClient   aws.HTTPClient
}

// LoadOptionsFunc is a functional option of LoadDefaultConfig.
type LoadOptionsFunc func(*LoadOptions) error

// WithRegion sets the region.
func WithRegion(v string) LoadOptionsFunc {
	return func(o *LoadOptions) error {
		o.Region = v
		return nil
	}
}

// LoadDefaultConfig loads the shared configuration.
func LoadDefaultConfig(ctx context.Context, optFns ...func(*LoadOptions) error) (cfg aws.Config, err error) {
	if err := ctx.Err(); err != nil {
		return aws.Config{}, err
	}
	var o LoadOptions
	for _, f := range optFns {
		if err := f(&o); err != nil {
			return aws.Config{}, err
		}
	}
	cfg.Region = o.Region
	if o.BaseEndpoint != "" {
		cfg.BaseEndpoint = aws.String(o.BaseEndpoint)
	}
	cfg.HTTPClient = o.HTTPClient
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Transport: &http.Transport{}}
	}
	return cfg, nil
}
