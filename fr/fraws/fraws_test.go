package fraws_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/freshen-go/freshen/fr/fraws"
)

// recorder is an HTTP client that records where the SDK sends a request
// and sends nothing.
type recorder struct{ urls []string }

var errNotSent = errors.New("not sent")

func (r *recorder) Do(req *http.Request) (*http.Response, error) {
	r.urls = append(r.urls, req.URL.Scheme+"://"+req.URL.Host)
	return nil, errNotSent
}

// creds signs requests; AccountID makes DynamoDB route by account.
func creds(account string) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "secret", AccountID: account, Source: "test"}, nil
	})
}

// origin is scheme://host of a URL.
func origin(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.IndexAny(u[i+3:], "/?#"); j >= 0 {
			return u[:i+3+j]
		}
	}
	return u
}

// TestS3MatchesSDK: for each client setup, Endpoint resolves the origin the
// SDK itself sends GetObject and PutObject to.
func TestS3MatchesSDK(t *testing.T) {
	tests := []struct {
		name   string
		opts   func(*s3.Options)
		bucket string
		want   string
	}{
		{"virtual host", func(o *s3.Options) {}, "models", "https://models.s3.us-west-2.amazonaws.com"},
		{"no bucket", func(o *s3.Options) {}, "", "https://s3.us-west-2.amazonaws.com"},
		{"path style", func(o *s3.Options) { o.UsePathStyle = true }, "models", "https://s3.us-west-2.amazonaws.com"},
		{"dotted bucket", func(o *s3.Options) {}, "my.models", "https://s3.us-west-2.amazonaws.com"},
		{"fips", func(o *s3.Options) { o.EndpointOptions.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled }, "models", "https://models.s3-fips.us-west-2.amazonaws.com"},
		{"dual stack", func(o *s3.Options) { o.EndpointOptions.UseDualStackEndpoint = aws.DualStackEndpointStateEnabled }, "models", "https://models.s3.dualstack.us-west-2.amazonaws.com"},
		{"accelerate", func(o *s3.Options) { o.UseAccelerate = true }, "models", "https://models.s3-accelerate.amazonaws.com"},
		{"other region", func(o *s3.Options) { o.Region = "eu-central-1" }, "models", "https://models.s3.eu-central-1.amazonaws.com"},
		{"base endpoint", func(o *s3.Options) { o.BaseEndpoint = aws.String("http://localstack:4566") }, "models", "http://models.localstack:4566"},
		{"base endpoint path style", func(o *s3.Options) {
			o.BaseEndpoint = aws.String("http://localstack:4566")
			o.UsePathStyle = true
		}, "models", "http://localstack:4566"},
		{"base endpoint ip", func(o *s3.Options) { o.BaseEndpoint = aws.String("http://127.0.0.1:9000") }, "models", "http://127.0.0.1:9000"},
		{"legacy resolver", func(o *s3.Options) {
			o.EndpointResolver = s3.EndpointResolverFromURL("https://vpce-1.s3.us-west-2.vpce.amazonaws.com", func(e *aws.Endpoint) { e.HostnameImmutable = true })
		}, "models", "https://vpce-1.s3.us-west-2.vpce.amazonaws.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			c := s3.New(s3.Options{Region: "us-west-2", Credentials: creds(""), HTTPClient: rec, Retryer: aws.NopRetryer{}}, tt.opts)
			ctx := context.Background()
			var inputs []fraws.Input
			if tt.bucket != "" {
				inputs = append(inputs, fraws.Field("Bucket", aws.String(tt.bucket)))
			}
			got, err := fraws.Endpoint(c.Options(), new(s3.EndpointParameters), inputs...)(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if origin(got) != tt.want {
				t.Errorf("Endpoint = %s, want origin %s", got, tt.want)
			}
			if tt.bucket == "" {
				return
			}
			c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(tt.bucket), Key: aws.String("k")})
			c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(tt.bucket), Key: aws.String("k"), Body: strings.NewReader("x")})
			if len(rec.urls) != 2 {
				t.Fatalf("SDK sent %d requests, want 2: %v", len(rec.urls), rec.urls)
			}
			for _, u := range rec.urls {
				if u != origin(got) {
					t.Errorf("SDK sent to %s, Endpoint resolved %s", u, got)
				}
			}
		})
	}
}

