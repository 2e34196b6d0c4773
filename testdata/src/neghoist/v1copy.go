package main

import (
	"context"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
)

// A session's Copy and ClientConfig share its Config pointers (Region,
// Credentials, HTTPClient): a write through the copy reaches the session
// every invocation shares, so neither may be called on a hoisted one.

//freshen:handler
func v1Copy(ctx context.Context, region string) (string, error) {
	sess := session.Must(session.NewSession(&aws.Config{Region: aws.String("eu-west-1")})) // reject `^result sess has method Copy called on it in v1Copy \(v1copy.go:17\)$`
	cp := sess.Copy()
	*cp.Config.Region = region
	return *sess.Config.Region, nil
}

//freshen:handler
func v1ClientConfig(ctx context.Context, region string) (string, error) {
	sess := session.Must(session.NewSession(&aws.Config{Region: aws.String("eu-west-1")})) // reject `^result sess has method ClientConfig called on it in v1ClientConfig \(v1copy.go:25\)$`
	cc := sess.ClientConfig("s3")
	*cc.Config.Region = region
	return *sess.Config.Region, nil
}
