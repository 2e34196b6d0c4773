// Package dynamodb is a stand-in for the AWS SDK's DynamoDB client with the
// real signatures: GetItem speaks a small JSON protocol to the client's
// endpoint through the client's HTTP client.
package dynamodb

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// HTTPClient sends the client's requests.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options are the client's settings.
type Options struct {
	BaseEndpoint *string
	HTTPClient   HTTPClient
	Region       string
}

// Client is a DynamoDB client; it is safe for concurrent use.
type Client struct{ options Options }

// New returns a client with options.
func New(options Options, optFns ...func(*Options)) *Client {
	for _, f := range optFns {
		f(&options)
	}
	return &Client{options: options}
}

// NewFromConfig returns a client for cfg.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client {
	return New(Options{BaseEndpoint: cfg.BaseEndpoint, HTTPClient: cfg.HTTPClient, Region: cfg.Region}, optFns...)
}

// Options returns a copy of the client's options.
func (c *Client) Options() Options { return c.options }

// GetItemInput names an item.
type GetItemInput struct {
	TableName *string
	Key       map[string]types.AttributeValue
}

// GetItemOutput is the item found.
type GetItemOutput struct {
	Item map[string]types.AttributeValue
}

// GetItem reads one item.
func (c *Client) GetItem(ctx context.Context, params *GetItemInput, optFns ...func(*Options)) (*GetItemOutput, error) {
	o := c.options
	for _, f := range optFns {
		f(&o)
	}
	key := map[string]string{}
	for k, v := range params.Key {
		if s, ok := v.(*types.AttributeValueMemberS); ok {
			key[k] = s.Value
		}
	}
	body, err := json.Marshal(map[string]any{"TableName": aws.ToString(params.TableName), "Key": key})
	if err != nil {
		return nil, err
	}
	endpoint := "https://dynamodb." + o.Region + ".amazonaws.com"
	if o.BaseEndpoint != nil {
		endpoint = *o.BaseEndpoint
	}
	req, err := http.NewRequestWithContext(ctx, "POST", endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810.GetItem")
	resp, err := o.HTTPClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("dynamodb: GetItem: %s", resp.Status)
	}
	var item map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&item); err != nil {
		return nil, err
	}
	out := &GetItemOutput{Item: map[string]types.AttributeValue{}}
	for k, v := range item {
		out.Item[k] = &types.AttributeValueMemberS{Value: v}
	}
	return out, nil
}
