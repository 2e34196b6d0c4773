// Handlers registered through wrappers that return a Lambda handler.
package main

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/freshen-go/freshen/fr/frlambda"
)

const configURL = "http://config.internal/v1/settings"

func wrapped(ctx context.Context) (string, error) {
	resp, err := http.Get(configURL) // want `before wrapped runs \(fetch #0\)`
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return resp.Status, nil
}

func viaNewHandler(ctx context.Context) (string, error) {
	resp, err := http.Get(configURL) // want `before viaNewHandler runs \(fetch #0\)`
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return resp.Status, nil
}

// notRegistered only reaches a wrapper that is never started; it is not a
// handler, so its fetch is not reported.
func notRegistered(ctx context.Context) (string, error) {
	resp, err := http.Get(configURL)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	return resp.Status, nil
}

var _ = frlambda.Wrap(notRegistered, frlambda.Options{})

func main() {
	lambda.Start(frlambda.Wrap(wrapped, frlambda.Options{}))
	lambda.StartHandler(lambda.NewHandler(viaNewHandler))
}
