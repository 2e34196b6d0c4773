module example.com/hoist

go 1.26

require (
	github.com/aws/aws-lambda-go v1.55.1
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/aws-sdk-go-v2/config v1.0.0
	github.com/aws/aws-sdk-go-v2/service/dynamodb v1.0.0
	github.com/freshen-go/freshen v0.0.0
)

// The AWS modules are local stand-ins with the real signatures (the tests
// run without the module proxy).
replace	github.com/aws/aws-sdk-go-v2/config => ./stub/config

replace	github.com/aws/aws-sdk-go-v2/service/dynamodb => ./stub/dynamodb

replace github.com/freshen-go/freshen => ../../../..
