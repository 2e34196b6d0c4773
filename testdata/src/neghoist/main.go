// Package main builds clients in ways that must not be shared between
// invocations: every constructor here stays as written.
package main

import (
	"context"
	"database/sql"
	"io"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	awsv1 "github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/request"
	"github.com/aws/aws-sdk-go/aws/session"
	dynamodbv1 "github.com/aws/aws-sdk-go/service/dynamodb"
)

var cached *s3.Client

func main() {
	http.HandleFunc("/dsn", fromRequest)
	http.HandleFunc("/close", closes)
	http.HandleFunc("/iface", closesThroughInterface)
	http.HandleFunc("/v1", legacy)
	http.HandleFunc("/redis/auth", redisAuth)
	http.HandleFunc("/redis/select", redisSelect)
	http.HandleFunc("/redis/setname", redisSetName)
	http.HandleFunc("/redis/script", redisScript)
	http.HandleFunc("/redis/tracking", redisTracking)
	http.HandleFunc("/redis/pipeline", redisPipeline)
	http.HandleFunc("/redis/pipelined", redisPipelined)
	http.HandleFunc("/redis/conn", redisConn)
	http.HandleFunc("/redis/process", redisProcess)
	http.HandleFunc("/sql/begin", sqlBegin)
	http.HandleFunc("/sql/start", sqlStart)
	http.HandleFunc("/sql/commit", sqlCommitFirst)
	http.HandleFunc("/sql/savepoint", sqlSavepoint)
	http.HandleFunc("/sql/pgtemp", sqlTempSchema)
	http.HandleFunc("/sql/pgtempn", sqlTempSchemaN)
	http.HandleFunc("/sql/pgtempq", sqlTempSchemaQuoted)
	http.HandleFunc("/env/syscall", envSyscall)
	http.HandleFunc("/env/unset", envSyscallUnset)
	http.HandleFunc("/env/clear", envSyscallClear)
	http.HandleFunc("/env/osclear", envOSClear)
	http.HandleFunc("/env/lib", envOtherPackage)
	http.HandleFunc("/env/helper", envOtherPackageHelper)
	http.HandleFunc("/env/method", envOtherPackageMethod)
	http.HandleFunc("/env/value", envOtherPackageValue)
	http.HandleFunc("/generic/must", genericMust)
	http.HandleFunc("/generic/nested", genericNested)
	http.HandleFunc("/generic/method", genericMethod)
	http.HandleFunc("/generic/ptr", genericPtr)
	lambda.Start(handle)
}

// The DSN comes from the request.
func fromRequest(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", r.URL.Query().Get("dsn")) // reject `argument r.URL.Query\(\).Get\("dsn"\) depends on parameter r`
	db.QueryContext(r.Context(), "SELECT 1")                // reject `receiver db depends on .*parameter r`
}

// The handler closes what it built: shared, the next invocation would get
// a closed pool.
func closes(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", "postgres://db/app") // reject `result db has method Close called on it in closes`
	if err != nil {
		return
	}
	defer db.Close()
	db.ExecContext(r.Context(), "DELETE FROM sessions") // reject `local db has no initializer`
}

func closesThroughInterface(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app") // reject `result db has method Close called on it through an interface`
	var c io.Closer = db
	c.Close()
}

func handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	// The configuration is changed after it is loaded.
	cfg, _ := config.LoadDefaultConfig(ctx) // reject `result cfg is modified in handle`
	cfg.Region = ev.PathParameters["region"]
	db := dynamodb.NewFromConfig(cfg)                                   // reject `argument cfg is modified in handle`
	db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t")}) // reject `receiver db depends on cfg, which is modified in handle`

	// An option literal that captures the request.
	base, _ := config.LoadDefaultConfig(ctx)                                                      // want `hoist #0`
	s3r := s3.NewFromConfig(base, func(o *s3.Options) { o.Region = ev.PathParameters["region"] }) // reject `argument func\(o \*s3.Options\).* depends on parameter ev`
	s3r.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String("k")})         // reject `receiver s3r .*`

	// Cached in a package variable by the handler itself.
	if cached == nil {
		cached = s3.NewFromConfig(base) // reject `result of s3.NewFromConfig is stored in cached in handle`
	}

	// Handed to code that may change it.
	other := s3.NewFromConfig(base) // reject `result other is passed to .* in tune`
	tune(other)

	// A client another function returns is not known to be the same in
	// every invocation (that function's own constructor is a hoist).
	c := newClient()
	c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b")}) // reject `receiver c calls main.newClient, which is not known to be pure`

	// The pointer to the configuration goes to code that writes it.
	conf, _ := config.LoadDefaultConfig(ctx) // reject `result conf is modified in setRegion`
	setRegion(&conf, ev.Body)
	return events.APIGatewayProxyResponse{}, nil
}

func tune(c *s3.Client) { sink = append(sink, c) }

var sink []*s3.Client

func newClient() *s3.Client { return s3.New(s3.Options{Region: "x"}) } // want `s3.New\(s3.Options\{Region: "x"\}\) builds a client per invocation; it can be built once per runtime \(hoist #1\)`

func setRegion(c *aws.Config, r string) { c.Region = r }

// SDK v1: the session's configuration and the client's handlers are
// changed per invocation.
func legacy(w http.ResponseWriter, r *http.Request) {
	sess := session.Must(session.NewSession()) // reject `result sess is modified in legacy`
	sess.Config.Region = awsv1.String(r.Header.Get("X-Region"))
	svc := dynamodbv1.New(session.New()) // reject `result (svc|of session.New) has method PushBack called on it in legacy`
	svc.Handlers.Send.PushBack(func(*request.Request) {})
}
