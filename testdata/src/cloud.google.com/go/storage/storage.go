// Package storage is a test stub with the real API's signatures.
package storage

import (
	"context"
	"io"
)

type Client struct{}

func NewClient(ctx context.Context) (*Client, error) { return &Client{}, nil }

type BucketHandle struct{ name string }

func (c *Client) Bucket(name string) *BucketHandle { return &BucketHandle{name: name} }

type ObjectHandle struct{ bucket, name string }

func (b *BucketHandle) Object(name string) *ObjectHandle { return &ObjectHandle{b.name, name} }

type Reader struct{ io.ReadCloser }

type ObjectAttrs struct{ Size int64 }

type Writer struct{ io.WriteCloser }

func (o *ObjectHandle) NewReader(ctx context.Context) (*Reader, error) { return nil, nil }
func (o *ObjectHandle) NewRangeReader(ctx context.Context, offset, length int64) (r *Reader, err error) {
	return nil, nil
}
func (o *ObjectHandle) Attrs(ctx context.Context) (attrs *ObjectAttrs, err error) { return nil, nil }
func (o *ObjectHandle) NewWriter(ctx context.Context) *Writer                     { return nil }
