// Package firestore stands in for cloud.google.com/go/firestore with the
// real signatures of the calls the greet service makes. Documents travel
// as flat JSON objects over HTTP to FIRESTORE_EMULATOR_HOST:
// GET /v1/projects/P/databases/(default)/documents/PATH reads one (404: not
// found), PUT writes it.
package firestore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"google.golang.org/api/option"
)

// DetectProjectID makes NewClient take the project from the environment
// (GOOGLE_CLOUD_PROJECT here; the real client asks the credentials).
const DetectProjectID = "*detect-project-id*"

// ErrNotFound is returned by Get for a missing document (the real client
// returns a gRPC NotFound status).
var ErrNotFound = errors.New("firestore: document not found")

// A Client talks to one project's default database.
type Client struct {
	projectID string
	hc        *http.Client
}

// NewClient returns a client for projectID.
func NewClient(ctx context.Context, projectID string, opts ...option.ClientOption) (*Client, error) {
	if projectID == DetectProjectID {
		projectID = os.Getenv("GOOGLE_CLOUD_PROJECT")
		if projectID == "" {
			projectID = "demo-project"
		}
	}
	if projectID == "" {
		return nil, errors.New("firestore: projectID was empty")
	}
	return &Client{projectID: projectID, hc: &http.Client{}}, nil
}

// Close releases the client.
func (c *Client) Close() error { return nil }

// Collection returns a reference to the collection at path, or nil when
// path names a document.
func (c *Client) Collection(path string) *CollectionRef {
	if len(strings.Split(path, "/"))%2 == 0 {
		return nil
	}
	return &CollectionRef{c: c, Path: path, ID: path[strings.LastIndex(path, "/")+1:]}
}

// Doc returns a reference to the document at path, or nil when path names
// a collection.
func (c *Client) Doc(path string) *DocumentRef {
	i := strings.LastIndex(path, "/")
	if i < 0 || len(strings.Split(path, "/"))%2 != 0 {
		return nil
	}
	return c.Collection(path[:i]).Doc(path[i+1:])
}

// A CollectionRef refers to a collection.
type CollectionRef struct {
	c    *Client
	Path string
	ID   string
}

// Doc returns a reference to the document id of the collection.
func (c *CollectionRef) Doc(id string) *DocumentRef {
	if c == nil {
		return nil
	}
	return &DocumentRef{Parent: c, Path: c.Path + "/" + id, ID: id}
}

// A DocumentRef refers to a document.
type DocumentRef struct {
	Parent *CollectionRef
	Path   string
	ID     string
}

func (d *DocumentRef) url() string {
	return fmt.Sprintf("http://%s/v1/projects/%s/databases/(default)/documents/%s",
		os.Getenv("FIRESTORE_EMULATOR_HOST"), d.Parent.c.projectID, d.Path)
}

// Get reads the document.
func (d *DocumentRef) Get(ctx context.Context) (_ *DocumentSnapshot, err error) {
	if d == nil {
		return nil, errors.New("firestore: nil DocumentRef")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, d.url(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := d.Parent.c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return &DocumentSnapshot{Ref: d}, ErrNotFound
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("firestore: get %s: %s", d.Path, resp.Status)
	}
	snap := &DocumentSnapshot{Ref: d, exists: true}
	if err := json.NewDecoder(resp.Body).Decode(&snap.data); err != nil {
		return nil, fmt.Errorf("firestore: get %s: %w", d.Path, err)
	}
	return snap, nil
}

// Set replaces the document with data (a map or a struct).
func (d *DocumentRef) Set(ctx context.Context, data interface{}, opts ...SetOption) (_ *WriteResult, err error) {
	if d == nil {
		return nil, errors.New("firestore: nil DocumentRef")
	}
	body, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, d.url(), bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	resp, err := d.Parent.c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode/100 != 2 {
		return nil, fmt.Errorf("firestore: set %s: %s", d.Path, resp.Status)
	}
	return &WriteResult{}, nil
}

// A DocumentSnapshot is the contents of a document at a point in time.
type DocumentSnapshot struct {
	Ref    *DocumentRef
	exists bool
	data   map[string]interface{}
}

// Exists reports whether the document exists.
func (d *DocumentSnapshot) Exists() bool { return d != nil && d.exists }

// Data returns the document's fields.
func (d *DocumentSnapshot) Data() map[string]interface{} {
	if !d.Exists() {
		return nil
	}
	return d.data
}

// A WriteResult is returned by writes.
type WriteResult struct{}

// A SetOption changes how Set writes (the real package has MergeAll and
// Merge).
type SetOption interface {
	fieldPaths() (fps [][]string, all bool, err error)
}
