// Command awsv2 is an AWS Lambda function on the AWS SDK for Go v2: it
// greets a caller with a template kept in S3, the same for every
// invocation, and records each caller in DynamoDB. Both clients may be
// pointed elsewhere with BaseEndpoint (LocalStack, a VPC endpoint): the
// warm-up follows the endpoint the client resolves.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const (
	bucket = "greeter-config"
	table  = "greeter-visits"
)

var (
	s3c = s3.New(s3.Options{Region: "us-east-1"})
	ddb = dynamodb.New(dynamodb.Options{Region: "us-east-1"})
)

type request struct {
	Name string `json:"name"`
}

type response struct {
	Message string `json:"message"`
}

func handle(ctx context.Context, req request) (response, error) {
	obj, err := s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("greeting.txt")})
	if err != nil {
		return response{}, fmt.Errorf("greeting: %w", err)
	}
	defer obj.Body.Close()
	tmpl, err := io.ReadAll(obj.Body)
	if err != nil {
		return response{}, fmt.Errorf("greeting: %w", err)
	}
	_, err = ddb.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: aws.String(table),
		Item:      map[string]types.AttributeValue{"name": &types.AttributeValueMemberS{Value: req.Name}},
	})
	if err != nil {
		return response{}, fmt.Errorf("visit: %w", err)
	}
	return response{Message: fmt.Sprintf(string(tmpl), req.Name)}, nil
}

func main() { lambda.Start(handle) }
