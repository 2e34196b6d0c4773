// Command hoist is a Lambda function that greets its caller with a text it
// reads from DynamoDB. Like many functions, it loads its configuration and
// builds its DynamoDB client on every invocation: each invocation then has
// a new connection pool, so no connection is ever reused.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/freshen-go/freshen/fr"
)

// Fixed for the deployment.
var (
	region   = "eu-west-1"
	endpoint = "https://dynamodb.eu-west-1.amazonaws.com"
	table    = "greetings"
)

func handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	cfg, err := fr.FrHoist(ctx, frHandle, frHandle0, func(ctx context.Context) (aws.Config, error) {
		return config.LoadDefaultConfig(ctx, config.WithRegion(region))
	})
	if err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 500}, err
	}
	db := fr.FrHoist1(ctx, frHandle, frHandle1, func(context.Context) *dynamodb.Client {
		return dynamodb.NewFromConfig(cfg, func(o *dynamodb.Options) {
			o.BaseEndpoint = aws.String(endpoint) // a VPC endpoint
		})
	})
	out, err := fr.FrFetch(ctx, frHandle, frHandle2, func() (*dynamodb.GetItemOutput, error) {
		return db.GetItem(ctx, &dynamodb.GetItemInput{
			TableName: aws.String(table),
			Key:       map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "hello"}},
		})
	})
	if err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 502}, err
	}
	text := "hello"
	if s, ok := out.Item["text"].(*types.AttributeValueMemberS); ok {
		text = s.Value
	}
	return events.APIGatewayProxyResponse{StatusCode: 200, Body: text + ", " + ev.QueryStringParameters["name"]}, nil
}

func main() { lambda.Start(handle) }
