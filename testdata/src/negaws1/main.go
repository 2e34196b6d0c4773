// Package main attacks the memory judgement of AWS SDK v1 clients: each
// client below is built in a package declaration from constants, and a
// handler then changes what its calls do. None may be prefetched; the
// clients whose endpoint the handler changes may not even be warmed.
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/request"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/kms"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/s3/s3iface"
	"github.com/aws/aws-sdk-go/service/s3/s3manager"
	"github.com/aws/aws-sdk-go/service/secretsmanager"
	"github.com/aws/aws-sdk-go/service/ssm"
)

// Each attacked client has a session of its own, so that one attack does
// not hide another (a session is frozen together with every client built
// from it).
var (
	hooked     = s3.New(session.Must(session.NewSession()))
	regions    = dynamodb.New(session.Must(session.NewSession()))
	pointed    = dynamodb.New(session.Must(session.NewSession()))
	credCfg    = &aws.Config{Region: aws.String("us-east-1")}
	credS3     = s3.New(session.Must(session.NewSession(credCfg)))
	sharedSess = session.Must(session.NewSession())
	viaSess    = ssm.New(sharedSess)
	baseCfg    = aws.NewConfig().WithRegion("us-east-1")
	viaCfg     = kms.New(session.Must(session.NewSession()), baseCfg)
	presigner  = s3.New(session.Must(session.NewSession()))
	debug      = secretsmanager.New(session.Must(session.NewSession()))
	printed    = s3.New(session.Must(session.NewSession()))
	swapped    = s3manager.NewDownloader(session.Must(session.NewSession()))
	custom     = s3.New(session.Must(session.NewSession(&aws.Config{Credentials: credentials.NewCredentials(&userProvider{})})))
	perRequest = session.Must(session.NewSession())
	clean      = s3.New(session.Must(session.NewSession()))

	mocked s3iface.S3API = s3.New(session.Must(session.NewSession()))
)

// userProvider answers with the credentials of the current caller.
type userProvider struct{}

var currentUser credentials.Value

func (p *userProvider) Retrieve() (credentials.Value, error) { return currentUser, nil }
func (p *userProvider) IsExpired() bool                      { return true }

type event struct {
	Tenant, Region, Endpoint, Key, Secret string
}

func main() { lambda.Start(handle) }

var in = &s3.GetObjectInput{Bucket: aws.String("models"), Key: aws.String("model.bin")}

func handle(ctx context.Context, ev event) error {
	// A request handler per request: the tenant header travels with
	// every later call of the client, prefetched ones included.
	hooked.Handlers.Send.PushBack(func(r *request.Request) { r.HTTPRequest.Header.Set("X-Tenant", ev.Tenant) })
	hooked.GetObject(in) // reject `receiver hooked has method PushBack called on it in handle`

	regions.Config.Region = aws.String(ev.Region)
	regions.GetItem(&dynamodb.GetItemInput{TableName: aws.String("cfg")}) // reject `receiver regions is modified in handle`

	pointed.Endpoint = ev.Endpoint
	pointed.GetItem(&dynamodb.GetItemInput{TableName: aws.String("cfg")}) // reject `receiver pointed is modified in handle`

	// Per-request credentials in the configuration the session was built from.
	credCfg.Credentials = credentials.NewStaticCredentials(ev.Key, ev.Secret, "")
	credS3.GetObject(in) // reject `receiver credS3 depends on credCfg, which is modified in handle`

	// A client built per request from the caller's keys.
	own := s3.New(perRequest, &aws.Config{Credentials: credentials.NewStaticCredentials(ev.Key, ev.Secret, "")}) // reject `argument &aws.Config\{Credentials: credentials.... depends on parameter ev`
	own.GetObject(in)                                                                                            // reject `receiver own depends on parameter ev`

	sharedSess.Handlers.Build.PushBack(func(r *request.Request) { r.HTTPRequest.Header.Set("X-Tenant", ev.Tenant) })
	viaSess.GetParameter(&ssm.GetParameterInput{Name: aws.String("/flag")}) // reject `receiver viaSess depends on sharedSess, which has method PushBack called on it in handle`

	baseCfg.WithRegion(ev.Region)
	viaCfg.Decrypt(&kms.DecryptInput{CiphertextBlob: []byte("abc")}) // reject `receiver viaCfg depends on baseCfg, which has method WithRegion called on it in handle`

	// The request a builder returns shares the client's configuration.
	req, _ := presigner.GetObjectRequest(&s3.GetObjectInput{Bucket: aws.String("models"), Key: aws.String(ev.Key)})
	req.Presign(time.Minute)
	presigner.GetObject(in) // reject `receiver presigner has method GetObjectRequest called on it in handle`

	debug.AddDebugHandlers()
	debug.GetSecretValue(&secretsmanager.GetSecretValueInput{SecretId: aws.String("db")}) // reject `receiver debug has method AddDebugHandlers called on it in handle`

	fmt.Println(printed)
	printed.GetObject(in) // reject `receiver printed is printed by fmt.Println in handle`

	swapped.S3 = s3.New(session.Must(session.NewSession())) // reject `result of (s3.New|session.NewSession) is stored in swapped in handle`
	swapped.Download(nil, in)                               // reject `receiver swapped is modified in handle`

	custom.GetObject(in) // reject `receiver custom calls credentials.NewCredentials, which is not known to be pure`

	// The interface is given another client per request.
	mocked = s3.New(session.Must(session.NewSession(&aws.Config{Region: aws.String(ev.Region)}))) // reject `depends on parameter ev`
	mocked.GetObject(in)                                                                          // reject `receiver mocked is assigned in handle`

	clean.GetObject(in) // want `fetch #0`
	return nil
}
