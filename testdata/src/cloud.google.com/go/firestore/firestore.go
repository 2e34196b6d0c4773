// Package firestore is a test stub with the real API's signatures.
package firestore

import (
	"context"
	"strings"
	"time"

	"google.golang.org/api/option"
)

type readSettings struct{ readTime time.Time }

type Client struct {
	projectID    string
	readSettings *readSettings
	UsesEmulator bool
}

func NewClient(ctx context.Context, projectID string, opts ...option.ClientOption) (*Client, error) {
	return &Client{projectID: projectID, readSettings: &readSettings{}}, nil
}

func NewClientWithDatabase(ctx context.Context, projectID string, databaseID string, opts ...option.ClientOption) (*Client, error) {
	return &Client{projectID: projectID, readSettings: &readSettings{}}, nil
}

func (c *Client) Close() error { return nil }

// Collection returns nil when path names a document.
func (c *Client) Collection(path string) *CollectionRef {
	ids := strings.Split(path, "/")
	if len(ids)%2 == 0 {
		return nil
	}
	return &CollectionRef{c: c, Path: path, ID: ids[len(ids)-1], readSettings: &readSettings{}}
}

// Doc returns nil when path names a collection.
func (c *Client) Doc(path string) *DocumentRef {
	ids := strings.Split(path, "/")
	if len(ids)%2 != 0 {
		return nil
	}
	return c.Collection(strings.Join(ids[:len(ids)-1], "/")).Doc(ids[len(ids)-1])
}

func (c *Client) GetAll(ctx context.Context, docRefs []*DocumentRef) (_ []*DocumentSnapshot, err error) {
	return nil, nil
}

func (c *Client) Batch() *WriteBatch { return &WriteBatch{c: c} }

func (c *Client) RunTransaction(ctx context.Context, f func(context.Context, *Transaction) error, opts ...TransactionOption) (err error) {
	return f(ctx, &Transaction{})
}

// WithReadOptions changes the client's own read settings and returns it.
func (c *Client) WithReadOptions(opts ...ReadOption) *Client {
	for _, ro := range opts {
		ro.apply(c.readSettings)
	}
	return c
}

type Query struct {
	c    *Client
	path string
}

func (q Query) Where(path, op string, value interface{}) Query { return q }
func (q Query) Limit(n int) Query                              { return q }
func (q Query) Documents(ctx context.Context) *DocumentIterator {
	return &DocumentIterator{}
}

type DocumentIterator struct{}

func (it *DocumentIterator) Next() (*DocumentSnapshot, error) { return nil, nil }
func (it *DocumentIterator) Stop()                            {}

type CollectionRef struct {
	c      *Client
	Parent *DocumentRef
	Path   string
	ID     string
	Query
	readSettings *readSettings
}

func (c *CollectionRef) Doc(id string) *DocumentRef {
	if c == nil {
		return nil
	}
	return &DocumentRef{Parent: c, Path: c.Path + "/" + id, ID: id, readSettings: &readSettings{}}
}

// NewDoc returns a document with a random ID.
func (c *CollectionRef) NewDoc() *DocumentRef { return c.Doc("random") }

func (c *CollectionRef) Add(ctx context.Context, data interface{}) (*DocumentRef, *WriteResult, error) {
	d := c.NewDoc()
	wr, err := d.Create(ctx, data)
	return d, wr, err
}

func (c *CollectionRef) WithReadOptions(opts ...ReadOption) *CollectionRef { return c }

type DocumentRef struct {
	Parent       *CollectionRef
	Path         string
	shortPath    string
	ID           string
	readSettings *readSettings
}

func (d *DocumentRef) Collection(id string) *CollectionRef {
	return &CollectionRef{c: d.Parent.c, Parent: d, Path: d.Path + "/" + id, ID: id}
}

// Get returns a snapshot whose Ref is d itself.
func (d *DocumentRef) Get(ctx context.Context) (_ *DocumentSnapshot, err error) {
	return &DocumentSnapshot{Ref: d}, nil
}

func (d *DocumentRef) Create(ctx context.Context, data interface{}) (_ *WriteResult, err error) {
	return &WriteResult{}, nil
}

func (d *DocumentRef) Set(ctx context.Context, data interface{}, opts ...SetOption) (_ *WriteResult, err error) {
	return &WriteResult{}, nil
}

func (d *DocumentRef) Delete(ctx context.Context, preconds ...Precondition) (_ *WriteResult, err error) {
	return &WriteResult{}, nil
}

func (d *DocumentRef) Update(ctx context.Context, updates []Update, preconds ...Precondition) (_ *WriteResult, err error) {
	return &WriteResult{}, nil
}

// WithReadOptions changes d's own read settings and returns it.
func (d *DocumentRef) WithReadOptions(opts ...ReadOption) *DocumentRef {
	for _, ro := range opts {
		ro.apply(d.readSettings)
	}
	return d
}

type DocumentSnapshot struct {
	Ref        *DocumentRef
	CreateTime time.Time
	UpdateTime time.Time
	ReadTime   time.Time
	c          *Client
	data       map[string]interface{}
}

func (d *DocumentSnapshot) Exists() bool                 { return d != nil }
func (d *DocumentSnapshot) Data() map[string]interface{} { return d.data }
func (d *DocumentSnapshot) DataTo(p interface{}) error   { return nil }

type WriteResult struct{ UpdateTime time.Time }

type SetOption interface {
	fieldPaths() (fps []FieldPath, all bool, err error)
}

type merge struct{ all bool }

func (m merge) fieldPaths() ([]FieldPath, bool, error) { return nil, m.all, nil }

var MergeAll SetOption = merge{all: true}

type Precondition interface{ preconditionProto() error }

type FieldPath []string

type Update struct {
	Path      string
	FieldPath FieldPath
	Value     interface{}
}

type WriteBatch struct{ c *Client }

func (b *WriteBatch) Create(dr *DocumentRef, data interface{}) *WriteBatch { return b }
func (b *WriteBatch) Set(dr *DocumentRef, data interface{}, opts ...SetOption) *WriteBatch {
	return b
}
func (b *WriteBatch) Delete(dr *DocumentRef, opts ...Precondition) *WriteBatch { return b }
func (b *WriteBatch) Update(dr *DocumentRef, data []Update, opts ...Precondition) *WriteBatch {
	return b
}
func (b *WriteBatch) Commit(ctx context.Context) (_ []*WriteResult, err error) { return nil, nil }

type Transaction struct{}

func (t *Transaction) Get(dr *DocumentRef) (*DocumentSnapshot, error)                 { return nil, nil }
func (t *Transaction) Create(dr *DocumentRef, data interface{}) error                 { return nil }
func (t *Transaction) Set(dr *DocumentRef, data interface{}, opts ...SetOption) error { return nil }
func (t *Transaction) Delete(dr *DocumentRef, opts ...Precondition) error             { return nil }
func (t *Transaction) Update(dr *DocumentRef, data []Update, opts ...Precondition) error {
	return nil
}

type TransactionOption interface{ config() }

type ReadOption interface{ apply(*readSettings) }

type readTime time.Time

func (rt readTime) apply(rs *readSettings) { rs.readTime = time.Time(rt) }

func ReadTime(t time.Time) ReadOption { return readTime(t) }
