// Package main reads DynamoDB with both SDKs: Query and Scan are reads,
// and a strongly consistent read is never prefetched.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	ddb2 "github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

const eventual = false

var (
	ddb        = dynamodb.New(session.Must(session.NewSession()))
	v2         *ddb2.Client
	consistent = true
	flagsIn    = &dynamodb.GetItemInput{TableName: aws.String("cfg")}
	strongIn   = &dynamodb.GetItemInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(true)}
	laterIn    *dynamodb.QueryInput
)

func init() {
	cfg, _ := config.LoadDefaultConfig(context.Background())
	v2 = ddb2.NewFromConfig(cfg)
	laterIn = &dynamodb.QueryInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(true)}
}

func main() { lambda.Start(handle) }

func handle(ctx context.Context) error {
	ddb.GetItem(flagsIn) // want `fetch #0`
	// whywarm `the input asks for a strongly consistent read \(ConsistentRead\)`
	ddb.GetItem(strongIn) // want `warm #1`
	// whywarm `the input asks for a strongly consistent read \(ConsistentRead\), which a read made before the handler runs cannot give \(main.go:40\)`
	ddb.GetItemWithContext(ctx, &dynamodb.GetItemInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(true)}) // want `warm #2`
	ddb.Query(&dynamodb.QueryInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(eventual)})                 // want `fetch #3`
	// whywarm `the input asks for a strongly consistent read`
	ddb.Scan(&dynamodb.ScanInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(consistent)}) // want `warm #4`
	// whywarm `the input asks for a strongly consistent read`
	ddb.BatchGetItem(&dynamodb.BatchGetItemInput{RequestItems: map[string]*dynamodb.KeysAndAttributes{ // want `warm #5`
		"cfg": &dynamodb.KeysAndAttributes{ConsistentRead: aws.Bool(true)},
	}})
	ddb.BatchGetItem(&dynamodb.BatchGetItemInput{RequestItems: map[string]*dynamodb.KeysAndAttributes{ // want `fetch #6`
		"cfg": &dynamodb.KeysAndAttributes{ConsistentRead: nil},
	}})
	// A local's literal is its value, and it reads eventually.
	items := map[string]*dynamodb.KeysAndAttributes{"cfg": &dynamodb.KeysAndAttributes{}}
	ddb.BatchGetItem(&dynamodb.BatchGetItemInput{RequestItems: items}) // want `fetch #7`
	// whywarm `freshen cannot see whether laterIn asks for a strongly consistent read`
	ddb.Query(laterIn) // want `warm #8`

	v2.GetItem(ctx, &ddb2.GetItemInput{TableName: aws.String("cfg")}) // want `fetch #9`
	v2.Query(ctx, &ddb2.QueryInput{TableName: aws.String("cfg")})     // want `fetch #10`
	v2.Scan(ctx, &ddb2.ScanInput{TableName: aws.String("cfg")})       // want `fetch #11`
	// whywarm `strongly consistent`
	v2.Query(ctx, &ddb2.QueryInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(true)}) // want `warm #12`
	return nil
}
