// Package kms is a test stub with the real API's signatures.
package kms

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// KMS is the service client.
type KMS struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *KMS {
	c := p.ClientConfig("kms", cfgs...)
	return &KMS{client.New(*c.Config, metadata.ClientInfo{ServiceName: "kms", Endpoint: c.Endpoint}, c.Handlers)}
}

type DecryptInput struct {
	CiphertextBlob []byte
	KeyId          *string
}

type DecryptOutput struct {
	Plaintext []byte
}

func (c *KMS) DecryptRequest(input *DecryptInput) (req *request.Request, output *DecryptOutput) {
	output = &DecryptOutput{}
	req = c.NewRequest(&request.Operation{Name: "Decrypt"}, input, output)
	return
}

func (c *KMS) Decrypt(input *DecryptInput) (*DecryptOutput, error) {
	req, out := c.DecryptRequest(input)
	return out, req.Send()
}

func (c *KMS) DecryptWithContext(ctx aws.Context, input *DecryptInput, opts ...request.Option) (*DecryptOutput, error) {
	req, out := c.DecryptRequest(input)
	return out, req.Send()
}

type EncryptInput struct {
	KeyId     *string
	Plaintext []byte
}

type EncryptOutput struct {
	CiphertextBlob []byte
}

func (c *KMS) EncryptRequest(input *EncryptInput) (req *request.Request, output *EncryptOutput) {
	output = &EncryptOutput{}
	req = c.NewRequest(&request.Operation{Name: "Encrypt"}, input, output)
	return
}

func (c *KMS) Encrypt(input *EncryptInput) (*EncryptOutput, error) {
	req, out := c.EncryptRequest(input)
	return out, req.Send()
}

func (c *KMS) EncryptWithContext(ctx aws.Context, input *EncryptInput, opts ...request.Option) (*EncryptOutput, error) {
	req, out := c.EncryptRequest(input)
	return out, req.Send()
}

type GenerateDataKeyInput struct {
	KeyId   *string
	KeySpec *string
}

type GenerateDataKeyOutput struct {
	Plaintext []byte
}

func (c *KMS) GenerateDataKeyRequest(input *GenerateDataKeyInput) (req *request.Request, output *GenerateDataKeyOutput) {
	output = &GenerateDataKeyOutput{}
	req = c.NewRequest(&request.Operation{Name: "GenerateDataKey"}, input, output)
	return
}

func (c *KMS) GenerateDataKey(input *GenerateDataKeyInput) (*GenerateDataKeyOutput, error) {
	req, out := c.GenerateDataKeyRequest(input)
	return out, req.Send()
}

func (c *KMS) GenerateDataKeyWithContext(ctx aws.Context, input *GenerateDataKeyInput, opts ...request.Option) (*GenerateDataKeyOutput, error) {
	req, out := c.GenerateDataKeyRequest(input)
	return out, req.Send()
}

type SignInput struct {
	KeyId   *string
	Message []byte
}

type SignOutput struct {
	Signature []byte
}

func (c *KMS) SignRequest(input *SignInput) (req *request.Request, output *SignOutput) {
	output = &SignOutput{}
	req = c.NewRequest(&request.Operation{Name: "Sign"}, input, output)
	return
}

func (c *KMS) Sign(input *SignInput) (*SignOutput, error) {
	req, out := c.SignRequest(input)
	return out, req.Send()
}

func (c *KMS) SignWithContext(ctx aws.Context, input *SignInput, opts ...request.Option) (*SignOutput, error) {
	req, out := c.SignRequest(input)
	return out, req.Send()
}
