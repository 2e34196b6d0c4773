package infer

import (
	"go/types"
	"strings"
)

// The tables in this file are allow-lists: what they do not name is not
// known to be safe, and the judgement refuses it with a reason. They are
// data, like the catalogue: extending freshen to a new client is adding rows.

// typePolicy says what is known about values of one type reachable from
// freshen-constant memory.
type typePolicy struct {
	// opaque: the value has no exported state and none of its methods
	// changes what later calls return (AWS SDK v2 clients copy their
	// options at construction; a *sql.DB's setters tune the pool only).
	// A pointer to one may go anywhere: the walk stops there.
	opaque bool
	// reads are the methods that leave the value unchanged, for types
	// that are not opaque. Catalogue methods always count.
	reads []string
}

// typePolicies is keyed by types.TypeString (pointer types with '*').
var typePolicies = func() map[string]*typePolicy {
	m := map[string]*typePolicy{
		"*database/sql.DB":                          {opaque: true},
		"*cloud.google.com/go/storage.Client":       {opaque: true},
		"*cloud.google.com/go/storage.BucketHandle": {opaque: true},
		"*cloud.google.com/go/storage.ObjectHandle": {opaque: true},
		"*google.golang.org/grpc.ClientConn":        {opaque: true},
		"github.com/aws/aws-sdk-go-v2/aws.Config":   {opaque: true},
		// Not Options: it returns the client's own *Options, through
		// which a handler can change the client (DB, credentials).
		"*github.com/redis/go-redis/v9.Client":         {reads: []string{"Ping", "PoolStats", "Close", "String"}},
		"github.com/redis/go-redis/v9.Cmdable":         {reads: []string{"Ping"}},
		"github.com/redis/go-redis/v9.UniversalClient": {reads: []string{"Ping", "Close"}},
		// net/http: the client's behaviour lives in its exported fields,
		// which the walk follows; these methods only read them.
		"*net/http.Client":    {reads: []string{"Get", "Head", "Post", "PostForm", "Do", "CloseIdleConnections"}},
		"*net/http.Transport": {reads: []string{"RoundTrip", "CloseIdleConnections", "Clone"}},
		"*net.Dialer":         {reads: []string{"Dial", "DialContext"}},
		"*crypto/tls.Config":  {reads: []string{"Clone"}},
		// The interface itself: its dynamic value was judged where it
		// was stored (or is net/http's own *Transport).
		"net/http.RoundTripper": {reads: []string{"RoundTrip"}},
	}
	for _, svc := range awsServices {
		m["*"+awsV2+"/service/"+svc+".Client"] = &typePolicy{opaque: true}
	}
	for t, p := range otherClientPolicies {
		m[t] = p
	}
	awsV1Policies(m)
	return m
}()

const awsV2 = "github.com/aws/aws-sdk-go-v2"

// awsServices are the AWS SDK v2 service packages whose clients freshen knows.
var awsServices = []string{"s3", "dynamodb", "ssm", "secretsmanager", "kms", "sqs", "sns", "lambda"}

func policyOf(t types.Type) *typePolicy {
	if p := typePolicies[types.TypeString(t, nil)]; p != nil {
		return p
	}
	return awsV1ClientPolicy(t)
}

// constructors build clients that are safe to share between invocations
// once built from constant arguments. A package variable may hold their
// result; its value is then fixed for the process.
var constructors = func() map[string]bool {
	m := map[string]bool{
		"database/sql.Open":                                  true,
		"github.com/redis/go-redis/v9.NewClient":             true,
		"cloud.google.com/go/storage.NewClient":              true,
		"google.golang.org/grpc.NewClient":                   true,
		"google.golang.org/grpc.Dial":                        true,
		"google.golang.org/grpc.DialContext":                 true,
		"(*net/http.Transport).Clone":                        true,
		"(*crypto/tls.Config).Clone":                         true,
		awsV2 + "/config.LoadDefaultConfig":                  true,
		"(*cloud.google.com/go/storage.Client).Bucket":       true,
		"(*cloud.google.com/go/storage.BucketHandle).Object": true,
	}
	for _, svc := range awsServices {
		m[awsV2+"/service/"+svc+".NewFromConfig"] = true
		m[awsV2+"/service/"+svc+".New"] = true
	}
	for _, c := range otherClientConstructors {
		m[c] = true
	}
	awsV1Constructors(m)
	return m
}()

