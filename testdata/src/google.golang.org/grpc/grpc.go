// Package grpc is a test stub with the real API's signatures.
package grpc

import "context"

type CallOption interface{}
type DialOption interface{}

type ClientConn struct{ target string }

func NewClient(target string, opts ...DialOption) (*ClientConn, error) {
	return &ClientConn{target}, nil
}

func (cc *ClientConn) Invoke(ctx context.Context, method string, args, reply any, opts ...CallOption) error {
	return nil
}

type StreamDesc struct{ StreamName string }

type ClientStream interface{ CloseSend() error }

func (cc *ClientConn) NewStream(ctx context.Context, desc *StreamDesc, method string, opts ...CallOption) (ClientStream, error) {
	return nil, nil
}

func (cc *ClientConn) Connect() {}
