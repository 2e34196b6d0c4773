// Package kmsiface is a test stub with the real API's signatures.
package kmsiface

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/request"
	"github.com/aws/aws-sdk-go/service/kms"
)

// KMSAPI is the interface *kms.KMS implements.
type KMSAPI interface {
	Decrypt(*kms.DecryptInput) (*kms.DecryptOutput, error)
	DecryptWithContext(aws.Context, *kms.DecryptInput, ...request.Option) (*kms.DecryptOutput, error)
	DecryptRequest(*kms.DecryptInput) (*request.Request, *kms.DecryptOutput)
	Encrypt(*kms.EncryptInput) (*kms.EncryptOutput, error)
	EncryptWithContext(aws.Context, *kms.EncryptInput, ...request.Option) (*kms.EncryptOutput, error)
	EncryptRequest(*kms.EncryptInput) (*request.Request, *kms.EncryptOutput)
	GenerateDataKey(*kms.GenerateDataKeyInput) (*kms.GenerateDataKeyOutput, error)
	GenerateDataKeyWithContext(aws.Context, *kms.GenerateDataKeyInput, ...request.Option) (*kms.GenerateDataKeyOutput, error)
	GenerateDataKeyRequest(*kms.GenerateDataKeyInput) (*request.Request, *kms.GenerateDataKeyOutput)
	Sign(*kms.SignInput) (*kms.SignOutput, error)
	SignWithContext(aws.Context, *kms.SignInput, ...request.Option) (*kms.SignOutput, error)
	SignRequest(*kms.SignInput) (*request.Request, *kms.SignOutput)
}

var _ KMSAPI = (*kms.KMS)(nil)
