// Package dynamodb is a test stub with the real API's signatures.
package dynamodb

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// DynamoDB is the service client.
type DynamoDB struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *DynamoDB {
	c := p.ClientConfig("dynamodb", cfgs...)
	return &DynamoDB{client.New(*c.Config, metadata.ClientInfo{ServiceName: "dynamodb", Endpoint: c.Endpoint}, c.Handlers)}
}

// AttributeValue is an item attribute.
type AttributeValue struct {
	S    *string
	N    *string
	BOOL *bool
}

// KeysAndAttributes are the keys BatchGetItem reads from one table.
type KeysAndAttributes struct {
	Keys           []map[string]*AttributeValue
	ConsistentRead *bool
}

// WriteRequest is one write of BatchWriteItem.
type WriteRequest struct {
	PutRequest *PutRequest
}

// PutRequest puts an item.
type PutRequest struct {
	Item map[string]*AttributeValue
}

// TransactWriteItem is one write of a transaction.
type TransactWriteItem struct {
	Put *PutRequest
}

type GetItemInput struct {
	TableName      *string
	Key            map[string]*AttributeValue
	ConsistentRead *bool
}

type GetItemOutput struct {
	Item map[string]*AttributeValue
}

func (c *DynamoDB) GetItemRequest(input *GetItemInput) (req *request.Request, output *GetItemOutput) {
	output = &GetItemOutput{}
	req = c.NewRequest(&request.Operation{Name: "GetItem"}, input, output)
	return
}

func (c *DynamoDB) GetItem(input *GetItemInput) (*GetItemOutput, error) {
	req, out := c.GetItemRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) GetItemWithContext(ctx aws.Context, input *GetItemInput, opts ...request.Option) (*GetItemOutput, error) {
	req, out := c.GetItemRequest(input)
	return out, req.Send()
}

type BatchGetItemInput struct {
	RequestItems map[string]*KeysAndAttributes
}

type BatchGetItemOutput struct {
	Responses map[string][]map[string]*AttributeValue
}

func (c *DynamoDB) BatchGetItemRequest(input *BatchGetItemInput) (req *request.Request, output *BatchGetItemOutput) {
	output = &BatchGetItemOutput{}
	req = c.NewRequest(&request.Operation{Name: "BatchGetItem"}, input, output)
	return
}

func (c *DynamoDB) BatchGetItem(input *BatchGetItemInput) (*BatchGetItemOutput, error) {
	req, out := c.BatchGetItemRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) BatchGetItemWithContext(ctx aws.Context, input *BatchGetItemInput, opts ...request.Option) (*BatchGetItemOutput, error) {
	req, out := c.BatchGetItemRequest(input)
	return out, req.Send()
}

type QueryInput struct {
	TableName                 *string
	KeyConditionExpression    *string
	ExpressionAttributeValues map[string]*AttributeValue
	ConsistentRead            *bool
	Limit                     *int64
	ExclusiveStartKey         map[string]*AttributeValue
}

type QueryOutput struct {
	Items            []map[string]*AttributeValue
	LastEvaluatedKey map[string]*AttributeValue
}

func (c *DynamoDB) QueryRequest(input *QueryInput) (req *request.Request, output *QueryOutput) {
	output = &QueryOutput{}
	req = c.NewRequest(&request.Operation{Name: "Query"}, input, output)
	return
}

func (c *DynamoDB) Query(input *QueryInput) (*QueryOutput, error) {
	req, out := c.QueryRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) QueryWithContext(ctx aws.Context, input *QueryInput, opts ...request.Option) (*QueryOutput, error) {
	req, out := c.QueryRequest(input)
	return out, req.Send()
}

type ScanInput struct {
	TableName         *string
	ConsistentRead    *bool
	Limit             *int64
	ExclusiveStartKey map[string]*AttributeValue
}

type ScanOutput struct {
	Items            []map[string]*AttributeValue
	LastEvaluatedKey map[string]*AttributeValue
}

func (c *DynamoDB) ScanRequest(input *ScanInput) (req *request.Request, output *ScanOutput) {
	output = &ScanOutput{}
	req = c.NewRequest(&request.Operation{Name: "Scan"}, input, output)
	return
}

func (c *DynamoDB) Scan(input *ScanInput) (*ScanOutput, error) {
	req, out := c.ScanRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) ScanWithContext(ctx aws.Context, input *ScanInput, opts ...request.Option) (*ScanOutput, error) {
	req, out := c.ScanRequest(input)
	return out, req.Send()
}

type PutItemInput struct {
	TableName *string
	Item      map[string]*AttributeValue
}

type PutItemOutput struct {
}

