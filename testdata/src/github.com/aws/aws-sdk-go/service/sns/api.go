// Package sns is a test stub with the real API's signatures.
package sns

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// SNS is the service client.
type SNS struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *SNS {
	c := p.ClientConfig("sns", cfgs...)
	return &SNS{client.New(*c.Config, metadata.ClientInfo{ServiceName: "sns", Endpoint: c.Endpoint}, c.Handlers)}
}

type PublishInput struct {
	TopicArn *string
	Message  *string
}

type PublishOutput struct {
	MessageId *string
}

func (c *SNS) PublishRequest(input *PublishInput) (req *request.Request, output *PublishOutput) {
	output = &PublishOutput{}
	req = c.NewRequest(&request.Operation{Name: "Publish"}, input, output)
	return
}

func (c *SNS) Publish(input *PublishInput) (*PublishOutput, error) {
	req, out := c.PublishRequest(input)
	return out, req.Send()
}

func (c *SNS) PublishWithContext(ctx aws.Context, input *PublishInput, opts ...request.Option) (*PublishOutput, error) {
	req, out := c.PublishRequest(input)
	return out, req.Send()
}

type PublishBatchInput struct {
	TopicArn *string
}

type PublishBatchOutput struct {
}

func (c *SNS) PublishBatchRequest(input *PublishBatchInput) (req *request.Request, output *PublishBatchOutput) {
	output = &PublishBatchOutput{}
	req = c.NewRequest(&request.Operation{Name: "PublishBatch"}, input, output)
	return
}

func (c *SNS) PublishBatch(input *PublishBatchInput) (*PublishBatchOutput, error) {
	req, out := c.PublishBatchRequest(input)
	return out, req.Send()
}

func (c *SNS) PublishBatchWithContext(ctx aws.Context, input *PublishBatchInput, opts ...request.Option) (*PublishBatchOutput, error) {
	req, out := c.PublishBatchRequest(input)
	return out, req.Send()
}
