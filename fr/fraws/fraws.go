package fraws

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
)

// Input is a field of a service's EndpointParameters taken from the
// operation's input (S3's Bucket, DynamoDB's ResourceArn), as the
// operation's own bindEndpointParams sets it.
type Input struct {
	name  string
	value any
}

// Field sets the EndpointParameters field name to value (a *string for the
// string parameters). A nil value leaves the field unset.
func Field(name string, value any) Input { return Input{name: name, value: value} }

// resolverV2 is every v2 service's EndpointResolverV2 for its parameters P.
type resolverV2[P any] interface {
	ResolveEndpoint(context.Context, P) (smithyendpoints.Endpoint, error)
}

// Endpoint returns a resolver for fr.WarmAWS: called with the hook's
// context, it yields the URL the client with options opts sends an
// operation to. params is a zero value of the service's EndpointParameters
// (new(s3.EndpointParameters)); inputs are the operation's fields.
func Endpoint[O, P any](opts O, params *P, inputs ...Input) func(context.Context) (string, error) {
	return func(ctx context.Context) (string, error) {
		o := reflect.ValueOf(opts)
		if o.Kind() != reflect.Struct {
			return "", fmt.Errorf("fraws: options of type %T are not a struct", opts)
		}
		if u, ok, err := legacy(o); ok || err != nil {
			return u, err
		}
		var r resolverV2[P]
		if f := field(o, "EndpointResolverV2"); f.IsValid() {
			r, _ = f.Interface().(resolverV2[P])
		}
		if r == nil {
			return "", fmt.Errorf("fraws: %T has no EndpointResolverV2 for %T", opts, *new(P))
		}
		var p P
		if params != nil {
			p = *params
		}
		if reflect.ValueOf(p).Kind() != reflect.Struct {
			return "", fmt.Errorf("fraws: parameters of type %T are not a struct", p)
		}
		if err := bind(ctx, o, reflect.ValueOf(&p).Elem()); err != nil {
			return "", err
		}
		for _, in := range inputs {
			if err := set(reflect.ValueOf(&p).Elem(), in.name, in.value); err != nil {
				return "", err
			}
		}
		ep, err := r.ResolveEndpoint(ctx, p)
		if err != nil {
			return "", fmt.Errorf("fraws: resolve endpoint: %w", err)
		}
		return ep.URI.String(), nil
	}
}

// field returns the exported field name of struct v, or the zero Value.
func field(v reflect.Value, name string) reflect.Value {
	f := v.FieldByName(name)
	if !f.IsValid() || !f.CanInterface() {
		return reflect.Value{}
	}
	return f
}

// set stores value into the field name of struct p when both exist and
// fit. An unknown field is an error: generated code named it.
func set(p reflect.Value, name string, value any) error {
	f := p.FieldByName(name)
	if !f.IsValid() || !f.CanSet() {
		return fmt.Errorf("fraws: %s has no field %s", p.Type(), name)
	}
	if value == nil {
		return nil
	}
	v := reflect.ValueOf(value)
	if !v.Type().AssignableTo(f.Type()) {
		return fmt.Errorf("fraws: %s.%s is a %s, not a %s", p.Type(), name, f.Type(), v.Type())
	}
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil
	}
	f.Set(v)
	return nil
}

// setIf stores value into field name of p when p has such a field of
// value's type; parameters a service does not have are skipped.
func setIf(p reflect.Value, name string, value any) {
	f := p.FieldByName(name)
	if f.IsValid() && f.CanSet() && reflect.TypeOf(value).AssignableTo(f.Type()) {
		f.Set(reflect.ValueOf(value))
	}
}