func constructorOf(name string) bool { return constructors[name] }

// funcValues are functions that may sit in freshen-constant memory as
// values (an http.Transport's Proxy, a bound (*net.Dialer).DialContext):
// they read their arguments and the environment fixed at start-up.
var funcValues = map[string]bool{
	"net/http.ProxyFromEnvironment": true,
	"(*net.Dialer).DialContext":     true,
	"(*net.Dialer).Dial":            true,
}

// reader describes a function known to read its arguments without keeping
// or changing them.
type reader struct {
	// reflective readers look at operands through reflection and call
	// their String, Error, Format, GoString or Marshal* methods: those
	// operands must be of inert types.
	reflective bool
	// keeps: the result refers to the arguments (a reader over a slice,
	// a request holding its body), so it is followed like them.
	keeps bool
	// skip is the number of leading parameters that are written, not
	// read (an io.Writer destination); derived values there are refused.
	skip int
}

var readers = map[string]reader{
	"fmt.Sprintf": {reflective: true}, "fmt.Sprint": {reflective: true}, "fmt.Sprintln": {reflective: true},
	"fmt.Errorf": {reflective: true, keeps: true},
	"fmt.Printf": {reflective: true}, "fmt.Print": {reflective: true}, "fmt.Println": {reflective: true},
	"fmt.Fprintf": {reflective: true, skip: 1}, "fmt.Fprint": {reflective: true, skip: 1}, "fmt.Fprintln": {reflective: true, skip: 1},
	"log.Printf": {reflective: true}, "log.Print": {reflective: true}, "log.Println": {reflective: true},
	"log.Fatalf": {reflective: true}, "log.Fatal": {reflective: true}, "log.Fatalln": {reflective: true},
	"log.Panicf": {reflective: true}, "log.Panic": {reflective: true},
	"(*log.Logger).Printf": {reflective: true}, "(*log.Logger).Println": {reflective: true}, "(*log.Logger).Print": {reflective: true},
	"encoding/json.Marshal": {reflective: true}, "encoding/json.MarshalIndent": {reflective: true},
	"(*encoding/json.Encoder).Encode": {reflective: true},
	"bytes.NewReader":                 {keeps: true},
	"io.Copy":                         {skip: 1}, // io.Writer must not modify what it is given
	"io.ReadAll":                      {},
	"io.NopCloser":                    {keeps: true},
	"net/http.NewRequest":             {keeps: true},
	"net/http.NewRequestWithContext":  {keeps: true},
	"context.WithValue":               {keeps: true},
	"bytes.Equal":                     {}, "bytes.HasPrefix": {}, "bytes.HasSuffix": {}, "bytes.Contains": {},
	"bytes.Index": {}, "bytes.Compare": {}, "bytes.Clone": {},
	"slices.Contains": {}, "slices.Index": {},
	"sort.SearchStrings":    {},
	"strings.Join":          {},
	"errors.Is":             {},
	"(net/http.Header).Get": {}, "(net/http.Header).Values": {},
	"(*net/url.URL).String": {}, "(*net/url.URL).Query": {},
	"(net/url.Values).Get": {}, "(net/url.Values).Encode": {},
	// AWS SDK v1 (awsv1.go): sessions and clients share the pointers of
	// the configuration they are built from (HTTPClient, Credentials,
	// Region), so what they return joins their arguments' graph: a session
	// given to s3.New is frozen together with the client.
	awsV1 + "/aws/session.New": {keeps: true}, awsV1 + "/aws/session.NewSession": {keeps: true},
	awsV1 + "/aws/session.NewSessionWithOptions": {keeps: true}, awsV1 + "/aws/session.Must": {keeps: true},
	awsV1 + "/service/s3.New": {keeps: true}, awsV1 + "/service/dynamodb.New": {keeps: true},
	awsV1 + "/service/ssm.New": {keeps: true}, awsV1 + "/service/secretsmanager.New": {keeps: true},
	awsV1 + "/service/kms.New": {keeps: true}, awsV1 + "/service/sqs.New": {keeps: true},
	awsV1 + "/service/sns.New": {keeps: true}, awsV1 + "/service/timestreamwrite.New": {keeps: true},
	s3manager + ".NewDownloader": {keeps: true}, s3manager + ".NewDownloaderWithClient": {keeps: true},
	s3manager + ".NewUploader": {keeps: true}, s3manager + ".NewUploaderWithClient": {keeps: true},
}

