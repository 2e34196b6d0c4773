package infer

import (
	"fmt"
	"go/types"
	"strings"
)

// The AWS SDK for Go v1 (github.com/aws/aws-sdk-go): sessions, service
// clients and the S3 transfer manager. The tables below are data, in the
// same form as the SDK v2 rows; the rules that differ are explained where
// they are.

const awsV1 = "github.com/aws/aws-sdk-go"

// awsV1Services maps the v1 service packages freshen knows to their client
// type, with the operations it fetches and the ones it warms. Every
// operation comes in two forms, Op(input) and OpWithContext(ctx, input,
// opts...); a fetch of either runs as OpWithContext with freshen's context.
var awsV1Services = []struct {
	pkg, client string
	fetch, warm []string
}{
	{"s3", "S3", []string{"GetObject", "HeadObject"}, []string{"PutObject", "CopyObject", "DeleteObject", "ListObjectsV2"}},
	// Query and Scan only read, and return the same page for the same
	// input and table contents, as GetItem does; a strongly consistent
	// read is never prefetched (strongRead).
	{"dynamodb", "DynamoDB", []string{"GetItem", "BatchGetItem", "Query", "Scan"}, []string{"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}},
	{"ssm", "SSM", []string{"GetParameter", "GetParameters"}, []string{"PutParameter"}},
	{"secretsmanager", "SecretsManager", []string{"GetSecretValue"}, []string{"PutSecretValue"}},
	{"kms", "KMS", []string{"Decrypt"}, []string{"Encrypt", "GenerateDataKey", "Sign"}},
	{"sqs", "SQS", nil, []string{"SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage"}},
	{"sns", "SNS", nil, []string{"Publish", "PublishBatch"}},
	{"timestreamwrite", "TimestreamWrite", nil, []string{"WriteRecords"}},
}

const s3manager = awsV1 + "/service/s3/s3manager"

// awsV1Entries are the catalogue rows of the v1 SDK. A v1 client resolves
// its endpoint when it is built (its Endpoint field, custom endpoints and
// FIPS included); the warm opens it with the client's own HTTP client
// (Config.HTTPClient; nil is http.DefaultClient, as in the SDK).
func awsV1Entries() []*Entry {
	var out []*Entry
	for _, s := range awsV1Services {
		pkg := awsV1 + "/service/" + s.pkg
		// recv is the client type, id its name in entry IDs; through the
		// service's interface (s3iface.S3API, which code written for tests
		// holds clients in) the warm finds the client behind it.
		add := func(recv, id string, k Kind, warm string, warmArgs []string, op string) {
			plain := &Entry{ID: id + "." + op, Funcs: []string{recv + "." + op}, Kind: k, Ctx: -1, Warm: warm, WarmArgs: warmArgs}
			if k == Fetch {
				plain.Freshen = fmt.Sprintf("_recv.%sWithContext(ctx, _0)", op)
			}
			ctxArgs := append([]string(nil), warmArgs...)
			for i := range ctxArgs {
				ctxArgs[i] = strings.ReplaceAll(ctxArgs[i], "_0_Bucket", "_1_Bucket")
			}
			ctx := &Entry{ID: id + "." + op + "WithContext", Funcs: []string{recv + "." + op + "WithContext"}, Kind: k, Ctx: 0, Warm: warm, WarmArgs: ctxArgs, Imports: frImports}
			plain.Imports = frImports
			out = append(out, plain, ctx)
		}
		iface := fmt.Sprintf("%s/%siface", pkg, s.pkg)
		both := func(op string, k Kind) {
			warmArgs := []string{"_recv.Config.HTTPClient", "nil", "_recv.Endpoint"}
			if s.pkg == "s3" {
				warmArgs[1] = "fr.AWSV1S3Endpoint(_recv.Endpoint, _recv.Config.Region, _0_Bucket, _recv.Config.S3ForcePathStyle, _recv.Config.S3UseAccelerate)"
			}
			add(fmt.Sprintf("(*%s.%s)", pkg, s.client), "aws-sdk-go/"+s.pkg, k,
				"WarmAWS", warmArgs, op)
			add(fmt.Sprintf("(%s.%sAPI)", iface, s.client), fmt.Sprintf("aws-sdk-go/%siface.(%sAPI)", s.pkg, s.client), k,
				"WarmAWSV1", []string{"_recv"}, op)
		}
		for _, op := range s.fetch {
			both(op, Fetch)
		}
		for _, op := range s.warm {
			both(op, Warm)
		}
	}
	// The transfer manager: a download writes into its io.WriterAt, not a
	// result, and an upload writes S3. Both are warms of the S3 client the
	// manager holds behind an interface (WarmAWSV1 finds it).
	for _, m := range []struct{ typ, op string }{
		{"Downloader", "Download"}, {"Downloader", "DownloadWithContext"},
		{"Uploader", "Upload"}, {"Uploader", "UploadWithContext"},
	} {
		ctx := -1
		if strings.HasSuffix(m.op, "WithContext") {
			ctx = 0
		}
		out = append(out, &Entry{
			ID:    fmt.Sprintf("aws-sdk-go/s3manager.(%s).%s", m.typ, m.op),
			Funcs: []string{fmt.Sprintf("(%s.%s).%s", s3manager, m.typ, m.op)},
			Kind:  Warm, Ctx: ctx,
			Warm: "WarmAWSV1", WarmArgs: []string{"_recv.S3"},
		})
	}
	return out
}

// awsV1Constructors are the v1 functions a client held by a package
// variable may be built with: sessions, service clients, the transfer
// manager, configuration builders on a fresh aws.NewConfig(), and the
// credentials whose value is fixed for the process (static keys, the
// environment, a shared credentials file). credentials.NewCredentials
// with a custom provider is not here: its provider could answer
// differently per invocation.
func awsV1Constructors(m map[string]bool) {
	for _, f := range []string{"New", "NewSession", "NewSessionWithOptions", "Must"} {
		m[awsV1+"/aws/session."+f] = true
	}
	for _, s := range awsV1Services {
		m[awsV1+"/service/"+s.pkg+".New"] = true
	}
	for _, f := range []string{"NewDownloader", "NewDownloaderWithClient", "NewUploader", "NewUploaderWithClient"} {
		m[s3manager+"."+f] = true
	}
	m[awsV1+"/aws.NewConfig"] = true
	for _, f := range []string{"WithRegion", "WithEndpoint", "WithS3ForcePathStyle", "WithS3UseAccelerate", "WithDisableSSL",
		"WithMaxRetries", "WithHTTPClient", "WithCredentials", "WithUseDualStack", "WithCredentialsChainVerboseErrors",
		"WithLogLevel", "WithS3DisableContentMD5Validation", "WithDisableComputeChecksums"} {
		m["(*"+awsV1+"/aws.Config)."+f] = true
	}
	for _, f := range []string{"NewStaticCredentials", "NewEnvCredentials", "NewSharedCredentials"} {
		m[awsV1+"/aws/credentials."+f] = true
	}
}

// awsV1Policies are the v1 types with a fixed policy. A session's exported
// Config and Handlers are followed by the walk (a handler pushed onto
// sess.Handlers after initialisation refuses it); none of its methods is
// a read, since Copy and ClientConfig return values sharing its
// configuration. Credentials keep their state unexported and their
// methods only fetch or expire the same keys. The transfer manager's
// methods have value receivers (they cannot change the manager) and call
// only operations of its S3 client.
func awsV1Policies(m map[string]*typePolicy) {
	m["*"+awsV1+"/aws/session.Session"] = &typePolicy{}
	m["*"+awsV1+"/aws/credentials.Credentials"] = &typePolicy{opaque: true}
	down := &typePolicy{reads: []string{"Download", "DownloadWithContext", "DownloadWithIterator"}}
	up := &typePolicy{reads: []string{"Upload", "UploadWithContext", "UploadWithIterator"}}
	m[s3manager+".Downloader"], m["*"+s3manager+".Downloader"] = down, down
	m[s3manager+".Uploader"], m["*"+s3manager+".Uploader"] = up, up
}

// awsV1ClientPolicy is the policy of a v1 service client (*s3.S3,
// *dynamodb.DynamoDB, ... any struct of a v1 service package embedding
// *client.Client). Such a client is not opaque: its configuration is in
// exported fields (Config, with Region, Endpoint, Credentials and
// HTTPClient; Handlers, lists users push request handlers onto), which
// the walk follows, so a store into them or a handler pushed outside
// initialisation refuses the client. The methods its own type declares
// are the service's operations (Op, OpWithContext, OpPages, WaitUntil...):
// each builds a request from copies of the client's configuration and
// handlers and writes nothing of the client, so they are reads. The
// OpRequest builders are not: the request they return shares the client's
// configuration. Methods promoted from *client.Client (AddDebugHandlers,
// NewRequest) are called on the embedded *client.Client, which has no
// policy.
func awsV1ClientPolicy(t types.Type) *typePolicy {
	p, ok := t.(*types.Pointer)
	if !ok {
		return nil
	}
	n, ok := types.Unalias(p.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || !strings.HasPrefix(n.Obj().Pkg().Path(), awsV1+"/service/") {
		return nil
	}
	st, ok := n.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	embeds := false
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Embedded() && types.TypeString(f.Type(), nil) == "*"+awsV1+"/aws/client.Client" {
			embeds = true
		}
	}
	if !embeds {
		return nil
	}
	pol := &typePolicy{}
	for i := 0; i < n.NumMethods(); i++ {
		m := n.Method(i)
		if m.Exported() && !strings.HasSuffix(m.Name(), "Request") {
			pol.reads = append(pol.reads, m.Name())
		}
	}
	return pol
}

// awsV1Specs are the read-after-write rows of the v1 SDK, in both call
// forms (the input is argument 0, or 1 after the context).
func awsV1Specs(m map[string]resourceSpec) {
	add := func(svc, client, kind, field string, write bool, ops ...string) {
		for _, op := range ops {
			// The client and its interface: a write through either is seen.
			for _, recv := range []string{
				fmt.Sprintf("(*%s/service/%s.%s)", awsV1, svc, client),
				fmt.Sprintf("(%s/service/%s/%siface.%sAPI)", awsV1, svc, svc, client),
			} {
				m[recv+"."+op] = resourceSpec{kind: kind, write: write, arg: 0, field: field, also: -1, flagArg: -1}
				m[recv+"."+op+"WithContext"] = resourceSpec{kind: kind, write: write, arg: 1, field: field, also: -1, flagArg: -1}
			}
		}
	}
	add("s3", "S3", "s3", "Bucket", false, "GetObject", "HeadObject")
	add("s3", "S3", "s3", "Bucket", true, "PutObject", "DeleteObject", "CopyObject", "UploadPart", "CompleteMultipartUpload", "RestoreObject", "PutObjectAcl", "DeleteObjects")
	add("dynamodb", "DynamoDB", "dynamodb", "TableName", false, "GetItem", "Query", "Scan")
	add("dynamodb", "DynamoDB", "dynamodb", "TableName", true, "PutItem", "UpdateItem", "DeleteItem")
	add("dynamodb", "DynamoDB", "dynamodb", "RequestItems", false, "BatchGetItem")
	add("dynamodb", "DynamoDB", "dynamodb", "RequestItems", true, "BatchWriteItem")
	add("dynamodb", "DynamoDB", "dynamodb", "", true, "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction")
	add("ssm", "SSM", "ssm", "Name", false, "GetParameter")
	add("ssm", "SSM", "ssm", "Name", true, "PutParameter", "DeleteParameter", "LabelParameterVersion")
	add("ssm", "SSM", "ssm", "Names", false, "GetParameters")
	add("ssm", "SSM", "ssm", "Names", true, "DeleteParameters")
	add("secretsmanager", "SecretsManager", "secret", "SecretId", false, "GetSecretValue")
	add("secretsmanager", "SecretsManager", "secret", "SecretId", true, "PutSecretValue", "UpdateSecret", "DeleteSecret", "RotateSecret", "RestoreSecret", "UpdateSecretVersionStage")
	// The transfer manager: Download reads its input (after the
	// io.WriterAt), Upload writes.
	for op, arg := range map[string]int{"Download": 1, "DownloadWithContext": 2} {
		m[fmt.Sprintf("(%s.Downloader).%s", s3manager, op)] = resourceSpec{kind: "s3", arg: arg, field: "Bucket", also: -1, flagArg: -1}
	}
	for op, arg := range map[string]int{"Upload": 0, "UploadWithContext": 1} {
		m[fmt.Sprintf("(%s.Uploader).%s", s3manager, op)] = resourceSpec{kind: "s3", write: true, arg: arg, field: "Bucket", also: -1, flagArg: -1}
	}
}
