// Package pubsub is a test stub with the real API's signatures.
package pubsub

import (
	"context"

	"google.golang.org/api/option"
)

type Client struct{ projectID string }

func NewClient(ctx context.Context, projectID string, opts ...option.ClientOption) (c *Client, err error) {
	return &Client{projectID: projectID}, nil
}

type Topic struct {
	c  *Client
	id string
}

func (c *Client) Topic(id string) *Topic { return &Topic{c: c, id: id} }

type Message struct {
	ID          string
	Data        []byte
	Attributes  map[string]string
	OrderingKey string
}

type PublishResult struct{ serverID string }

func (r *PublishResult) Get(ctx context.Context) (serverID string, err error) { return r.serverID, nil }

func (t *Topic) Publish(ctx context.Context, msg *Message) *PublishResult { return &PublishResult{} }

func (t *Topic) Stop() {}