// inertMethods are the methods reflective readers call on their operands.
var inertMethods = []string{"String", "Error", "Format", "GoString", "MarshalJSON", "MarshalText", "MarshalBinary", "AppendText", "AppendFormat"}

// inertTypes are named types of the standard library whose methods the
// reflective readers may call: they are deterministic and change nothing.
var inertTypes = map[string]bool{
	"time.Duration": true, "time.Month": true, "time.Weekday": true,
	"net/http.Header": true, "net/url.Values": true,
}

// inert reports whether printing or marshalling a value of type t runs only
// code known to be deterministic and side-effect free: basic types, and
// composites of them, with no String/Error/Format/... methods of their own.
// An interface type is not inert: its dynamic type is unknown.
func inert(t types.Type) bool { return inertType(t, map[types.Type]bool{}) }

func inertType(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return true
	}
	seen[t] = true
	if n, ok := types.Unalias(t).(*types.Named); ok {
		if inertTypes[types.TypeString(n, nil)] {
			return true
		}
		if hasPrintMethod(n) || hasPrintMethod(types.NewPointer(n)) {
			return false
		}
	}
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() != types.UnsafePointer
	case *types.Pointer:
		return inertType(u.Elem(), seen)
	case *types.Slice:
		return inertType(u.Elem(), seen)
	case *types.Array:
		return inertType(u.Elem(), seen)
	case *types.Map:
		return inertType(u.Key(), seen) && inertType(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if !inertType(u.Field(i).Type(), seen) {
				return false
			}
		}
		return true
	}
	return false
}

func hasPrintMethod(t types.Type) bool {
	ms := types.NewMethodSet(t)
	for i := 0; i < ms.Len(); i++ {
		name := ms.At(i).Obj().Name()
		for _, m := range inertMethods {
			if name == m {
				return true
			}
		}
	}
	return false
}

// ifaceSafe reports whether a value of concrete type t may sit in an
// interface inside freshen-constant memory: whoever holds the interface can
// only call t's methods, so t must have none, or a policy.
func ifaceSafe(t types.Type) bool {
	if policyOf(t) != nil {
		return true
	}
	if types.NewMethodSet(t).Len() == 0 {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			return types.NewMethodSet(p).Len() == 0
		}
		return true
	}
	return false
}

// hasRefs reports whether values of t can refer to other memory: a copy of
// such a value shares state with the original.
func hasRefs(t types.Type) bool { return hasRefs1(t, map[types.Type]bool{}) }

func hasRefs1(t types.Type, seen map[types.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Array:
		return hasRefs1(u.Elem(), seen)
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasRefs1(u.Field(i).Type(), seen) {
				return true
			}
		}
		return false
	case *types.Tuple:
		for i := 0; i < u.Len(); i++ {
			if hasRefs1(u.At(i).Type(), seen) {
				return true
			}
		}
		return false
	}
	return true
}

// isAWSService reports whether path is an AWS SDK v2 service package.
func isAWSService(path string) bool {
	return strings.HasPrefix(path, awsV2+"/service/")
}

