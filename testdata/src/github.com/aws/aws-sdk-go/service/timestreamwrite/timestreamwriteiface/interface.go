// Package timestreamwriteiface is a test stub with the real API's signatures.
package timestreamwriteiface

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/request"
	"github.com/aws/aws-sdk-go/service/timestreamwrite"
)

// TimestreamWriteAPI is the interface *timestreamwrite.TimestreamWrite implements.
type TimestreamWriteAPI interface {
	WriteRecords(*timestreamwrite.WriteRecordsInput) (*timestreamwrite.WriteRecordsOutput, error)
	WriteRecordsWithContext(aws.Context, *timestreamwrite.WriteRecordsInput, ...request.Option) (*timestreamwrite.WriteRecordsOutput, error)
	WriteRecordsRequest(*timestreamwrite.WriteRecordsInput) (*request.Request, *timestreamwrite.WriteRecordsOutput)
}

var _ TimestreamWriteAPI = (*timestreamwrite.TimestreamWrite)(nil)
