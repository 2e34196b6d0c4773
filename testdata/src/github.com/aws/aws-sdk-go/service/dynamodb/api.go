// Package dynamodb is a test stub of the AWS SDK v1 with the real API's signatures.
package dynamodb

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
)

// DynamoDB is the service client.
type DynamoDB struct {
	*client.Client
}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *DynamoDB {
	c := p.ClientConfig("dynamodb", cfgs...)
	return &DynamoDB{Client: &client.Client{Config: *c.Config}}
}

type AttributeValue struct{ S *string }

type GetItemInput struct {
	TableName *string
	Key       map[string]*AttributeValue
}

type GetItemOutput struct{ Item map[string]*AttributeValue }

func (c *DynamoDB) GetItem(input *GetItemInput) (*GetItemOutput, error) { return nil, nil }

func (c *DynamoDB) GetItemWithContext(ctx aws.Context, input *GetItemInput, opts ...request.Option) (*GetItemOutput, error) {
	return nil, nil
}
