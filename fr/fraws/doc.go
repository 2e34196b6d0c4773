// Package fraws resolves, for the freshen hook, the endpoint an AWS SDK for
// Go v2 client sends an operation to, so that fr.WarmAWS opens the
// connection that operation will use.
//
// Generated code calls it for every AWS SDK v2 API that freshen warms:
//
//	fr.WarmAWS(ctx, s3c.Options().HTTPClient,
//		fraws.Endpoint(s3c.Options(), new(s3.EndpointParameters)),
//		"https://s3."+s3c.Options().Region+".amazonaws.com/")
//
// Endpoint does what the client does before it sends a request: it binds
// the client's options to the service's EndpointParameters (region, FIPS,
// dual-stack, BaseEndpoint, which also carries AWS_ENDPOINT_URL and
// AWS_ENDPOINT_URL_<SERVICE>; path style and accelerate for S3; the
// account ID from the client's credentials where the service routes by
// account), adds the fields the call's constant input gives (Field), and
// asks the client's own EndpointResolverV2. A client configured with a
// legacy EndpointResolver is resolved through that resolver, as the SDK
// does; the URL it returns is warmed as it is (S3's move of the bucket
// into the host on top of a legacy resolver is not applied: BaseEndpoint is
// the SDK's replacement for those resolvers).
//
// The binding goes by field name, the way every v2 service's generated
// bindEndpointParams reads its Options. Generated code must compile
// against whatever SDK version the user's module has; fields appear over
// the SDK's life (AccountIDEndpointMode came in 2024), so a field missing
// from either struct is skipped rather than named in generated code.
//
// The package imports the SDK's core module and smithy-go only, never a
// service package: generated code, which lives in the user's module and
// already imports the service, names the parameters type.
package fraws
