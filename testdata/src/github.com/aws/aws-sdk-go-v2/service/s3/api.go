// Package s3 is a test stub with the real API's signatures.
package s3

import (
	"context"
	"io"
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
	Region         *string
	UseDualStack   *bool
	UseFIPS        *bool
	Endpoint       *string
	Bucket         *string
	ForcePathStyle *bool
	Accelerate     *bool
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

type GetObjectInput struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

type GetObjectOutput struct {
	Body io.ReadCloser
	ETag *string
}

func (c *Client) GetObject(ctx context.Context, params *GetObjectInput, optFns ...func(*Options)) (*GetObjectOutput, error) {
	return nil, nil
}

type HeadObjectInput struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

type HeadObjectOutput struct {
	Body io.ReadCloser
	ETag *string
}

func (c *Client) HeadObject(ctx context.Context, params *HeadObjectInput, optFns ...func(*Options)) (*HeadObjectOutput, error) {
	return nil, nil
}

type PutObjectInput struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

type PutObjectOutput struct {
	Body io.ReadCloser
	ETag *string
}

func (c *Client) PutObject(ctx context.Context, params *PutObjectInput, optFns ...func(*Options)) (*PutObjectOutput, error) {
	return nil, nil
}

type DeleteObjectInput struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

type DeleteObjectOutput struct {
	Body io.ReadCloser
	ETag *string
}

func (c *Client) DeleteObject(ctx context.Context, params *DeleteObjectInput, optFns ...func(*Options)) (*DeleteObjectOutput, error) {
	return nil, nil
}

type CopyObjectInput struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

type CopyObjectOutput struct {
	Body io.ReadCloser
	ETag *string
}

func (c *Client) CopyObject(ctx context.Context, params *CopyObjectInput, optFns ...func(*Options)) (*CopyObjectOutput, error) {
	return nil, nil
}

type ListObjectsV2Input struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

type ListObjectsV2Output struct {
	Body io.ReadCloser
	ETag *string
}

func (c *Client) ListObjectsV2(ctx context.Context, params *ListObjectsV2Input, optFns ...func(*Options)) (*ListObjectsV2Output, error) {
	return nil, nil
}
