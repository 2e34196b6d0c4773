module github.com/aws/aws-sdk-go-v2/service/dynamodb

go 1.26

require github.com/aws/aws-sdk-go-v2 v1.48.0
