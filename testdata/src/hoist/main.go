// Package main builds its clients on every invocation, with constant
// arguments: each constructor can be built once per runtime.
package main

import (
	"context"
	"database/sql"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/redis/go-redis/v9"

	"envlib"

	awsv1 "github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	dynamodbv1 "github.com/aws/aws-sdk-go/service/dynamodb"
)

const table = "models"

var (
	region = "eu-west-1"
	dsn    = "postgres://db.internal/app"
)

func main() {
	http.HandleFunc("/count", count)
	http.HandleFunc("/cache", cache)
	http.HandleFunc("/v1", legacy)
	lambda.Start(handle)
}

func handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region)) // want `freshen: config.LoadDefaultConfig\(ctx, config.WithRegion\(region\)\) builds a configuration per invocation; it can be built once per runtime \(hoist #0\)`
	if err != nil {
		return events.APIGatewayProxyResponse{}, err
	}
	db := dynamodb.NewFromConfig(cfg)                                                                                // want `freshen: dynamodb.NewFromConfig\(cfg\) builds a client per invocation; it can be built once per runtime \(hoist #1\)`
	db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: map[string]string{"pk": "current"}})   // want `can be prefetched before handle runs \(fetch #2\)`
	db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("events"), Item: map[string]string{"pk": ev.Body}}) // want `db.PutItem\(.*\) can have its connection to db opened before handle runs \(warm #3\)`
	s3c := s3.NewFromConfig(cfg, func(o *s3.Options) { o.Region = "us-east-1" })                                     // want `hoist #4`
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("models"), Key: aws.String(ev.Path)})                   // want `warm #5`
	return events.APIGatewayProxyResponse{Body: "ok"}, nil
}

func count(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", dsn) // want `sql.Open\("postgres", dsn\) builds a connection pool per invocation; it can be built once per runtime \(hoist #0\)`
	if err != nil {
		return
	}
	var n int
	db.QueryRowContext(r.Context(), "SELECT count(*) FROM items").Scan(&n) // want `fetch #1`
	db.ExecContext(r.Context(), "UPDATE hits SET n = n + 1")               // want `warm #2`
}

func cache(w http.ResponseWriter, r *http.Request) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // want `redis.NewClient\(.*\) builds a client per invocation; it can be built once per runtime \(hoist #0\)`
	rdb.Get(r.Context(), "config")                             // want `fetch #1`
	rdb.Set(r.Context(), "seen", r.URL.Path, 0)                // want `warm #2`
	rdb.TTL(r.Context(), "seen")                               // a data command: the pool's connections stay as they were
	_ = rdb.PoolStats()
	_ = envlib.Region() // reads the environment only
}

// The AWS SDK v1 idiom: a session and a client per invocation.
func legacy(w http.ResponseWriter, r *http.Request) {
	sess := session.Must(session.NewSession(&awsv1.Config{Region: awsv1.String("eu-west-1")}))    // want `session.NewSession\(.*\) builds a session per invocation; it can be built once per runtime \(hoist #0\)`
	svc := dynamodbv1.New(sess)                                                                   // want `dynamodbv1.New\(sess\) builds a client per invocation; it can be built once per runtime \(hoist #1\)`
	svc.GetItemWithContext(r.Context(), &dynamodbv1.GetItemInput{TableName: awsv1.String(table)}) // want `fetch #2`
	other := dynamodbv1.New(session.New())                                                        // want `dynamodbv1.New\(session.New\(\)\) builds a client per invocation; it can be built once per runtime \(hoist #3\)` `session.New\(\) builds a session per invocation; it can be built once per runtime \(hoist #4\)`
	other.GetItem(&dynamodbv1.GetItemInput{TableName: awsv1.String(table)})                       // want `fetch #5`
}
