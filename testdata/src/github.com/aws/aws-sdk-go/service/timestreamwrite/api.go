// Package timestreamwrite is a test stub with the real API's signatures.
package timestreamwrite

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/client/metadata"
	"github.com/aws/aws-sdk-go/aws/request"
)

// TimestreamWrite is the service client.
type TimestreamWrite struct {
	*client.Client
}

// New returns a client built from the session (or other provider) p.
func New(p client.ConfigProvider, cfgs ...*aws.Config) *TimestreamWrite {
	c := p.ClientConfig("timestreamwrite", cfgs...)
	return &TimestreamWrite{client.New(*c.Config, metadata.ClientInfo{ServiceName: "timestreamwrite", Endpoint: c.Endpoint}, c.Handlers)}
}

// Record is one time-series record.
type Record struct {
	MeasureName  *string
	MeasureValue *string
}

type WriteRecordsInput struct {
	DatabaseName *string
	TableName    *string
	Records      []*Record
}

type WriteRecordsOutput struct {
}

func (c *TimestreamWrite) WriteRecordsRequest(input *WriteRecordsInput) (req *request.Request, output *WriteRecordsOutput) {
	output = &WriteRecordsOutput{}
	req = c.NewRequest(&request.Operation{Name: "WriteRecords"}, input, output)
	return
}

func (c *TimestreamWrite) WriteRecords(input *WriteRecordsInput) (*WriteRecordsOutput, error) {
	req, out := c.WriteRecordsRequest(input)
	return out, req.Send()
}

func (c *TimestreamWrite) WriteRecordsWithContext(ctx aws.Context, input *WriteRecordsInput, opts ...request.Option) (*WriteRecordsOutput, error) {
	req, out := c.WriteRecordsRequest(input)
	return out, req.Send()
}