func (c *DynamoDB) PutItemRequest(input *PutItemInput) (req *request.Request, output *PutItemOutput) {
	output = &PutItemOutput{}
	req = c.NewRequest(&request.Operation{Name: "PutItem"}, input, output)
	return
}

func (c *DynamoDB) PutItem(input *PutItemInput) (*PutItemOutput, error) {
	req, out := c.PutItemRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) PutItemWithContext(ctx aws.Context, input *PutItemInput, opts ...request.Option) (*PutItemOutput, error) {
	req, out := c.PutItemRequest(input)
	return out, req.Send()
}

type UpdateItemInput struct {
	TableName        *string
	Key              map[string]*AttributeValue
	UpdateExpression *string
}

type UpdateItemOutput struct {
}

func (c *DynamoDB) UpdateItemRequest(input *UpdateItemInput) (req *request.Request, output *UpdateItemOutput) {
	output = &UpdateItemOutput{}
	req = c.NewRequest(&request.Operation{Name: "UpdateItem"}, input, output)
	return
}

func (c *DynamoDB) UpdateItem(input *UpdateItemInput) (*UpdateItemOutput, error) {
	req, out := c.UpdateItemRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) UpdateItemWithContext(ctx aws.Context, input *UpdateItemInput, opts ...request.Option) (*UpdateItemOutput, error) {
	req, out := c.UpdateItemRequest(input)
	return out, req.Send()
}

type DeleteItemInput struct {
	TableName *string
	Key       map[string]*AttributeValue
}

type DeleteItemOutput struct {
}

func (c *DynamoDB) DeleteItemRequest(input *DeleteItemInput) (req *request.Request, output *DeleteItemOutput) {
	output = &DeleteItemOutput{}
	req = c.NewRequest(&request.Operation{Name: "DeleteItem"}, input, output)
	return
}

func (c *DynamoDB) DeleteItem(input *DeleteItemInput) (*DeleteItemOutput, error) {
	req, out := c.DeleteItemRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) DeleteItemWithContext(ctx aws.Context, input *DeleteItemInput, opts ...request.Option) (*DeleteItemOutput, error) {
	req, out := c.DeleteItemRequest(input)
	return out, req.Send()
}

type BatchWriteItemInput struct {
	RequestItems map[string][]*WriteRequest
}

type BatchWriteItemOutput struct {
}

func (c *DynamoDB) BatchWriteItemRequest(input *BatchWriteItemInput) (req *request.Request, output *BatchWriteItemOutput) {
	output = &BatchWriteItemOutput{}
	req = c.NewRequest(&request.Operation{Name: "BatchWriteItem"}, input, output)
	return
}

func (c *DynamoDB) BatchWriteItem(input *BatchWriteItemInput) (*BatchWriteItemOutput, error) {
	req, out := c.BatchWriteItemRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) BatchWriteItemWithContext(ctx aws.Context, input *BatchWriteItemInput, opts ...request.Option) (*BatchWriteItemOutput, error) {
	req, out := c.BatchWriteItemRequest(input)
	return out, req.Send()
}

type TransactWriteItemsInput struct {
	TransactItems []*TransactWriteItem
}

type TransactWriteItemsOutput struct {
}

func (c *DynamoDB) TransactWriteItemsRequest(input *TransactWriteItemsInput) (req *request.Request, output *TransactWriteItemsOutput) {
	output = &TransactWriteItemsOutput{}
	req = c.NewRequest(&request.Operation{Name: "TransactWriteItems"}, input, output)
	return
}

func (c *DynamoDB) TransactWriteItems(input *TransactWriteItemsInput) (*TransactWriteItemsOutput, error) {
	req, out := c.TransactWriteItemsRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) TransactWriteItemsWithContext(ctx aws.Context, input *TransactWriteItemsInput, opts ...request.Option) (*TransactWriteItemsOutput, error) {
	req, out := c.TransactWriteItemsRequest(input)
	return out, req.Send()
}

type DescribeTableInput struct {
	TableName *string
}

type DescribeTableOutput struct {
}

func (c *DynamoDB) DescribeTableRequest(input *DescribeTableInput) (req *request.Request, output *DescribeTableOutput) {
	output = &DescribeTableOutput{}
	req = c.NewRequest(&request.Operation{Name: "DescribeTable"}, input, output)
	return
}

func (c *DynamoDB) DescribeTable(input *DescribeTableInput) (*DescribeTableOutput, error) {
	req, out := c.DescribeTableRequest(input)
	return out, req.Send()
}

func (c *DynamoDB) DescribeTableWithContext(ctx aws.Context, input *DescribeTableInput, opts ...request.Option) (*DescribeTableOutput, error) {
	req, out := c.DescribeTableRequest(input)
	return out, req.Send()
}
