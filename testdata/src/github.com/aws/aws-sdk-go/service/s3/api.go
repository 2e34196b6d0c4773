// Package s3 is a test stub with the real API's signatures.
package s3

import (
	"io"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// S3 is the service client.
type S3 struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *S3 {
	c := p.ClientConfig("s3", cfgs...)
	return &S3{client.New(*c.Config, metadata.ClientInfo{ServiceName: "s3", Endpoint: c.Endpoint}, c.Handlers)}
}

type GetObjectInput struct {
	Bucket *string
	Key    *string
	Range  *string
}

type GetObjectOutput struct {
	Body io.ReadCloser
	ETag *string
}

func (c *S3) GetObjectRequest(input *GetObjectInput) (req *request.Request, output *GetObjectOutput) {
	output = &GetObjectOutput{}
	req = c.NewRequest(&request.Operation{Name: "GetObject"}, input, output)
	return
}

func (c *S3) GetObject(input *GetObjectInput) (*GetObjectOutput, error) {
	req, out := c.GetObjectRequest(input)
	return out, req.Send()
}

func (c *S3) GetObjectWithContext(ctx aws.Context, input *GetObjectInput, opts ...request.Option) (*GetObjectOutput, error) {
	req, out := c.GetObjectRequest(input)
	return out, req.Send()
}

type HeadObjectInput struct {
	Bucket *string
	Key    *string
}

type HeadObjectOutput struct {
	ETag          *string
	ContentLength *int64
}

func (c *S3) HeadObjectRequest(input *HeadObjectInput) (req *request.Request, output *HeadObjectOutput) {
	output = &HeadObjectOutput{}
	req = c.NewRequest(&request.Operation{Name: "HeadObject"}, input, output)
	return
}

func (c *S3) HeadObject(input *HeadObjectInput) (*HeadObjectOutput, error) {
	req, out := c.HeadObjectRequest(input)
	return out, req.Send()
}

func (c *S3) HeadObjectWithContext(ctx aws.Context, input *HeadObjectInput, opts ...request.Option) (*HeadObjectOutput, error) {
	req, out := c.HeadObjectRequest(input)
	return out, req.Send()
}

type PutObjectInput struct {
	Bucket *string
	Key    *string
	Body   io.ReadSeeker
}

type PutObjectOutput struct {
	ETag *string
}

func (c *S3) PutObjectRequest(input *PutObjectInput) (req *request.Request, output *PutObjectOutput) {
	output = &PutObjectOutput{}
	req = c.NewRequest(&request.Operation{Name: "PutObject"}, input, output)
	return
}

func (c *S3) PutObject(input *PutObjectInput) (*PutObjectOutput, error) {
	req, out := c.PutObjectRequest(input)
	return out, req.Send()
}

func (c *S3) PutObjectWithContext(ctx aws.Context, input *PutObjectInput, opts ...request.Option) (*PutObjectOutput, error) {
	req, out := c.PutObjectRequest(input)
	return out, req.Send()
}

type CopyObjectInput struct {
	Bucket     *string
	Key        *string
	CopySource *string
}

type CopyObjectOutput struct {
}

func (c *S3) CopyObjectRequest(input *CopyObjectInput) (req *request.Request, output *CopyObjectOutput) {
	output = &CopyObjectOutput{}
	req = c.NewRequest(&request.Operation{Name: "CopyObject"}, input, output)
	return
}

func (c *S3) CopyObject(input *CopyObjectInput) (*CopyObjectOutput, error) {
	req, out := c.CopyObjectRequest(input)
	return out, req.Send()
}

func (c *S3) CopyObjectWithContext(ctx aws.Context, input *CopyObjectInput, opts ...request.Option) (*CopyObjectOutput, error) {
	req, out := c.CopyObjectRequest(input)
	return out, req.Send()
}

type DeleteObjectInput struct {
	Bucket *string
	Key    *string
}

type DeleteObjectOutput struct {
}

func (c *S3) DeleteObjectRequest(input *DeleteObjectInput) (req *request.Request, output *DeleteObjectOutput) {
	output = &DeleteObjectOutput{}
	req = c.NewRequest(&request.Operation{Name: "DeleteObject"}, input, output)
	return
}

func (c *S3) DeleteObject(input *DeleteObjectInput) (*DeleteObjectOutput, error) {
	req, out := c.DeleteObjectRequest(input)
	return out, req.Send()
}

func (c *S3) DeleteObjectWithContext(ctx aws.Context, input *DeleteObjectInput, opts ...request.Option) (*DeleteObjectOutput, error) {
	req, out := c.DeleteObjectRequest(input)
	return out, req.Send()
}

type DeleteObjectsInput struct {
	Bucket *string
}

type DeleteObjectsOutput struct {
}

func (c *S3) DeleteObjectsRequest(input *DeleteObjectsInput) (req *request.Request, output *DeleteObjectsOutput) {
	output = &DeleteObjectsOutput{}
	req = c.NewRequest(&request.Operation{Name: "DeleteObjects"}, input, output)
	return
}

func (c *S3) DeleteObjects(input *DeleteObjectsInput) (*DeleteObjectsOutput, error) {
	req, out := c.DeleteObjectsRequest(input)
	return out, req.Send()
}

func (c *S3) DeleteObjectsWithContext(ctx aws.Context, input *DeleteObjectsInput, opts ...request.Option) (*DeleteObjectsOutput, error) {
	req, out := c.DeleteObjectsRequest(input)
	return out, req.Send()
}

type ListObjectsV2Input struct {
	Bucket *string
	Prefix *string
}

type ListObjectsV2Output struct {
	KeyCount *int64
}

func (c *S3) ListObjectsV2Request(input *ListObjectsV2Input) (req *request.Request, output *ListObjectsV2Output) {
	output = &ListObjectsV2Output{}
	req = c.NewRequest(&request.Operation{Name: "ListObjectsV2"}, input, output)
	return
}

func (c *S3) ListObjectsV2(input *ListObjectsV2Input) (*ListObjectsV2Output, error) {
	req, out := c.ListObjectsV2Request(input)
	return out, req.Send()
}

func (c *S3) ListObjectsV2WithContext(ctx aws.Context, input *ListObjectsV2Input, opts ...request.Option) (*ListObjectsV2Output, error) {
	req, out := c.ListObjectsV2Request(input)
	return out, req.Send()
}

type ListBucketsInput struct {
}

type ListBucketsOutput struct {
}

func (c *S3) ListBucketsRequest(input *ListBucketsInput) (req *request.Request, output *ListBucketsOutput) {
	output = &ListBucketsOutput{}
	req = c.NewRequest(&request.Operation{Name: "ListBuckets"}, input, output)
	return
}

func (c *S3) ListBuckets(input *ListBucketsInput) (*ListBucketsOutput, error) {
	req, out := c.ListBucketsRequest(input)
	return out, req.Send()
}

func (c *S3) ListBucketsWithContext(ctx aws.Context, input *ListBucketsInput, opts ...request.Option) (*ListBucketsOutput, error) {
	req, out := c.ListBucketsRequest(input)
	return out, req.Send()
}