// Other clients (Cloud Spanner, Firestore, oauth2).
//
// *spanner.ReadOnlyTransaction has no policy on purpose: a single-use one
// serves one read, and WithTimestampBound sets the bound in place, so
// calling anything but a catalogue read on one held in a variable refuses
// it. go-github, Pub/Sub, BigQuery and redigo values need none: nothing of
// theirs is fetched.
var otherClientPolicies = map[string]*typePolicy{
	// The session pool and options are unexported and fixed at
	// construction; the methods build transactions or send RPCs, and Close
	// only makes later calls fail (errors are never served).
	"*" + spannerPkg + ".Client": {opaque: true},
	// Not opaque: WithReadOptions and WithAlwaysUseImplicitOrderBy change
	// the client's own read settings in place, and UsesEmulator is an
	// exported field. The methods listed build references or send RPCs.
	"*" + firestorePkg + ".Client": {reads: []string{"Doc", "Collection", "CollectionGroup", "DocFromFullPath",
		"GetAll", "Collections", "Batch", "BulkWriter", "RunTransaction", "Close"}},
	// References keep their path in exported fields (which the walk
	// follows) and their read time in settings WithReadOptions changes in
	// place; the writes listed change the document, not the reference.
	"*" + firestorePkg + ".DocumentRef": {reads: []string{"Collection", "Set", "Create", "Update", "Delete",
		"Collections", "Snapshots"}},
	"*" + firestorePkg + ".CollectionRef": {reads: []string{"Doc", "NewDoc", "Add", "DocumentRefs"}},
	// An oauth2 transport adds the token of its Source, whose dynamic
	// value is judged where it is stored like any interface in frozen
	// memory. TokenSource itself has no policy: Token hands out the
	// source's own cached *Token, so a handler calling it could change
	// what every later request sends.
	"*golang.org/x/oauth2.Transport": {reads: []string{"RoundTrip", "CancelRequest"}},
}

// otherClientConstructors build clients and handles of the clients above.
// A handle builder here lets a receiver chain such as
// client.Doc("config/app").Get(ctx) be judged like storage's
// client.Bucket(b).Object(o): the hook builds its own handle.
// oauth2.NewClient is not here: with a nil source it returns
// http.DefaultClient itself, whose writes the walk of the variable
// holding it would not see.
var otherClientConstructors = []string{
	spannerPkg + ".NewClient",
	spannerPkg + ".NewClientWithConfig",
	"(*" + spannerPkg + ".Client).Single",
	"(*" + spannerPkg + ".ReadOnlyTransaction).WithTimestampBound",
	firestorePkg + ".NewClient",
	firestorePkg + ".NewClientWithDatabase",
	"(*" + firestorePkg + ".Client).Doc",
	"(*" + firestorePkg + ".Client).Collection",
	"(*" + firestorePkg + ".CollectionRef).Doc",
	"(*" + firestorePkg + ".DocumentRef).Collection",
	// Storage handles with options: each returns a modified copy.
	"(*" + storagePkg + ".ObjectHandle).If",
	"(*" + storagePkg + ".ObjectHandle).Generation",
	"(*" + storagePkg + ".ObjectHandle).Key",
	"(*" + storagePkg + ".ObjectHandle).ReadCompressed",
	"(*" + storagePkg + ".BucketHandle).UserProject",
	"golang.org/x/oauth2/google.DefaultClient",
	"golang.org/x/oauth2/google.DefaultTokenSource",
	"golang.org/x/oauth2/google.FindDefaultCredentials",
	"golang.org/x/oauth2/google.CredentialsFromJSON",
	"(*golang.org/x/oauth2.Config).TokenSource",
	"(*golang.org/x/oauth2.Config).Client",
	"(*golang.org/x/oauth2/clientcredentials.Config).TokenSource",
	"(*golang.org/x/oauth2/clientcredentials.Config).Client",
}
