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

type Publisher struct {
	c    *Client
	name string
}

func (c *Client) Publisher(topicNameOrID string) *Publisher {
	return &Publisher{c: c, name: topicNameOrID}
}

type Message struct {
	Data       []byte
	Attributes map[string]string
}

type PublishResult struct{ serverID string }

func (r *PublishResult) Get(ctx context.Context) (serverID string, err error) { return r.serverID, nil }

func (t *Publisher) Publish(ctx context.Context, msg *Message) *PublishResult {
	return &PublishResult{}
}
