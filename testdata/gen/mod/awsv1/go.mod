module example.com/awsv1

go 1.26

require (
	github.com/aws/aws-lambda-go v1.55.1
	github.com/aws/aws-sdk-go v1.55.8
	github.com/freshen-go/freshen v0.0.0
)

replace github.com/freshen-go/freshen => ../../../..