// TestDynamoDBMatchesSDK covers account-based routing, which depends on
// the credentials and the client's AccountIDEndpointMode.
func TestDynamoDBMatchesSDK(t *testing.T) {
	const account = "123456789012"
	tests := []struct {
		name    string
		account string
		opts    func(*dynamodb.Options)
		inputs  []fraws.Input
		table   string
		want    string
	}{
		{"account endpoint", account, func(o *dynamodb.Options) {}, nil, "t", "https://123456789012.ddb.us-east-1.amazonaws.com"},
		{"no account in credentials", "", func(o *dynamodb.Options) {}, nil, "t", "https://dynamodb.us-east-1.amazonaws.com"},
		{"account routing disabled", account, func(o *dynamodb.Options) { o.AccountIDEndpointMode = aws.AccountIDEndpointModeDisabled }, nil, "t", "https://dynamodb.us-east-1.amazonaws.com"},
		{"fips", account, func(o *dynamodb.Options) { o.EndpointOptions.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled }, nil, "t", "https://dynamodb-fips.us-east-1.amazonaws.com"},
		{"base endpoint", account, func(o *dynamodb.Options) { o.BaseEndpoint = aws.String("http://localhost:8000") }, nil, "t", "http://localhost:8000"},
		{"table arn", "", func(o *dynamodb.Options) {},
			[]fraws.Input{fraws.Field("ResourceArn", aws.String("arn:aws:dynamodb:us-east-1:210987654321:table/t"))},
			"arn:aws:dynamodb:us-east-1:210987654321:table/t", "https://210987654321.ddb.us-east-1.amazonaws.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{}
			c := dynamodb.New(dynamodb.Options{Region: "us-east-1", Credentials: creds(tt.account), HTTPClient: rec, Retryer: aws.NopRetryer{}}, tt.opts)
			ctx := context.Background()
			got, err := fraws.Endpoint(c.Options(), new(dynamodb.EndpointParameters), tt.inputs...)(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if origin(got) != tt.want {
				t.Errorf("Endpoint = %s, want origin %s", got, tt.want)
			}
			c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(tt.table), Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k"}}})
			if len(rec.urls) != 1 || rec.urls[0] != origin(got) {
				t.Errorf("SDK sent to %v, Endpoint resolved %s", rec.urls, got)
			}
		})
	}
}

func TestEndpointErrors(t *testing.T) {
	ctx := context.Background()
	// The SDK refuses a region that is not a host label; so does Endpoint,
	// and fr.WarmAWS then falls back.
	c := s3.New(s3.Options{Region: "us east 1", Credentials: creds("")})
	if _, err := fraws.Endpoint(c.Options(), new(s3.EndpointParameters))(ctx); err == nil {
		t.Error("invalid region resolved")
	}
	// Required account routing without an account ID fails in the SDK too.
	d := dynamodb.New(dynamodb.Options{Region: "us-east-1", Credentials: creds(""), AccountIDEndpointMode: aws.AccountIDEndpointModeRequired})
	if _, err := fraws.Endpoint(d.Options(), new(dynamodb.EndpointParameters))(ctx); err == nil {
		t.Error("required account ID without one resolved")
	}
	// A field the parameters do not have is a generator bug, reported.
	ok := s3.New(s3.Options{Region: "us-east-1", Credentials: creds("")})
	if _, err := fraws.Endpoint(ok.Options(), new(s3.EndpointParameters), fraws.Field("TableName", aws.String("t")))(ctx); err == nil || !strings.Contains(err.Error(), "TableName") {
		t.Errorf("unknown field: err = %v", err)
	}
	if _, err := fraws.Endpoint(ok.Options(), new(s3.EndpointParameters), fraws.Field("Bucket", "not a pointer"))(ctx); err == nil {
		t.Error("mistyped field accepted")
	}
	// Options that are not a client's.
	if _, err := fraws.Endpoint(struct{ Region string }{"us-east-1"}, new(s3.EndpointParameters))(ctx); err == nil {
		t.Error("options without a resolver resolved")
	}
}
