// Package ssm is a test stub with the real API's signatures.
package ssm

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

type GetParameterInput struct {
	Name           *string
	Names          []string
	WithDecryption *bool
	Value          *string
}

type GetParameterOutput struct {
	Value *string
}

func (c *Client) GetParameter(ctx context.Context, params *GetParameterInput, optFns ...func(*Options)) (*GetParameterOutput, error) {
	return nil, nil
}

type GetParametersInput struct {
	Name           *string
	Names          []string
	WithDecryption *bool
	Value          *string
}

type GetParametersOutput struct {
	Value *string
}

func (c *Client) GetParameters(ctx context.Context, params *GetParametersInput, optFns ...func(*Options)) (*GetParametersOutput, error) {
	return nil, nil
}

type PutParameterInput struct {
	Name           *string
	Names          []string
	WithDecryption *bool
	Value          *string
}

type PutParameterOutput struct {
	Value *string
}

func (c *Client) PutParameter(ctx context.Context, params *PutParameterInput, optFns ...func(*Options)) (*PutParameterOutput, error) {
	return nil, nil
}
