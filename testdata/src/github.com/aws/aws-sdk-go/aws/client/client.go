// Package client is a test stub of the AWS SDK v1 with the real API's signatures.
package client

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/request"
)

// ConfigProvider gives a service client its configuration.
type ConfigProvider interface {
	ClientConfig(serviceName string, cfgs ...*aws.Config) Config
}

// Config is a client's resolved configuration.
type Config struct {
	Config   *aws.Config
	Handlers request.Handlers
	Endpoint string
}

// Client is the base of the service clients.
type Client struct {
	Config   aws.Config
	Handlers request.Handlers
}
