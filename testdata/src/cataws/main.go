package main

import (
	"context"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
)

const bucket = "models"

var (
	s3c     *s3.Client
	ddb     *dynamodb.Client
	ssmc    *ssm.Client
	secrets *secretsmanager.Client
	kmsc    *kms.Client
	sqsc    *sqs.Client
	snsc    *sns.Client
	s3main  *s3.Client
	blob    = []byte{1, 2, 3}
)

func init() {
	cfg, _ := config.LoadDefaultConfig(context.Background())
	s3c = s3.NewFromConfig(cfg)
	ddb = dynamodb.NewFromConfig(cfg)
	ssmc = ssm.NewFromConfig(cfg)
	secrets = secretsmanager.NewFromConfig(cfg)
	kmsc = kms.NewFromConfig(cfg)
	sqsc = sqs.NewFromConfig(cfg)
	snsc = sns.NewFromConfig(cfg)
}

func main() {
	cfg, _ := config.LoadDefaultConfig(context.Background())
	s3main = s3.NewFromConfig(cfg)
	lambda.Start(handle)
}

func handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	key := ev.PathParameters["key"]
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("model.bin")}) // want `s3c.GetObject\(.*\) can be prefetched before handle runs \(fetch #0\)`
	in := s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("model.bin")}
	s3c.HeadObject(ctx, &in)                                                                          // want `fetch #1`
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})          // want `warm #2`
	s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String("x")})          // want `warm #3`
	s3c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("scratch"), Key: aws.String(key)}) // want `warm #4`
	s3main.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket)})                             // want `warm #5`

	ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("t"), Key: map[string]string{"pk": "cfg"}})        // want `fetch #6`
	ddb.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]dynamodb.KeysAndAttributes{"t": {}}}) // want `fetch #7`
	ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("events"), Item: map[string]string{"pk": key}})    // want `warm #8`
	ddb.UpdateItem(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("events")})                                  // want `warm #9`

	ssmc.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String("/app/flag"), WithDecryption: aws.Bool(true)}) // want `fetch #10`
	ssmc.GetParameters(ctx, &ssm.GetParametersInput{Names: []string{"/a", "/b"}})                                 // want `fetch #11`
	ssmc.PutParameter(ctx, &ssm.PutParameterInput{Name: aws.String("/app/last"), Value: aws.String(key)})         // want `warm #12`

	secrets.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String("db")})          // want `fetch #13`
	kmsc.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: []byte("abc")})                                   // want `fetch #14`
	kmsc.Decrypt(ctx, &kms.DecryptInput{CiphertextBlob: blob})                                            // want `fetch #15`
	kmsc.Encrypt(ctx, &kms.EncryptInput{Plaintext: []byte(key)})                                          // want `warm #16`
	sqsc.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("q"), MessageBody: aws.String(key)}) // want `warm #17`
	snsc.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("t"), Message: aws.String(key)})             // want `warm #18`
	return events.APIGatewayProxyResponse{}, nil
}
