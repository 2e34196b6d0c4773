// Package spanner is a test stub with the real API's signatures.
package spanner

import (
	"context"
	"time"

	"google.golang.org/api/option"
)

type Client struct{ database string }

type ClientConfig struct {
	NumChannels          int
	DisableRouteToLeader bool
	DatabaseRole         string
}

func NewClient(ctx context.Context, database string, opts ...option.ClientOption) (*Client, error) {
	return &Client{database: database}, nil
}

func NewClientWithConfig(ctx context.Context, database string, config ClientConfig, opts ...option.ClientOption) (c *Client, err error) {
	return &Client{database: database}, nil
}

func (c *Client) DatabaseName() string { return c.database }
func (c *Client) Close()               {}

func (c *Client) Single() *ReadOnlyTransaction { return &ReadOnlyTransaction{singleUse: true} }

func (c *Client) ReadOnlyTransaction() *ReadOnlyTransaction { return &ReadOnlyTransaction{} }

func (c *Client) ReadWriteTransaction(ctx context.Context, f func(context.Context, *ReadWriteTransaction) error) (commitTimestamp time.Time, err error) {
	return time.Time{}, f(ctx, &ReadWriteTransaction{})
}

type ApplyOption func(*applyOption)

type applyOption struct{ atLeastOnce bool }

func ApplyAtLeastOnce() ApplyOption { return func(ao *applyOption) { ao.atLeastOnce = true } }

func (c *Client) Apply(ctx context.Context, ms []*Mutation, opts ...ApplyOption) (commitTimestamp time.Time, err error) {
	return time.Time{}, nil
}

func (c *Client) PartitionedUpdate(ctx context.Context, statement Statement) (count int64, err error) {
	return 0, nil
}

// txReadOnly holds the read methods of both transaction kinds.
type txReadOnly struct{ sessionID string }

func (t *txReadOnly) Read(ctx context.Context, table string, keys KeySet, columns []string) *RowIterator {
	return &RowIterator{}
}

func (t *txReadOnly) ReadRow(ctx context.Context, table string, key Key, columns []string) (*Row, error) {
	return &Row{}, nil
}

func (t *txReadOnly) ReadRowWithOptions(ctx context.Context, table string, key Key, columns []string, opts *ReadOptions) (*Row, error) {
	return &Row{}, nil
}

func (t *txReadOnly) ReadRowUsingIndex(ctx context.Context, table string, index string, key Key, columns []string) (*Row, error) {
	return &Row{}, nil
}

func (t *txReadOnly) Query(ctx context.Context, statement Statement) *RowIterator {
	return &RowIterator{}
}

type ReadOptions struct {
	Index      string
	Limit      int
	RequestTag string
}

// ReadOnlyTransaction: Single returns one that serves a single read.
type ReadOnlyTransaction struct {
	txReadOnly
	singleUse bool
	tb        TimestampBound
}

// WithTimestampBound sets the bound in place and returns t.
func (t *ReadOnlyTransaction) WithTimestampBound(tb TimestampBound) *ReadOnlyTransaction {
	t.tb = tb
	return t
}

func (t *ReadOnlyTransaction) Close() {}

type ReadWriteTransaction struct{ txReadOnly }

func (t *ReadWriteTransaction) BufferWrite(ms []*Mutation) error { return nil }

func (t *ReadWriteTransaction) Update(ctx context.Context, stmt Statement) (rowCount int64, err error) {
	return 0, nil
}

func (t *ReadWriteTransaction) BatchUpdate(ctx context.Context, stmts []Statement) (_ []int64, err error) {
	return nil, nil
}

type TimestampBound struct {
	mode int
	d    time.Duration
	t    time.Time
}

func StrongRead() TimestampBound                    { return TimestampBound{} }
func ExactStaleness(d time.Duration) TimestampBound { return TimestampBound{mode: 1, d: d} }
func MaxStaleness(d time.Duration) TimestampBound   { return TimestampBound{mode: 2, d: d} }
func ReadTimestamp(t time.Time) TimestampBound      { return TimestampBound{mode: 3, t: t} }
func MinReadTimestamp(t time.Time) TimestampBound   { return TimestampBound{mode: 4, t: t} }

type Key []interface{}

type KeySet interface{ keySetProto() error }

func (key Key) keySetProto() error { return nil }

func AllKeys() KeySet { return Key(nil) }

type Row struct {
	fields []string
	vals   []interface{}
}

func (r *Row) Column(i int, ptr interface{}) error             { return nil }
func (r *Row) ColumnByName(name string, ptr interface{}) error { return nil }
func (r *Row) Columns(ptrs ...interface{}) error               { return nil }
func (r *Row) ToStruct(p interface{}) error                    { return nil }

type RowIterator struct{ rows []*Row }

func (r *RowIterator) Next() (*Row, error)           { return nil, nil }
func (r *RowIterator) Do(f func(r *Row) error) error { return nil }
func (r *RowIterator) Stop()                         {}

type Statement struct {
	SQL    string
	Params map[string]interface{}
}

func NewStatement(sql string) Statement { return Statement{SQL: sql, Params: map[string]interface{}{}} }

type Mutation struct {
	op    int
	table string
}

func Insert(table string, cols []string, vals []interface{}) *Mutation { return &Mutation{0, table} }
func Update(table string, cols []string, vals []interface{}) *Mutation { return &Mutation{1, table} }
func InsertOrUpdate(table string, cols []string, vals []interface{}) *Mutation {
	return &Mutation{2, table}
}
func Delete(table string, ks KeySet) *Mutation { return &Mutation{3, table} }
