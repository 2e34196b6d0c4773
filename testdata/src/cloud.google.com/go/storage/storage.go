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

type ReaderOption interface{ applyReaderOption(*readerOptions) }

type readerOptions struct{}

func (o *ObjectHandle) NewReader(ctx context.Context, opts ...ReaderOption) (*Reader, error) {
	return nil, nil
}
func (o *ObjectHandle) NewRangeReader(ctx context.Context, offset, length int64, opts ...ReaderOption) (r *Reader, err error) {
	return nil, nil
}
func (o *ObjectHandle) Attrs(ctx context.Context) (attrs *ObjectAttrs, err error) { return nil, nil }
func (o *ObjectHandle) NewWriter(ctx context.Context) *Writer                     { return nil }

type Conditions struct {
	GenerationMatch        int64
	GenerationNotMatch     int64
	DoesNotExist           bool
	MetagenerationMatch    int64
	MetagenerationNotMatch int64
}

type ObjectAttrsToUpdate struct{ ContentType string }

// The handle methods below return modified copies of o.
func (o *ObjectHandle) If(conds Conditions) *ObjectHandle      { o2 := *o; return &o2 }
func (o *ObjectHandle) Generation(gen int64) *ObjectHandle     { o2 := *o; return &o2 }
func (o *ObjectHandle) Key(encryptionKey []byte) *ObjectHandle { o2 := *o; return &o2 }
func (o *ObjectHandle) BucketName() string                     { return o.bucket }
func (o *ObjectHandle) ObjectName() string                     { return o.name }

func (o *ObjectHandle) Delete(ctx context.Context) error { return nil }
func (o *ObjectHandle) Update(ctx context.Context, uattrs ObjectAttrsToUpdate) (oa *ObjectAttrs, err error) {
	return nil, nil
}

type Copier struct {
	ObjectAttrs
	dst, src *ObjectHandle
}

func (dst *ObjectHandle) CopierFrom(src *ObjectHandle) *Copier { return &Copier{dst: dst, src: src} }

func (c *Copier) Run(ctx context.Context) (attrs *ObjectAttrs, err error) { return nil, nil }

func (b *BucketHandle) Delete(ctx context.Context) (err error) { return nil }

func (c *Client) Close() error { return nil }

func (o *ObjectHandle) ReadCompressed(compressed bool) *ObjectHandle { o2 := *o; return &o2 }

func (b *BucketHandle) UserProject(projectID string) *BucketHandle { b2 := *b; return &b2 }
