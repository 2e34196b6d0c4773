// Package main writes DynamoDB through a transaction. It is a program of
// its own: every handler of a program shares its writes with the others
// (read after write), and a transaction may write any table.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
)

var ddb = dynamodb.New(session.Must(session.NewSession(&aws.Config{Region: aws.String("us-east-1")})))

func main() { lambda.Start(transact) }

// transact writes with a transaction, whose tables freshen does not read
// from the input: any DynamoDB read next to it may see its write.
func transact(ctx context.Context) error {
	ddb.GetItem(&dynamodb.GetItemInput{TableName: aws.String("cfg")})           // want `warm #0`
	ddb.TransactWriteItemsWithContext(ctx, &dynamodb.TransactWriteItemsInput{}) // want `warm #1`
	return nil
}
