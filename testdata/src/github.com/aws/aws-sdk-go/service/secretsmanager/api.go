// Package secretsmanager is a test stub with the real API's signatures.
package secretsmanager

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// SecretsManager is the service client.
type SecretsManager struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *SecretsManager {
	c := p.ClientConfig("secretsmanager", cfgs...)
	return &SecretsManager{client.New(*c.Config, metadata.ClientInfo{ServiceName: "secretsmanager", Endpoint: c.Endpoint}, c.Handlers)}
}

type GetSecretValueInput struct {
	SecretId     *string
	VersionStage *string
}

type GetSecretValueOutput struct {
	SecretString *string
	SecretBinary []byte
}

func (c *SecretsManager) GetSecretValueRequest(input *GetSecretValueInput) (req *request.Request, output *GetSecretValueOutput) {
	output = &GetSecretValueOutput{}
	req = c.NewRequest(&request.Operation{Name: "GetSecretValue"}, input, output)
	return
}

func (c *SecretsManager) GetSecretValue(input *GetSecretValueInput) (*GetSecretValueOutput, error) {
	req, out := c.GetSecretValueRequest(input)
	return out, req.Send()
}

func (c *SecretsManager) GetSecretValueWithContext(ctx aws.Context, input *GetSecretValueInput, opts ...request.Option) (*GetSecretValueOutput, error) {
	req, out := c.GetSecretValueRequest(input)
	return out, req.Send()
}

type PutSecretValueInput struct {
	SecretId     *string
	SecretString *string
}

type PutSecretValueOutput struct {
}

func (c *SecretsManager) PutSecretValueRequest(input *PutSecretValueInput) (req *request.Request, output *PutSecretValueOutput) {
	output = &PutSecretValueOutput{}
	req = c.NewRequest(&request.Operation{Name: "PutSecretValue"}, input, output)
	return
}

func (c *SecretsManager) PutSecretValue(input *PutSecretValueInput) (*PutSecretValueOutput, error) {
	req, out := c.PutSecretValueRequest(input)
	return out, req.Send()
}

func (c *SecretsManager) PutSecretValueWithContext(ctx aws.Context, input *PutSecretValueInput, opts ...request.Option) (*PutSecretValueOutput, error) {
	req, out := c.PutSecretValueRequest(input)
	return out, req.Send()
}
