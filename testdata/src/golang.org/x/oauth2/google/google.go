// Package google is a test stub with the real API's signatures.
package google

import (
	"context"
	"net/http"

	"golang.org/x/oauth2"
)

type Credentials struct {
	ProjectID              string
	TokenSource            oauth2.TokenSource
	JSON                   []byte
	UniverseDomainProvider func() (string, error)
}

func FindDefaultCredentials(ctx context.Context, scopes ...string) (*Credentials, error) {
	return &Credentials{}, nil
}

func CredentialsFromJSON(ctx context.Context, jsonData []byte, scopes ...string) (*Credentials, error) {
	return &Credentials{}, nil
}

func DefaultTokenSource(ctx context.Context, scope ...string) (oauth2.TokenSource, error) {
	return oauth2.StaticTokenSource(&oauth2.Token{}), nil
}

func DefaultClient(ctx context.Context, scope ...string) (*http.Client, error) {
	return &http.Client{}, nil
}
