// Package secretsmanager is a test stub with the real API's signatures.
package secretsmanager

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
)

// HTTPClient is the transport the client sends requests with.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options are the client's settings.
type Options struct {
	BaseEndpoint       *string
	EndpointResolverV2 EndpointResolverV2
	HTTPClient         HTTPClient
	Region             string
}

// EndpointParameters are what the endpoint of an operation depends on.
type EndpointParameters struct {
	Region       *string
	UseDualStack *bool
	UseFIPS      *bool
	Endpoint     *string
}

// EndpointResolverV2 resolves the endpoint of an operation.
type EndpointResolverV2 interface {
	ResolveEndpoint(ctx context.Context, params EndpointParameters) (smithyendpoints.Endpoint, error)
}

// Client is a service client.
type Client struct{ options Options }

// New returns a client.
func New(options Options, optFns ...func(*Options)) *Client { return &Client{options: options} }

// NewFromConfig returns a client for cfg.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client {
	return &Client{options: Options{Region: cfg.Region, HTTPClient: cfg.HTTPClient}}
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options { return c.options }

type GetSecretValueInput struct {
	SecretId     *string
	SecretString *string
}

type GetSecretValueOutput struct {
	SecretString *string
}

func (c *Client) GetSecretValue(ctx context.Context, params *GetSecretValueInput, optFns ...func(*Options)) (*GetSecretValueOutput, error) {
	return nil, nil
}

type PutSecretValueInput struct {
	SecretId     *string
	SecretString *string
}

type PutSecretValueOutput struct {
	SecretString *string
}

func (c *Client) PutSecretValue(ctx context.Context, params *PutSecretValueInput, optFns ...func(*Options)) (*PutSecretValueOutput, error) {
	return nil, nil
}