// bind fills the parameters the client's options determine, as the
// services' bindEndpointParams do.
func bind(ctx context.Context, o, p reflect.Value) error {
	if f := field(o, "Region"); f.Kind() == reflect.String {
		region, err := bindRegion(f.String())
		if err != nil {
			return err
		}
		if region != nil {
			setIf(p, "Region", region)
		}
	}
	if eo := field(o, "EndpointOptions"); eo.Kind() == reflect.Struct {
		if f := field(eo, "UseFIPSEndpoint"); f.IsValid() {
			s, _ := f.Interface().(aws.FIPSEndpointState)
			setIf(p, "UseFIPS", aws.Bool(s == aws.FIPSEndpointStateEnabled))
		}
		if f := field(eo, "UseDualStackEndpoint"); f.IsValid() {
			s, _ := f.Interface().(aws.DualStackEndpointState)
			setIf(p, "UseDualStack", aws.Bool(s == aws.DualStackEndpointStateEnabled))
		}
	}
	if f := field(o, "BaseEndpoint"); f.IsValid() {
		if s, ok := f.Interface().(*string); ok {
			setIf(p, "Endpoint", s)
		}
	}
	// S3's options, under the parameters' names.
	for opt, param := range map[string]string{
		"UsePathStyle":                   "ForcePathStyle",
		"UseAccelerate":                  "Accelerate",
		"DisableMultiRegionAccessPoints": "DisableMultiRegionAccessPoints",
		"UseARNRegion":                   "UseArnRegion",
	} {
		if f := field(o, opt); f.Kind() == reflect.Bool {
			setIf(p, param, aws.Bool(f.Bool()))
		}
	}
	if f := field(o, "DisableS3ExpressSessionAuth"); f.IsValid() {
		if b, ok := f.Interface().(*bool); ok {
			setIf(p, "DisableS3ExpressSessionAuth", b)
		}
	}
	// Services that route by account (DynamoDB) take the account ID from
	// the credentials the call signs with, unless the mode disables it.
	if f := field(o, "AccountIDEndpointMode"); f.Kind() == reflect.String {
		mode := aws.AccountIDEndpointMode(f.String())
		if _, has := p.Type().FieldByName("AccountId"); has {
			setIf(p, "AccountIdEndpointMode", aws.String(string(mode)))
			if mode != aws.AccountIDEndpointModeDisabled {
				if id := accountID(ctx, field(o, "Credentials")); id != "" {
					setIf(p, "AccountId", aws.String(id))
				}
			}
		}
	}
	return nil
}

// accountID retrieves the credentials' account ID. Retrieving them early
// is itself worth doing: the call needs them, and the client caches them.
func accountID(ctx context.Context, f reflect.Value) string {
	if !f.IsValid() {
		return ""
	}
	cp, _ := f.Interface().(aws.CredentialsProvider)
	if cp == nil {
		return ""
	}
	creds, err := cp.Retrieve(ctx)
	if err != nil {
		return ""
	}
	return creds.AccountID
}

// bindRegion mirrors the services' bindRegion: no region is no parameter,
// an invalid one fails the call, and FIPS pseudo-regions name their
// region (fips-us-east-1 is us-east-1).
func bindRegion(region string) (*string, error) {
	if region == "" {
		return nil, nil
	}
	if !validHostLabels(region) {
		return nil, fmt.Errorf("fraws: invalid region %q", region)
	}
	if strings.Contains(region, "-fips-") || strings.Contains(region, "fips-") || strings.Contains(region, "-fips") {
		region = strings.ReplaceAll(region, "-fips-", "-")
		region = strings.ReplaceAll(region, "fips-", "")
		region = strings.ReplaceAll(region, "-fips", "")
	}
	return aws.String(region), nil
}

// validHostLabels: dot-separated labels of letters, digits and hyphens,
// 1 to 63 long, not starting with a hyphen.
func validHostLabels(s string) bool {
	for _, l := range strings.Split(s, ".") {
		if l == "" || len(l) > 63 || l[0] == '-' {
			return false
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

// legacy resolves through a client's deprecated EndpointResolver, which
// the SDK prefers to EndpointResolverV2 when it is set; ok reports that
// it answered. An EndpointNotFoundError hands over to V2, as in the SDK.
func legacy(o reflect.Value) (u string, ok bool, err error) {
	f := field(o, "EndpointResolver")
	if !f.IsValid() || f.Kind() != reflect.Interface || f.IsNil() {
		return "", false, nil
	}
	m := f.MethodByName("ResolveEndpoint")
	eo := field(o, "EndpointOptions")
	region := field(o, "Region")
	if !m.IsValid() || !eo.IsValid() || region.Kind() != reflect.String ||
		m.Type().NumIn() != 2 || m.Type().NumOut() != 2 ||
		m.Type().In(0).Kind() != reflect.String || !eo.Type().AssignableTo(m.Type().In(1)) {
		return "", false, fmt.Errorf("fraws: the client's EndpointResolver has an unknown signature")
	}
	out := m.Call([]reflect.Value{reflect.ValueOf(region.String()), eo})
	if e, _ := out[1].Interface().(error); e != nil {
		var nf *aws.EndpointNotFoundError
		if errors.As(e, &nf) {
			return "", false, nil
		}
		return "", false, fmt.Errorf("fraws: legacy endpoint resolver: %w", e)
	}
	ep, _ := out[0].Interface().(aws.Endpoint)
	if ep.URL == "" {
		return "", false, fmt.Errorf("fraws: legacy endpoint resolver returned no URL")
	}
	return ep.URL, true, nil
}
