package fr

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strings"
)

// ErrNoAWSEndpoint reports that neither the resolver nor the caller gave
// WarmAWS an endpoint to open.
var ErrNoAWSEndpoint = errors.New("no AWS endpoint to warm")

// WarmAWS leaves an idle connection to the endpoint an AWS SDK client sends
// an operation to in that client's own HTTP client (c), so the operation
// skips the TCP and TLS handshakes. The endpoint is the URL resolve returns
// (the SDK's own resolution for the operation and its constant input, see
// package fraws for the SDK v2 clients), or endpoint when resolve is nil or
// fails: an SDK v1 client's resolved Endpoint, or a v2 client's regional
// endpoint. A nil c means http.DefaultClient, as in the SDKs.
//
// The connection is opened as WarmHTTP does, with HEAD / at the endpoint's
// origin: AWS endpoints answer it without credentials (usually 403 or 404)
// and keep the connection.
func WarmAWS(ctx context.Context, c HTTPDoer, resolve func(context.Context) (string, error), endpoint string) error {
	target := endpoint
	var rerr error
	if resolve != nil {
		u, err := resolve(ctx)
		switch {
		case err != nil:
			rerr = err
		case u == "":
			rerr = ErrNoAWSEndpoint
		default:
			target = u
		}
	}
	if target == "" {
		if rerr == nil {
			rerr = ErrNoAWSEndpoint
		}
		return fmt.Errorf("warm aws: %w", rerr)
	}
	if err := WarmHTTP(ctx, c, target); err != nil {
		if rerr != nil && target == endpoint {
			return fmt.Errorf("warm aws: resolving the endpoint failed (%w), and so did the fallback: %w", rerr, err)
		}
		return fmt.Errorf("warm aws: %w", err)
	}
	return nil
}

// WarmAWSV1 warms the endpoint of an AWS SDK v1 service client held where
// only an interface is known, such as the S3 field of s3manager's
// Downloader and Uploader: client is a value embedding *client.Client
// (*s3.S3, ...), found by the fields every v1 service client has (the
// v1 SDK is in maintenance; their layout no longer changes). Anything else
// is an error, and nothing is dialled.
func WarmAWSV1(ctx context.Context, client any) error {
	hc, endpoint, err := awsV1Client(client)
	if err != nil {
		return fmt.Errorf("warm aws: %w", err)
	}
	return WarmAWS(ctx, hc, nil, endpoint)
}

// awsV1Client finds the HTTP client and resolved endpoint of an AWS SDK v1
// service client: a pointer to a struct embedding *client.Client, whose
// Config.HTTPClient and (through metadata.ClientInfo) Endpoint these are.
func awsV1Client(v any) (*http.Client, string, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return nil, "", fmt.Errorf("%T is not an AWS SDK v1 client", v)
	}
	cl := rv.Elem().FieldByName("Client")
	if !cl.IsValid() || cl.Kind() != reflect.Pointer || cl.IsNil() || cl.Elem().Kind() != reflect.Struct {
		return nil, "", fmt.Errorf("%T is not an AWS SDK v1 client", v)
	}
	ep := cl.Elem().FieldByName("Endpoint")
	cfg := cl.Elem().FieldByName("Config")
	if !ep.IsValid() || ep.Kind() != reflect.String || !cfg.IsValid() || cfg.Kind() != reflect.Struct {
		return nil, "", fmt.Errorf("%T is not an AWS SDK v1 client", v)
	}
	var hc *http.Client
	if f := cfg.FieldByName("HTTPClient"); f.IsValid() && f.CanInterface() {
		hc, _ = f.Interface().(*http.Client)
	}
	return hc, ep.String(), nil
}

// AWSV1S3Endpoint returns the resolver WarmAWS needs for an AWS SDK v1 S3
// client: the client resolves its endpoint when it is built (its Endpoint
// field), and each request then moves a DNS-compatible bucket into the host
// (virtual-hosted style) unless S3ForcePathStyle is set, or switches to the
// s3-accelerate endpoint when S3UseAccelerate is (region is the client's
// Config.Region). This applies the same rules to endpoint and bucket; ARN
// buckets (access points) are not handled and make the resolver fail.
func AWSV1S3Endpoint(endpoint string, region, bucket *string, forcePathStyle, useAccelerate *bool) func(context.Context) (string, error) {
	return func(context.Context) (string, error) {
		u, err := url.Parse(endpoint)
		if err != nil || u.Host == "" {
			return "", fmt.Errorf("s3 endpoint %q: no host", endpoint)
		}
		if bucket == nil || *bucket == "" {
			return endpoint, nil
		}
		b := *bucket
		if strings.HasPrefix(b, "arn:") {
			return "", fmt.Errorf("s3 bucket %q is an ARN, whose endpoint is not resolved here", b)
		}
		compatible := dnsBucket(b) && !(u.Scheme == "https" && strings.Contains(b, "."))
		switch {
		case useAccelerate != nil && *useAccelerate:
			if !compatible {
				return "", fmt.Errorf("s3 bucket %q cannot use S3 Accelerate", b)
			}
			h, ok := accelerateHost(u.Host, region)
			if !ok {
				return "", fmt.Errorf("s3 endpoint %q has no host S3 Accelerate can use", endpoint)
			}
			u.Host = h
		case forcePathStyle != nil && *forcePathStyle, !compatible:
			return u.Scheme + "://" + u.Host + "/", nil
		}
		return u.Scheme + "://" + b + "." + u.Host + "/", nil
	}
}

// accelerateHost turns s3.<region>.amazonaws.com (or s3-<...>) into the
// s3-accelerate host, dropping the region label, as the v1 SDK does.
func accelerateHost(host string, region *string) (string, bool) {
	parts := strings.Split(host, ".")
	if len(parts) < 3 {
		return "", false
	}
	if parts[0] == "s3" || strings.HasPrefix(parts[0], "s3-") {
		parts[0] = "s3-accelerate"
	}
	for i := 1; region != nil && i+1 < len(parts); i++ {
		if parts[i] == *region {
			parts = append(parts[:i], parts[i+1:]...)
			break
		}
	}
	return strings.Join(parts, "."), true
}

var (
	bucketDomain = regexp.MustCompile(`^[a-z0-9][a-z0-9\.\-]{1,61}[a-z0-9]$`)
	bucketIP     = regexp.MustCompile(`^(\d+\.){3}\d+$`)
)

// dnsBucket: the bucket name may be a host label (the S3 DNS rules).
func dnsBucket(b string) bool {
	return bucketDomain.MatchString(b) && !bucketIP.MatchString(b) && !strings.Contains(b, "..")
}
