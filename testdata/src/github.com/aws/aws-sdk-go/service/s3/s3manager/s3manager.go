// Package s3manager is a test stub with the real API's signatures.
package s3manager

import (
	"io"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/s3/s3iface"
)

// Downloader downloads objects in parts.
type Downloader struct {
	PartSize       int64
	Concurrency    int
	S3             s3iface.S3API
	RequestOptions []request.Option
}

// Uploader uploads objects in parts.
type Uploader struct {
	PartSize          int64
	Concurrency       int
	LeavePartsOnError bool
	MaxUploadParts    int
	S3                s3iface.S3API
	RequestOptions    []request.Option
}

// UploadInput is what Upload sends.
type UploadInput struct {
	Bucket *string
	Key    *string
	Body   io.Reader
}

// UploadOutput describes an upload.
type UploadOutput struct {
	Location string
	UploadID string
}

func NewDownloader(c client.ConfigProvider, options ...func(*Downloader)) *Downloader {
	return &Downloader{S3: s3.New(c)}
}

func NewDownloaderWithClient(svc s3iface.S3API, options ...func(*Downloader)) *Downloader {
	return &Downloader{S3: svc}
}

func NewUploader(c client.ConfigProvider, options ...func(*Uploader)) *Uploader {
	return &Uploader{S3: s3.New(c)}
}

func NewUploaderWithClient(svc s3iface.S3API, options ...func(*Uploader)) *Uploader {
	return &Uploader{S3: svc}
}

func (d Downloader) Download(w io.WriterAt, input *s3.GetObjectInput, options ...func(*Downloader)) (n int64, err error) {
	return 0, nil
}

func (d Downloader) DownloadWithContext(ctx aws.Context, w io.WriterAt, input *s3.GetObjectInput, options ...func(*Downloader)) (n int64, err error) {
	return 0, nil
}

func (u Uploader) Upload(input *UploadInput, options ...func(*Uploader)) (*UploadOutput, error) {
	return nil, nil
}

func (u Uploader) UploadWithContext(ctx aws.Context, input *UploadInput, opts ...func(*Uploader)) (*UploadOutput, error) {
	return nil, nil
}
