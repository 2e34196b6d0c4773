// Package bigquery is a test stub with the real API's signatures.
package bigquery

import (
	"context"

	"google.golang.org/api/option"
)

type Client struct{ projectID string }

func NewClient(ctx context.Context, projectID string, opts ...option.ClientOption) (*Client, error) {
	return &Client{projectID: projectID}, nil
}

type Dataset struct {
	ProjectID string
	DatasetID string
	c         *Client
}

func (c *Client) Dataset(id string) *Dataset {
	return &Dataset{ProjectID: c.projectID, DatasetID: id, c: c}
}

type Table struct {
	ProjectID string
	DatasetID string
	TableID   string
	c         *Client
}

func (d *Dataset) Table(tableID string) *Table {
	return &Table{ProjectID: d.ProjectID, DatasetID: d.DatasetID, TableID: tableID, c: d.c}
}

type Inserter struct {
	t                   *Table
	SkipInvalidRows     bool
	IgnoreUnknownValues bool
}

func (t *Table) Inserter() *Inserter { return &Inserter{t: t} }

func (u *Inserter) Put(ctx context.Context, src any) (err error) { return nil }

type Query struct {
	client *Client
	Q      string
}

func (c *Client) Query(q string) *Query { return &Query{client: c, Q: q} }

type Job struct{ id string }

type RowIterator struct{ TotalRows uint64 }

func (q *Query) Run(ctx context.Context) (j *Job, err error)           { return &Job{}, nil }
func (q *Query) Read(ctx context.Context) (it *RowIterator, err error) { return &RowIterator{}, nil }
