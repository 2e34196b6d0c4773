// Package github is a test stub with the real API's signatures.
package github

import (
	"context"
	"net/http"
	"net/url"
)

type clientOptions struct {
	httpClient *http.Client
	authToken  string
}

type ClientOptionsFunc func(*clientOptions) error

func WithAuthToken(token string) ClientOptionsFunc {
	return func(o *clientOptions) error { o.authToken = token; return nil }
}

func WithHTTPClient(httpClient *http.Client) ClientOptionsFunc {
	return func(o *clientOptions) error { o.httpClient = httpClient; return nil }
}

type service struct{ client *Client }

type Client struct {
	client  *http.Client
	baseURL *url.URL
	common  service

	Issues       *IssuesService
	Repositories *RepositoriesService
}

func NewClient(opts ...ClientOptionsFunc) (*Client, error) {
	c := &Client{client: &http.Client{}}
	c.common.client = c
	c.Issues = (*IssuesService)(&c.common)
	c.Repositories = (*RepositoriesService)(&c.common)
	return c, nil
}

type Response struct{ *http.Response }

type RepositoriesService service

type IssuesService service

type Repository struct {
	ID       *int64
	Name     *string
	FullName *string
}

type RepositoryContent struct {
	Type    *string
	Name    *string
	Path    *string
	Content *string
}

type RepositoryContentGetOptions struct {
	Ref string
}

type RepositoryContentFileOptions struct {
	Message *string
	Content []byte
	SHA     *string
	Branch  *string
}

type RepositoryContentResponse struct {
	Content *RepositoryContent
}

type Issue struct {
	ID     *int64
	Number *int
	Title  *string
}

type CreateIssueRequest struct {
	Title  string
	Body   *string
	Labels []string
}

func (s *RepositoriesService) Get(ctx context.Context, owner, repo string) (*Repository, *Response, error) {
	return nil, nil, nil
}

func (s *RepositoriesService) GetContents(ctx context.Context, owner, repo, path string, opts *RepositoryContentGetOptions) (fileContent *RepositoryContent, directoryContent []*RepositoryContent, resp *Response, err error) {
	return nil, nil, nil, nil
}

func (s *RepositoriesService) CreateFile(ctx context.Context, owner, repo, path string, body *RepositoryContentFileOptions) (*RepositoryContentResponse, *Response, error) {
	return nil, nil, nil
}

func (s *RepositoriesService) UpdateFile(ctx context.Context, owner, repo, path string, body *RepositoryContentFileOptions) (*RepositoryContentResponse, *Response, error) {
	return nil, nil, nil
}

func (s *RepositoriesService) DeleteFile(ctx context.Context, owner, repo, path string, body *RepositoryContentFileOptions) (*RepositoryContentResponse, *Response, error) {
	return nil, nil, nil
}

func (s *IssuesService) Create(ctx context.Context, owner, repo string, body CreateIssueRequest) (*Issue, *Response, error) {
	return nil, nil, nil
}

func String(v string) *string { return &v }
