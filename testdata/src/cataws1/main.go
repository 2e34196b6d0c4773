// Package main is an AWS Lambda function on the AWS SDK for Go v1: every
// v1 API of the catalogue, in both call forms.
package main

import (
	"bytes"
	"context"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/credentials"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/dynamodb"
	"github.com/aws/aws-sdk-go/service/kms"
	"github.com/aws/aws-sdk-go/service/s3"
	"github.com/aws/aws-sdk-go/service/s3/s3iface"
	"github.com/aws/aws-sdk-go/service/s3/s3manager"
	"github.com/aws/aws-sdk-go/service/secretsmanager"
	"github.com/aws/aws-sdk-go/service/sns"
	"github.com/aws/aws-sdk-go/service/sqs"
	"github.com/aws/aws-sdk-go/service/ssm"
	"github.com/aws/aws-sdk-go/service/timestreamwrite"
)

const bucket = "models"

var (
	sess = session.Must(session.NewSession(&aws.Config{Region: aws.String("us-east-1")}))
	s3c  = s3.New(sess)
	ddb  = dynamodb.New(sess, aws.NewConfig().WithRegion("eu-west-1").WithMaxRetries(2))
	ssmc = ssm.New(session.New())
	kmsc = kms.New(sess)
	sqsc = sqs.New(sess)
	snsc = sns.New(sess)
	tsw  = timestreamwrite.New(sess)
	dl   = s3manager.NewDownloader(sess)
	up   = s3manager.NewUploader(sess)

	// Configuration read at start-up, and static credentials.
	envSess = session.Must(session.NewSessionWithOptions(session.Options{
		SharedConfigState: session.SharedConfigEnable,
		Config:            aws.Config{Region: aws.String(os.Getenv("AWS_REGION"))},
	}))
	s3env = s3.New(envSess, &aws.Config{Credentials: credentials.NewStaticCredentials("id", "secret", "")})

	// Code written for tests holds clients in the service interface.
	api s3iface.S3API = s3.New(sess)

	secrets *secretsmanager.SecretsManager
	s3main  *s3.S3
	blob    = []byte{1, 2, 3}
)

func init() {
	s, err := session.NewSession()
	if err != nil {
		panic(err)
	}
	secrets = secretsmanager.New(s)
}

func main() {
	s3main = s3.New(session.Must(session.NewSession()))
	lambda.Start(handle)
}

type buffer []byte

func (b buffer) WriteAt(p []byte, off int64) (int, error) { return copy(b[off:], p), nil }

func handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	key := ev.PathParameters["key"]
	s3c.GetObject(&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("model.bin")})                 // want `s3c.GetObject\(.*\) can be prefetched before handle runs \(fetch #0\)`
	s3c.GetObjectWithContext(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("vocab.txt")}) // want `fetch #1`
	in := s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String("model.bin")}
	s3c.HeadObject(&in)                                                                                                                   // want `fetch #2`
	s3c.GetObject(&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})                                                   // want `warm #3`
	s3c.PutObject(&s3.PutObjectInput{Bucket: aws.String("uploads"), Key: aws.String(key), Body: bytes.NewReader([]byte(key))})            // want `warm #4`
	s3c.CopyObjectWithContext(ctx, &s3.CopyObjectInput{Bucket: aws.String("uploads"), Key: aws.String("b"), CopySource: aws.String(key)}) // want `warm #5`
	s3c.DeleteObject(&s3.DeleteObjectInput{Bucket: aws.String("uploads"), Key: aws.String(key)})                                          // want `warm #6`
	s3main.GetObject(&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("model.bin")})                                        // want `warm #7`
	s3env.GetObject(&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("labels.txt")})                                        // want `fetch #8`

	ddb.GetItem(&dynamodb.GetItemInput{TableName: aws.String("cfg"), Key: map[string]*dynamodb.AttributeValue{"pk": &dynamodb.AttributeValue{S: aws.String("flags")}}}) // want `fetch #9`
	ddb.GetItemWithContext(ctx, &dynamodb.GetItemInput{TableName: aws.String("cfg"), ConsistentRead: aws.Bool(false)})                                                  // want `fetch #10`
	ddb.BatchGetItem(&dynamodb.BatchGetItemInput{RequestItems: map[string]*dynamodb.KeysAndAttributes{"cfg": &dynamodb.KeysAndAttributes{Keys: nil}}})                  // want `fetch #11`
	ddb.QueryWithContext(ctx, &dynamodb.QueryInput{TableName: aws.String("cfg"), KeyConditionExpression: aws.String("pk = :p"),                                         // want `fetch #12`
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{":p": &dynamodb.AttributeValue{S: aws.String("flags")}}})
	ddb.Scan(&dynamodb.ScanInput{TableName: aws.String("cfg"), Limit: aws.Int64(10)})                           // want `fetch #13`
	ddb.Query(&dynamodb.QueryInput{TableName: aws.String("cfg"), KeyConditionExpression: aws.String("pk = :p"), // want `warm #14`
		ExpressionAttributeValues: map[string]*dynamodb.AttributeValue{":p": &dynamodb.AttributeValue{S: aws.String(key)}}})
	ddb.PutItem(&dynamodb.PutItemInput{TableName: aws.String("events"), Item: map[string]*dynamodb.AttributeValue{"pk": {S: aws.String(key)}}}) // want `warm #15`
	ddb.UpdateItemWithContext(ctx, &dynamodb.UpdateItemInput{TableName: aws.String("events")})                                                  // want `warm #16`
	ddb.DeleteItem(&dynamodb.DeleteItemInput{TableName: aws.String("events")})                                                                  // want `warm #17`
	ddb.BatchWriteItem(&dynamodb.BatchWriteItemInput{RequestItems: map[string][]*dynamodb.WriteRequest{"events": nil}})                         // want `warm #18`

	ssmc.GetParameter(&ssm.GetParameterInput{Name: aws.String("/app/flag"), WithDecryption: aws.Bool(true)})          // want `fetch #19`
	ssmc.GetParametersWithContext(ctx, &ssm.GetParametersInput{Names: []*string{aws.String("/a"), aws.String("/b")}}) // want `fetch #20`
	ssmc.PutParameter(&ssm.PutParameterInput{Name: aws.String("/app/last"), Value: aws.String(key)})                  // want `warm #21`

	secrets.GetSecretValue(&secretsmanager.GetSecretValueInput{SecretId: aws.String("db")})                                       // want `fetch #22`
	secrets.PutSecretValueWithContext(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String("seen"), SecretString: &key}) // want `warm #23`
	kmsc.Decrypt(&kms.DecryptInput{CiphertextBlob: blob})                                                                         // want `fetch #24`
	kmsc.DecryptWithContext(ctx, &kms.DecryptInput{CiphertextBlob: []byte("abc")})                                                // want `fetch #25`
	kmsc.Encrypt(&kms.EncryptInput{Plaintext: []byte(key)})                                                                       // want `warm #26`
	kmsc.GenerateDataKey(&kms.GenerateDataKeyInput{KeyId: aws.String("k")})                                                       // want `warm #27`
	kmsc.Sign(&kms.SignInput{KeyId: aws.String("k"), Message: []byte(key)})                                                       // want `warm #28`
	sqsc.SendMessage(&sqs.SendMessageInput{QueueUrl: aws.String("q"), MessageBody: aws.String(key)})                              // want `warm #29`
	sqsc.ReceiveMessageWithContext(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String("q")})                                      // want `warm #30`
	snsc.Publish(&sns.PublishInput{TopicArn: aws.String("t"), Message: aws.String(key)})                                          // want `warm #31`
	tsw.WriteRecords(&timestreamwrite.WriteRecordsInput{DatabaseName: aws.String("d"), TableName: aws.String("t")})               // want `warm #32`

	var buf buffer = make([]byte, 64)
	dl.Download(buf, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("model.bin")})                     // want `warm #33`
	dl.DownloadWithContext(ctx, buf, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})             // want `warm #34`
	up.Upload(&s3manager.UploadInput{Bucket: aws.String("uploads"), Key: aws.String(key), Body: bytes.NewReader(buf)}) // want `warm #35`
	up.UploadWithContext(ctx, &s3manager.UploadInput{Bucket: aws.String("uploads"), Key: aws.String(key)})             // want `warm #36`
	return events.APIGatewayProxyResponse{}, nil
}

// viaInterface calls through s3iface.S3API; its write is seen.
//
//freshen:handler
func viaInterface(ctx context.Context, key string) error {
	api.GetObject(&s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String("iface.bin")})           // want `fetch #0`
	api.HeadObjectWithContext(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}) // want `warm #1`
	// whywarm `the handler also writes an S3 bucket \(state/last\) with api.PutObject`
	s3c.GetObject(&s3.GetObjectInput{Bucket: aws.String("state"), Key: aws.String("last")}) // want `warm #2`
	api.PutObject(&s3.PutObjectInput{Bucket: aws.String("state"), Key: aws.String("last")}) // want `warm #3`
	return nil
}
