// Package dynamodb is a test stub with the real API's signatures.
package dynamodb

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
	Region                *string
	UseDualStack          *bool
	UseFIPS               *bool
	Endpoint              *string
	AccountId             *string
	AccountIdEndpointMode *string
	ResourceArn           *string
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

type GetItemInput struct {
	ConsistentRead *bool
	TableName      *string
	Key            map[string]string
	Item           map[string]string
}

type GetItemOutput struct {
	Item map[string]string
}

func (c *Client) GetItem(ctx context.Context, params *GetItemInput, optFns ...func(*Options)) (*GetItemOutput, error) {
	return nil, nil
}

type BatchGetItemInput struct {
	RequestItems map[string]KeysAndAttributes
}

type BatchGetItemOutput struct {
	Item map[string]string
}

func (c *Client) BatchGetItem(ctx context.Context, params *BatchGetItemInput, optFns ...func(*Options)) (*BatchGetItemOutput, error) {
	return nil, nil
}

type PutItemInput struct {
	TableName *string
	Key       map[string]string
	Item      map[string]string
}

type PutItemOutput struct {
	Item map[string]string
}

func (c *Client) PutItem(ctx context.Context, params *PutItemInput, optFns ...func(*Options)) (*PutItemOutput, error) {
	return nil, nil
}

type UpdateItemInput struct {
	TableName *string
	Key       map[string]string
	Item      map[string]string
}

type UpdateItemOutput struct {
	Item map[string]string
}

func (c *Client) UpdateItem(ctx context.Context, params *UpdateItemInput, optFns ...func(*Options)) (*UpdateItemOutput, error) {
	return nil, nil
}

type DeleteItemInput struct {
	TableName *string
	Key       map[string]string
	Item      map[string]string
}

type DeleteItemOutput struct {
	Item map[string]string
}

func (c *Client) DeleteItem(ctx context.Context, params *DeleteItemInput, optFns ...func(*Options)) (*DeleteItemOutput, error) {
	return nil, nil
}

type BatchWriteItemInput struct {
	RequestItems map[string]KeysAndAttributes
}

type BatchWriteItemOutput struct {
	Item map[string]string
}

func (c *Client) BatchWriteItem(ctx context.Context, params *BatchWriteItemInput, optFns ...func(*Options)) (*BatchWriteItemOutput, error) {
	return nil, nil
}

type QueryInput struct {
	ConsistentRead *bool
	TableName      *string
	Key            map[string]string
	Item           map[string]string
}

type QueryOutput struct {
	Item map[string]string
}

func (c *Client) Query(ctx context.Context, params *QueryInput, optFns ...func(*Options)) (*QueryOutput, error) {
	return nil, nil
}

type ScanInput struct {
	ConsistentRead *bool
	TableName      *string
	Key            map[string]string
	Item           map[string]string
}

type ScanOutput struct {
	Item map[string]string
}

func (c *Client) Scan(ctx context.Context, params *ScanInput, optFns ...func(*Options)) (*ScanOutput, error) {
	return nil, nil
}

type TransactWriteItemsInput struct {
	TableName *string
	Key       map[string]string
	Item      map[string]string
}

type TransactWriteItemsOutput struct {
	Item map[string]string
}

func (c *Client) TransactWriteItems(ctx context.Context, params *TransactWriteItemsInput, optFns ...func(*Options)) (*TransactWriteItemsOutput, error) {
	return nil, nil
}

// KeysAndAttributes selects items of one table (the real type lives in the
// types subpackage).
type KeysAndAttributes struct {
	Keys           []map[string]string
	ConsistentRead *bool
}
