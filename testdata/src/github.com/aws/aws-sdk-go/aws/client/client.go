// Package client is a test stub with the real API's signatures.
package client

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// Config is what a client is built from.
type Config struct {
	Config        *aws.Config
	Handlers      request.Handlers
	Endpoint      string
	SigningRegion string
	SigningName   string
}

// ConfigProvider gives service clients their configuration (a session).
type ConfigProvider interface {
	ClientConfig(serviceName string, cfgs ...*aws.Config) Config
}

// Client is the base of every service client.
type Client struct {
	request.Retryer
	metadata.ClientInfo

	Config   aws.Config
	Handlers request.Handlers
}

// New returns a client.
func New(cfg aws.Config, info metadata.ClientInfo, handlers request.Handlers, options ...func(*Client)) *Client {
	return &Client{ClientInfo: info, Config: cfg, Handlers: handlers}
}

// NewRequest returns a request for an operation.
func (c *Client) NewRequest(operation *request.Operation, params interface{}, data interface{}) *request.Request {
	return &request.Request{Handlers: c.Handlers, Params: params}
}

// AddDebugHandlers adds logging handlers.
func (c *Client) AddDebugHandlers() {}
