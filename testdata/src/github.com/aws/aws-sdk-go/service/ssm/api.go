// Package ssm is a test stub with the real API's signatures.
package ssm

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// SSM is the service client.
type SSM struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *SSM {
	c := p.ClientConfig("ssm", cfgs...)
	return &SSM{client.New(*c.Config, metadata.ClientInfo{ServiceName: "ssm", Endpoint: c.Endpoint}, c.Handlers)}
}

// Parameter is an SSM parameter.
type Parameter struct {
	Name  *string
	Value *string
}

type GetParameterInput struct {
	Name           *string
	WithDecryption *bool
}

type GetParameterOutput struct {
	Parameter *Parameter
}

func (c *SSM) GetParameterRequest(input *GetParameterInput) (req *request.Request, output *GetParameterOutput) {
	output = &GetParameterOutput{}
	req = c.NewRequest(&request.Operation{Name: "GetParameter"}, input, output)
	return
}

func (c *SSM) GetParameter(input *GetParameterInput) (*GetParameterOutput, error) {
	req, out := c.GetParameterRequest(input)
	return out, req.Send()
}

func (c *SSM) GetParameterWithContext(ctx aws.Context, input *GetParameterInput, opts ...request.Option) (*GetParameterOutput, error) {
	req, out := c.GetParameterRequest(input)
	return out, req.Send()
}

type GetParametersInput struct {
	Names          []*string
	WithDecryption *bool
}

type GetParametersOutput struct {
	Parameters []*Parameter
}

func (c *SSM) GetParametersRequest(input *GetParametersInput) (req *request.Request, output *GetParametersOutput) {
	output = &GetParametersOutput{}
	req = c.NewRequest(&request.Operation{Name: "GetParameters"}, input, output)
	return
}

func (c *SSM) GetParameters(input *GetParametersInput) (*GetParametersOutput, error) {
	req, out := c.GetParametersRequest(input)
	return out, req.Send()
}

func (c *SSM) GetParametersWithContext(ctx aws.Context, input *GetParametersInput, opts ...request.Option) (*GetParametersOutput, error) {
	req, out := c.GetParametersRequest(input)
	return out, req.Send()
}

type PutParameterInput struct {
	Name      *string
	Value     *string
	Overwrite *bool
}

type PutParameterOutput struct {
}

func (c *SSM) PutParameterRequest(input *PutParameterInput) (req *request.Request, output *PutParameterOutput) {
	output = &PutParameterOutput{}
	req = c.NewRequest(&request.Operation{Name: "PutParameter"}, input, output)
	return
}

func (c *SSM) PutParameter(input *PutParameterInput) (*PutParameterOutput, error) {
	req, out := c.PutParameterRequest(input)
	return out, req.Send()
}

func (c *SSM) PutParameterWithContext(ctx aws.Context, input *PutParameterInput, opts ...request.Option) (*PutParameterOutput, error) {
	req, out := c.PutParameterRequest(input)
	return out, req.Send()
}
