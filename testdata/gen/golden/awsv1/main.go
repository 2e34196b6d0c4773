// Command awsv1 is an AWS Lambda function on the AWS SDK for Go v1, the
// SDK most published Lambda code still uses: it greets a caller with a
// template kept in S3 and punctuation kept in SSM, the same for every
// invocation, and records each caller in DynamoDB.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/ssm"
	"github.com/freshen-go/freshen/fr"
)

const (
	bucket = "greeter-config"
	table  = "greeter-visits"
)

// The clients are built once per process, as Lambda functions do.
var (
	sess = session.Must(session.NewSession(&aws.Config{Region: aws.String("us-east-1")}))
	s3c  = s3.New(sess)
	ssmc = ssm.New(sess)
	ddb  = dynamodb.New(sess)
)

type request struct {
	Name string `json:"name"`
}

type response struct {
	Message string `json:"message"`
}

func handle(ctx context.Context, req request) (response, error) {
	obj, err := fr.FrFetch(ctx, frHandle, frHandle0, func() (*s3.GetObjectOutput, error) {
		return s3c.GetObjectWithContext(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("greeting.txt")})
	})
	if err != nil {
		return response{}, fmt.Errorf("greeting: %w", err)
	}
	defer obj.Body.Close()
	tmpl, err := io.ReadAll(obj.Body)
	if err != nil {
		return response{}, fmt.Errorf("greeting: %w", err)
	}
	p, err := fr.FrFetch(ctx, frHandle, frHandle1, func() (*ssm.GetParameterOutput, error) {
		return ssmc.GetParameter(&ssm.GetParameterInput{Name: aws.String("/greeter/punctuation")})
	})
	if err != nil {
		return response{}, fmt.Errorf("punctuation: %w", err)
	}
	// The item depends on the caller: only the connection can be opened early.
	_, err = fr.FrWarm(ctx, frHandle, frHandle2, func() (*dynamodb.PutItemOutput, error) {
		return ddb.PutItemWithContext(ctx, &dynamodb.PutItemInput{
			TableName: aws.String(table),
			Item:      map[string]*dynamodb.AttributeValue{"name": &dynamodb.AttributeValue{S: aws.String(req.Name)}},
		})
	})
	if err != nil {
		return response{}, fmt.Errorf("visit: %w", err)
	}
	return response{Message: fmt.Sprintf(string(tmpl), req.Name) + aws.StringValue(p.Parameter.Value)}, nil
}

func main() { lambda.Start(handle) }
