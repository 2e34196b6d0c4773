// Package sqs is a test stub with the real API's signatures.
package sqs

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// SQS is the service client.
type SQS struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *SQS {
	c := p.ClientConfig("sqs", cfgs...)
	return &SQS{client.New(*c.Config, metadata.ClientInfo{ServiceName: "sqs", Endpoint: c.Endpoint}, c.Handlers)}
}

type SendMessageInput struct {
	QueueUrl    *string
	MessageBody *string
}

type SendMessageOutput struct {
	MessageId *string
}

func (c *SQS) SendMessageRequest(input *SendMessageInput) (req *request.Request, output *SendMessageOutput) {
	output = &SendMessageOutput{}
	req = c.NewRequest(&request.Operation{Name: "SendMessage"}, input, output)
	return
}

func (c *SQS) SendMessage(input *SendMessageInput) (*SendMessageOutput, error) {
	req, out := c.SendMessageRequest(input)
	return out, req.Send()
}

func (c *SQS) SendMessageWithContext(ctx aws.Context, input *SendMessageInput, opts ...request.Option) (*SendMessageOutput, error) {
	req, out := c.SendMessageRequest(input)
	return out, req.Send()
}

type SendMessageBatchInput struct {
	QueueUrl *string
}

type SendMessageBatchOutput struct {
}

func (c *SQS) SendMessageBatchRequest(input *SendMessageBatchInput) (req *request.Request, output *SendMessageBatchOutput) {
	output = &SendMessageBatchOutput{}
	req = c.NewRequest(&request.Operation{Name: "SendMessageBatch"}, input, output)
	return
}

func (c *SQS) SendMessageBatch(input *SendMessageBatchInput) (*SendMessageBatchOutput, error) {
	req, out := c.SendMessageBatchRequest(input)
	return out, req.Send()
}

func (c *SQS) SendMessageBatchWithContext(ctx aws.Context, input *SendMessageBatchInput, opts ...request.Option) (*SendMessageBatchOutput, error) {
	req, out := c.SendMessageBatchRequest(input)
	return out, req.Send()
}

type ReceiveMessageInput struct {
	QueueUrl            *string
	MaxNumberOfMessages *int64
}

type ReceiveMessageOutput struct {
}

func (c *SQS) ReceiveMessageRequest(input *ReceiveMessageInput) (req *request.Request, output *ReceiveMessageOutput) {
	output = &ReceiveMessageOutput{}
	req = c.NewRequest(&request.Operation{Name: "ReceiveMessage"}, input, output)
	return
}

func (c *SQS) ReceiveMessage(input *ReceiveMessageInput) (*ReceiveMessageOutput, error) {
	req, out := c.ReceiveMessageRequest(input)
	return out, req.Send()
}

func (c *SQS) ReceiveMessageWithContext(ctx aws.Context, input *ReceiveMessageInput, opts ...request.Option) (*ReceiveMessageOutput, error) {
	req, out := c.ReceiveMessageRequest(input)
	return out, req.Send()
}

type DeleteMessageInput struct {
	QueueUrl      *string
	ReceiptHandle *string
}

type DeleteMessageOutput struct {
}

func (c *SQS) DeleteMessageRequest(input *DeleteMessageInput) (req *request.Request, output *DeleteMessageOutput) {
	output = &DeleteMessageOutput{}
	req = c.NewRequest(&request.Operation{Name: "DeleteMessage"}, input, output)
	return
}

func (c *SQS) DeleteMessage(input *DeleteMessageInput) (*DeleteMessageOutput, error) {
	req, out := c.DeleteMessageRequest(input)
	return out, req.Send()
}

func (c *SQS) DeleteMessageWithContext(ctx aws.Context, input *DeleteMessageInput, opts ...request.Option) (*DeleteMessageOutput, error) {
	req, out := c.DeleteMessageRequest(input)
	return out, req.Send()
}
