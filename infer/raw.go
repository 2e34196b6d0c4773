package infer

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"net/url"
	"path"
	"strings"
)

// Read after write. A prefetched read is only right if nothing the handler
// does changes what it reads: a handler that writes a file and reads it
// back, posts to the URL it gets, puts the object it then gets, inserts
// into the table it selects from, or sets the key it reads would receive
// the state from before its own write. Such a read is demoted to a warm
// (or left alone when the API has no warm form), with the write named.
//
// Resources are compared by kind and key. A key that is not a known
// constant (a path built from the request, SQL that is not constant, an
// input whose bucket is a variable) matches every key of its kind.

// anyKind is the kind of a write that may touch every kind of resource
// (a subprocess).
const anyKind = "*"

// resource is what one call reads or writes.
type resource struct {
	// "file", "http", "s3", "dynamodb", "ssm", "secret", "sql", "redis",
	// "gcs", "spanner", "firestore", "pubsub", "bigquery", "github"
	kind string
	keys []string // known keys; nil with known=false means any
	// known: keys lists everything touched.
	known bool
	pos   token.Pos
	text  string // the call, for messages
	// tmpl: the key is prefix + the argument of parameter param + suffix
	// of the function being summarised (set only then).
	tmpl *keyTmpl
	// by is the other handler of the package that writes (writes only;
	// "" for the handler's own).
	by string
}

// keyTmpl is a resource key built from a parameter.
type keyTmpl struct {
	param          int
	prefix, suffix string
}

func (r *resource) export() Write {
	w := Write{Kind: r.kind, Keys: r.keys, Known: r.known, KeyParam: -1}
	if r.tmpl != nil {
		w.KeyParam, w.KeyPrefix, w.KeySuffix = r.tmpl.param, r.tmpl.prefix, r.tmpl.suffix
	}
	return w
}

// instantiate evaluates a summarised resource at a call: a key built from a
// parameter becomes known when the argument is a constant.
func (a *analysis) instantiate(w Write, call *ast.CallExpr) *resource {
	r := &resource{kind: w.Kind, keys: w.Keys, known: w.Known, pos: call.Pos(), text: a.text(call)}
	if w.KeyParam < 0 || w.KeyParam >= len(call.Args) {
		return r
	}
	if v, ok := a.constString(call.Args[w.KeyParam], strictEnv); ok {
		if k, ok := normalizeKey(w.Kind, w.KeyPrefix+v+w.KeySuffix); ok {
			r.keys, r.known = k, true
		}
	}
	return r
}

// normalizeKey turns a constant key into the form keys are compared in.
func normalizeKey(kind, s string) ([]string, bool) {
	switch kind {
	case "http":
		if k := httpKey(s); k != "" {
			return []string{k}, true
		}
		return nil, false
	case "file":
		// A relative path names a file under whatever the working
		// directory is: it may be any file.
		if !path.IsAbs(s) {
			return nil, false
		}
		return []string{path.Clean(s)}, true
	case "sql":
		return sqlTables(s)
	case "s3":
		return nil, false
	case "spanner":
		// Spanner table names are case-insensitive.
		return []string{strings.ToLower(s)}, true
	case "dynamodb", "ssm", "secret":
		return awsName(kind, s)
	}
	return []string{s}, true
}

// awsName is the name a DynamoDB table, SSM parameter or secret is
// compared by: an ARN names the same resource as its plain name. A
// secret's ARN ends in a random suffix that its name lacks, so it matches
// every secret.
func awsName(kind, s string) ([]string, bool) {
	if rest, ok := strings.CutPrefix(s, "arn:"); ok {
		// arn:partition:service:region:account:resource
		parts := strings.SplitN(rest, ":", 5)
		if len(parts) < 5 {
			return nil, false
		}
		res := parts[4]
		switch kind {
		case "dynamodb":
			t, ok := strings.CutPrefix(res, "table/")
			if !ok {
				return nil, false
			}
			t, _, _ = strings.Cut(t, "/") // table/T/index/I, table/T/stream/S
			return []string{t}, true
		case "ssm":
			p, ok := strings.CutPrefix(res, "parameter")
			if !ok {
				return nil, false
			}
			s = p
		default:
			return nil, false
		}
	}
	if kind == "ssm" {
		// "/app/x" and "app/x" are one parameter in an ARN's spelling.
		s = strings.TrimPrefix(s, "/")
	}
	return []string{s}, true
}

// resourceSpec says where a call's resource key is.
type resourceSpec struct {
	kind  string
	write bool
	// arg is the operand holding the key; -1 for none (any key).
	arg int
	// field is the input struct field holding the key (AWS inputs).
	field string
	// args: every argument from arg on is a key (variadic keys).
	args bool
	// flagArg: os.OpenFile's flag argument; the call writes unless the
	// flag is a known read-only constant.
	flagArg int
	// also is a second operand naming a written key (os.Rename's target).
	also int
	// chain: the key is the path of the handle the receiver (or, with
	// arg >= 0, argument arg) builds: bucket/object for Cloud Storage, the
	// document path for Firestore (rawclients.go).
	chain bool
	// cmd: a command sent by name (redigo); arg is the command operand
	// and the keys follow it.
	cmd bool
}

// resourceSpecs lists reads (the catalogue's fetches) and writes (the
// catalogue's writes and the standard library's file writers).
var resourceSpecs = func() map[string]resourceSpec {
	m := map[string]resourceSpec{
		"os.ReadFile":                          {kind: "file", arg: 0, also: -1, flagArg: -1},
		"os.WriteFile":                         {kind: "file", write: true, arg: 0, also: -1, flagArg: -1},
		"io/ioutil.WriteFile":                  {kind: "file", write: true, arg: 0, also: -1, flagArg: -1},
		"os.Create":                            {kind: "file", write: true, arg: 0, also: -1, flagArg: -1},
		"os.OpenFile":                          {kind: "file", write: true, arg: 0, also: -1, flagArg: 1},
		"os.Remove":                            {kind: "file", write: true, arg: 0, also: -1, flagArg: -1},
		"os.RemoveAll":                         {kind: "file", write: true, arg: 0, also: -1, flagArg: -1},
		"os.Truncate":                          {kind: "file", write: true, arg: 0, also: -1, flagArg: -1},
		"os.Rename":                            {kind: "file", write: true, arg: 0, also: 1, flagArg: -1},
		"os.Symlink":                           {kind: "file", write: true, arg: 1, also: -1, flagArg: -1},
		"os.Link":                              {kind: "file", write: true, arg: 1, also: -1, flagArg: -1},
		"net/http.Get":                         {kind: "http", arg: 0, also: -1, flagArg: -1},
		"net/http.Head":                        {kind: "http", arg: 0, also: -1, flagArg: -1},
		"(*net/http.Client).Get":               {kind: "http", arg: 0, also: -1, flagArg: -1},
		"(*net/http.Client).Head":              {kind: "http", arg: 0, also: -1, flagArg: -1},
		"net/http.Post":                        {kind: "http", write: true, arg: 0, also: -1, flagArg: -1},
		"net/http.PostForm":                    {kind: "http", write: true, arg: 0, also: -1, flagArg: -1},
		"(*net/http.Client).Post":              {kind: "http", write: true, arg: 0, also: -1, flagArg: -1},
		"(*net/http.Client).PostForm":          {kind: "http", write: true, arg: 0, also: -1, flagArg: -1},
		"(*database/sql.DB).QueryContext":      {kind: "sql", arg: 1, also: -1, flagArg: -1},
		"(*database/sql.DB).QueryRowContext":   {kind: "sql", arg: 1, also: -1, flagArg: -1},
		"(*database/sql.DB).Query":             {kind: "sql", arg: 0, also: -1, flagArg: -1},
		"(*database/sql.DB).QueryRow":          {kind: "sql", arg: 0, also: -1, flagArg: -1},
		"(*database/sql.DB).ExecContext":       {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		"(*database/sql.DB).Exec":              {kind: "sql", write: true, arg: 0, also: -1, flagArg: -1},
		"(*database/sql.Tx).ExecContext":       {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		"(*database/sql.Tx).Exec":              {kind: "sql", write: true, arg: 0, also: -1, flagArg: -1},
		"(*database/sql.Conn).ExecContext":     {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		"(*database/sql.Stmt).Exec":            {kind: "sql", write: true, arg: -1, also: -1, flagArg: -1},
		"(*database/sql.Stmt).ExecContext":     {kind: "sql", write: true, arg: -1, also: -1, flagArg: -1},
		"(*database/sql.Tx).QueryContext":      {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		"(*database/sql.Tx).Query":             {kind: "sql", write: true, arg: 0, also: -1, flagArg: -1},
		"(*database/sql.Tx).QueryRowContext":   {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		"(*database/sql.Tx).QueryRow":          {kind: "sql", write: true, arg: 0, also: -1, flagArg: -1},
		"(*database/sql.Conn).QueryContext":    {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		"(*database/sql.Conn).QueryRowContext": {kind: "sql", write: true, arg: 1, also: -1, flagArg: -1},
		// A prepared statement's text is not at the call: any table.
		"(*database/sql.Stmt).Query":           {kind: "sql", write: true, arg: -1, also: -1, flagArg: -1},
		"(*database/sql.Stmt).QueryContext":    {kind: "sql", write: true, arg: -1, also: -1, flagArg: -1},
		"(*database/sql.Stmt).QueryRow":        {kind: "sql", write: true, arg: -1, also: -1, flagArg: -1},
		"(*database/sql.Stmt).QueryRowContext": {kind: "sql", write: true, arg: -1, also: -1, flagArg: -1},
		// os.Root names files relative to its directory: any file.
		"(*os.Root).WriteFile": {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.Root).Create":    {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.Root).OpenFile":  {kind: "file", write: true, arg: -1, also: -1, flagArg: 1},
		"(*os.Root).Remove":    {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.Root).RemoveAll": {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.Root).Rename":    {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.Root).Symlink":   {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.Root).Link":      {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"os.CopyFS":            {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		// Changing the working directory changes what every relative path
		// names.
		"os.Chdir":         {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"(*os.File).Chdir": {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"syscall.Chdir":    {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		"syscall.Fchdir":   {kind: "file", write: true, arg: -1, also: -1, flagArg: -1},
		// A subprocess may write anything.
		"(*os/exec.Cmd).Run":            {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"(*os/exec.Cmd).Start":          {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"(*os/exec.Cmd).Output":         {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"(*os/exec.Cmd).CombinedOutput": {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"os.StartProcess":               {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"syscall.Exec":                  {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"syscall.ForkExec":              {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		"syscall.StartProcess":          {kind: anyKind, write: true, arg: -1, also: -1, flagArg: -1},
		// The v2 upload manager puts the object of its input.
		"(" + awsV2 + "/feature/s3/manager.Uploader).Upload":  {kind: "s3", write: true, arg: 1, field: "Bucket", also: -1, flagArg: -1},
		"(*" + awsV2 + "/feature/s3/manager.Uploader).Upload": {kind: "s3", write: true, arg: 1, field: "Bucket", also: -1, flagArg: -1},
	}
	// A presigned write is a write whoever sends it (the handler, or the
	// client it hands the URL to).
	for _, op := range []string{"PresignPutObject", "PresignDeleteObject", "PresignUploadPart"} {
		m[fmt.Sprintf("(*%s/service/s3.PresignClient).%s", awsV2, op)] = resourceSpec{kind: "s3", write: true, arg: 1, field: "Bucket", also: -1, flagArg: -1}
	}
	aws := func(svc, kind, field string, reads, writes []string) {
		for _, op := range reads {
			m[fmt.Sprintf("(*%s/service/%s.Client).%s", awsV2, svc, op)] = resourceSpec{kind: kind, arg: 1, field: field, also: -1, flagArg: -1}
		}
		for _, op := range writes {
			m[fmt.Sprintf("(*%s/service/%s.Client).%s", awsV2, svc, op)] = resourceSpec{kind: kind, write: true, arg: 1, field: field, also: -1, flagArg: -1}
		}
	}
	aws("s3", "s3", "Bucket", []string{"GetObject", "HeadObject"}, []string{"PutObject", "DeleteObject", "CopyObject", "UploadPart", "CompleteMultipartUpload", "RestoreObject", "PutObjectAcl"})
	aws("s3", "s3", "Bucket", nil, []string{"DeleteObjects"})
	aws("dynamodb", "dynamodb", "TableName", []string{"GetItem", "Query", "Scan"}, []string{"PutItem", "UpdateItem", "DeleteItem"})
	aws("dynamodb", "dynamodb", "RequestItems", []string{"BatchGetItem"}, []string{"BatchWriteItem"})
	aws("dynamodb", "dynamodb", "", nil, []string{"TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction"})
	aws("ssm", "ssm", "Name", []string{"GetParameter"}, []string{"PutParameter", "DeleteParameter", "LabelParameterVersion"})
	aws("ssm", "ssm", "Names", []string{"GetParameters"}, []string{"DeleteParameters"})
	aws("secretsmanager", "secret", "SecretId", []string{"GetSecretValue"}, []string{"PutSecretValue", "UpdateSecret", "DeleteSecret", "RotateSecret", "RestoreSecret", "UpdateSecretVersionStage"})
	awsV1Specs(m)
	for _, op := range []string{"Get", "HGet", "HGetAll", "Exists", "SMembers", "LRange"} {
		m[fmt.Sprintf("(%s.cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", arg: 1, also: -1, flagArg: -1}
		m[fmt.Sprintf("(%s.Cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", arg: 1, also: -1, flagArg: -1}
	}
	for _, op := range []string{"MGet", "Del", "Exists", "Unlink"} {
		k := resourceSpec{kind: "redis", arg: 1, args: true, also: -1, flagArg: -1, write: op == "Del" || op == "Unlink"}
		m[fmt.Sprintf("(%s.cmdable).%s", redisPkg, op)] = k
		m[fmt.Sprintf("(%s.Cmdable).%s", redisPkg, op)] = k
	}
	for _, op := range []string{"Set", "SetEx", "SetNX", "SetXX", "GetSet", "GetDel", "HSet", "HDel", "HIncrBy", "Incr", "IncrBy", "Decr", "DecrBy", "Expire", "Persist", "LPush", "RPush", "LPop", "RPop", "LSet", "LRem", "LTrim", "SAdd", "SRem", "Append", "Rename"} {
		m[fmt.Sprintf("(%s.cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: 1, also: -1, flagArg: -1}
		m[fmt.Sprintf("(%s.Cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: 1, also: -1, flagArg: -1}
	}
	// Rename writes its destination too.
	for _, op := range []string{"Rename", "RenameNX"} {
		m[fmt.Sprintf("(%s.cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: 1, also: 2, flagArg: -1}
		m[fmt.Sprintf("(%s.Cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: 1, also: 2, flagArg: -1}
	}
	// A Lua script may write any key.
	for _, op := range []string{"Run", "RunRO", "Eval", "EvalRO", "EvalSha", "EvalShaRO"} {
		m[fmt.Sprintf("(*%s.Script).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: -1, also: -1, flagArg: -1}
	}
	// The system calls under os write files too (any file: their paths
	// are not judged).
	for _, pkg := range []string{"syscall", "golang.org/x/sys/unix"} {
		for _, op := range []string{"Creat", "Rename", "Renameat", "Renameat2", "Unlink", "Unlinkat", "Rmdir", "Truncate", "Ftruncate", "Link", "Linkat", "Symlink", "Symlinkat", "Write", "Pwrite", "Chdir", "Fchdir", "Mkdir", "Mkdirat"} {
			m[pkg+"."+op] = resourceSpec{kind: "file", write: true, arg: -1, also: -1, flagArg: -1}
		}
		m[pkg+".Open"] = resourceSpec{kind: "file", write: true, arg: -1, also: -1, flagArg: 1}
		m[pkg+".Openat"] = resourceSpec{kind: "file", write: true, arg: -1, also: -1, flagArg: 2}
	}
	// Commands sent by name could be anything.
	for _, op := range []string{"Do", "Eval", "EvalSha", "FlushDB", "FlushAll"} {
		m[fmt.Sprintf("(%s.cmdable).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: -1, also: -1, flagArg: -1}
		m[fmt.Sprintf("(*%s.Client).%s", redisPkg, op)] = resourceSpec{kind: "redis", write: true, arg: -1, also: -1, flagArg: -1}
	}
	for name, spec := range otherClientResources() {
		m[name] = spec
	}
	return m
}()

// resourcePkgs are the packages of resourceSpecs: a package importing one
// may write, so its writes must be known to its importers.
var resourcePkgs = func() map[string]bool {
	m := map[string]bool{}
	for name := range resourceSpecs {
		// "(*pkg/path.T).M", "(pkg/path.T).M" or "pkg/path.F"
		s := strings.TrimLeft(name, "(*")
		if i := strings.Index(s, ")"); i >= 0 {
			s = s[:i]
		}
		if i := strings.LastIndex(s, "/"); i >= 0 {
			if j := strings.Index(s[i:], "."); j >= 0 {
				m[s[:i+j]] = true
			}
		} else if j := strings.Index(s, "."); j >= 0 {
			m[s[:j]] = true
		}
	}
	return m
}()

// readOnlyFlags are os.OpenFile flags that do not write.
var readOnlyFlags = map[string]bool{"O_RDONLY": true, "O_CLOEXEC": true, "O_NONBLOCK": true, "O_SYNC": true}

// resourceOf returns what a call reads or writes, or nil when it is not a
// call freshen knows as touching a resource.
func (a *analysis) resourceOf(call *ast.CallExpr, fn *types.Func) (*resource, bool) {
	name := funcName(fn)
	spec, ok := resourceSpecs[name]
	if !ok {
		// A method of the user's interface that an SDK client satisfies
		// (var store putter = s3c): judged as the client's operation.
		if alt := sdkInterfaceOp(fn); alt != "" {
			spec, ok = resourceSpecs[alt]
		}
	}
	if !ok {
		switch {
		case sendsHTTP(name, fn):
			return a.doResource(call)
		case redisWrite(fn):
			return &resource{kind: "redis", pos: call.Pos(), text: a.text(call)}, true
		}
		if kind := awsUnlistedWrite(fn); kind != "" {
			// An operation of a client whose resources freshen compares
			// that is neither a listed read nor a read by its name: it
			// may write any of them (PutBucketPolicy, UpdateTable, ...).
			return &resource{kind: kind, pos: call.Pos(), text: a.text(call)}, true
		}
		return nil, false
	}
	r := &resource{kind: spec.kind, pos: call.Pos(), text: a.text(call)}
	write := spec.write
	if spec.flagArg >= 0 && spec.flagArg < len(call.Args) {
		write = !a.readOnlyFlag(call.Args[spec.flagArg])
	}
	if spec.kind == "sql" && spec.arg >= 0 && spec.arg < len(call.Args) {
		// The statement, not the method, says whether it writes.
		q, ok := a.constString(call.Args[spec.arg], strictEnv)
		switch {
		case !ok:
			return r, true // unknown SQL may write anything
		case JudgeQuery(q, -1).ReadOnly:
			write = false
		default:
			write = true
		}
	}
	if spec.chain {
		return a.chainResource(call, spec, r), write
	}
	if spec.cmd {
		return a.commandResource(call, spec, r)
	}
	if spec.arg < 0 || spec.arg >= len(call.Args) {
		return r, write
	}
	r.known = true
	keyArgs := []ast.Expr{call.Args[spec.arg]}
	if spec.args {
		keyArgs = call.Args[spec.arg:]
		if call.Ellipsis.IsValid() {
			r.known = false
		}
	}
	if spec.also >= 0 && spec.also < len(call.Args) {
		keyArgs = append(keyArgs, call.Args[spec.also])
	}
	for _, arg := range keyArgs {
		a.lastTmpl = nil
		k, ok := a.resourceKey(spec, arg)
		if !ok {
			if a.lastTmpl != nil && len(keyArgs) == 1 {
				r.tmpl = a.lastTmpl
			}
			r.known, r.keys = false, nil
			break
		}
		r.keys = append(r.keys, k...)
	}
	return r, write
}

// readOnlyFlag: an os.OpenFile flag made only of read-only constants.
func (a *analysis) readOnlyFlag(e ast.Expr) bool {
	e = ast.Unparen(e)
	switch x := e.(type) {
	case *ast.BinaryExpr:
		return x.Op == token.OR && a.readOnlyFlag(x.X) && a.readOnlyFlag(x.Y)
	case *ast.SelectorExpr:
		if obj, ok := a.info.Uses[x.Sel].(*types.Const); ok && obj.Pkg() != nil && (obj.Pkg().Path() == "os" || obj.Pkg().Path() == "syscall") {
			return readOnlyFlags[obj.Name()]
		}
	}
	if tv, ok := a.info.Types[e]; ok && tv.Value != nil {
		if v, ok := constant.Int64Val(tv.Value); ok {
			return v == 0 // O_RDONLY
		}
	}
	return false
}

// resourceKey evaluates the key operand: a constant string (an HTTP URL
// reduced to its origin and path, a file path cleaned, SQL text reduced to
// its tables), or an AWS input's field.
func (a *analysis) resourceKey(spec resourceSpec, arg ast.Expr) ([]string, bool) {
	if spec.field != "" {
		v := a.inputField(arg, spec.field)
		if v == nil {
			return nil, false
		}
		if spec.kind == "s3" {
			return a.s3Key(arg, v)
		}
		if lit, ok := ast.Unparen(v).(*ast.CompositeLit); ok {
			// A list of names, or a map keyed by table.
			var keys []string
			for _, el := range lit.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Key
				}
				k, ok := a.constString(a.unwrapPtrHelper(el), strictEnv)
				if !ok {
					return nil, false
				}
				nk, ok := normalizeKey(spec.kind, k)
				if !ok {
					return nil, false
				}
				keys = append(keys, nk...)
			}
			return keys, true
		}
		arg = v
	} else if spec.kind == "dynamodb" || spec.kind == "ssm" {
		return nil, false
	}
	s, ok := a.constString(a.unwrapPtrHelper(arg), strictEnv)
	if !ok {
		if t := a.keyTemplate(a.unwrapPtrHelper(arg)); t != nil && spec.kind != "sql" {
			a.lastTmpl = t
			return nil, false
		}
		if spec.kind == "http" {
			// The origin may still be known: then only that origin.
			if p, b := a.originPrefix(arg, strictEnv); b == nil {
				var sb strings.Builder
				for _, x := range p {
					if c, ok := a.constString(x, strictEnv); ok {
						sb.WriteString(c)
					} else {
						return nil, false
					}
				}
				if o := httpOrigin(sb.String()); o != "" {
					return []string{o + " *"}, true
				}
			}
		}
		return nil, false
	}
	return normalizeKey(spec.kind, s)
}

// keyTemplate matches prefix + p + suffix, with p a parameter of the
// function being summarised and the rest constant strings.
func (a *analysis) keyTemplate(e ast.Expr) *keyTmpl {
	if a.tmplParams == nil {
		return nil
	}
	pieces := a.concatPieces(e, strictEnv)
	t := &keyTmpl{param: -1}
	for _, p := range pieces {
		if id, ok := ast.Unparen(p).(*ast.Ident); ok {
			if v, ok := a.info.Uses[id].(*types.Var); ok {
				if i, isParam := a.tmplParams[v]; isParam {
					if t.param >= 0 {
						return nil
					}
					t.param = i
					continue
				}
			}
		}
		c, ok := a.constString(p, strictEnv)
		if !ok {
			return nil
		}
		if t.param < 0 {
			t.prefix += c
		} else {
			t.suffix += c
		}
	}
	if t.param < 0 {
		return nil
	}
	return t
}

// s3Key is "bucket/key", or "bucket/*" when only the bucket is known (a
// CopyObject names its source in CopySource, which is read, not written).
func (a *analysis) s3Key(input, bucket ast.Expr) ([]string, bool) {
	b, ok := a.constString(a.unwrapPtrHelper(bucket), strictEnv)
	if !ok {
		return nil, false
	}
	if k := a.inputField(input, "Key"); k != nil {
		if key, ok := a.constString(a.unwrapPtrHelper(k), strictEnv); ok {
			return []string{b + "/" + key}, true
		}
	}
	return []string{b + "/*"}, true
}

// unwrapPtrHelper: aws.String(x) and friends (SDK v2 and v1) stand for x.
func (a *analysis) unwrapPtrHelper(e ast.Expr) ast.Expr {
	if call, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(call.Args) == 1 {
		if fn := a.callee(call); fn != nil && fn.Pkg() != nil && (fn.Pkg().Path() == awsV2+"/aws" || fn.Pkg().Path() == awsV1+"/aws") {
			return call.Args[0]
		}
	}
	return e
}

// inputField finds field of the composite literal an input argument is
// built from (&T{F: v} directly, or a local defined once from it).
func (a *analysis) inputField(arg ast.Expr, field string) ast.Expr {
	e := ast.Unparen(arg)
	for i := 0; i < 4; i++ {
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = ast.Unparen(u.X)
		}
		if id, ok := e.(*ast.Ident); ok {
			v := a.varOf(id)
			vi := a.vars[v]
			if v == nil || vi == nil || vi.pkgLevel || len(vi.defs) > 0 || vi.written.IsValid() || vi.init == nil {
				return nil
			}
			e = ast.Unparen(vi.init)
			continue
		}
		break
	}
	lit, ok := e.(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, el := range lit.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return kv.Value
			}
		}
	}
	return nil
}

// doResource: a Do reads (GET/HEAD) or writes (any other or unknown
// method) the URL of its request.
func (a *analysis) doResource(call *ast.CallExpr) (*resource, bool) {
	r := &resource{kind: "http", pos: call.Pos(), text: a.text(call)}
	if a.forwardsRequest(call) {
		return nil, false
	}
	req, b := a.request(call)
	if b != nil {
		return r, true // unknown request: may write anything
	}
	m, ok := a.constString(req.method, strictEnv)
	write := !ok || (m != "GET" && m != "HEAD")
	a.lastTmpl = nil
	if k, ok := a.resourceKey(resourceSpec{kind: "http"}, req.url); ok {
		r.keys, r.known = k, true
	} else {
		r.tmpl = a.lastTmpl
	}
	return r, write
}

// httpKey is scheme://host/path of a URL (no query): what a write there
// could change. Spellings a server may take for the same resource
// compare equal: the default port, escapes, dot segments, a trailing
// slash and letter case (some servers ignore it) are normalised away, so
// two keys that might name one resource match.
func httpKey(s string) string {
	o := httpOrigin(s)
	if o == "" {
		return ""
	}
	u, _ := url.Parse(s)
	p := strings.ToLower(path.Clean("/" + u.Path))
	if p != "/" {
		p = strings.TrimSuffix(p, "/")
	}
	return o + p
}

func httpOrigin(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return ""
	}
	scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname())
	if port := u.Port(); port != "" && !(scheme == "https" && port == "443") && !(scheme == "http" && port == "80") {
		host += ":" + port
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host
}

// conflicts reports whether a write may change what a read returns.
func conflicts(read, write *resource) bool {
	if write.kind == anyKind {
		return true
	}
	if read.kind != write.kind {
		return false
	}
	if !read.known || !write.known {
		return true
	}
	for _, r := range read.keys {
		for _, w := range write.keys {
			if keyMatch(read.kind, r, w) {
				return true
			}
		}
	}
	return false
}

func keyMatch(kind, r, w string) bool {
	if kind == "http" {
		// "origin *" stands for any path of that origin.
		ro, rAny := strings.CutSuffix(r, " *")
		wo, wAny := strings.CutSuffix(w, " *")
		if rAny || wAny {
			return httpOrigin(ro) == httpOrigin(wo) || strings.HasPrefix(ro, wo) || strings.HasPrefix(wo, ro)
		}
	}
	if kind == "sql" {
		return TablesOverlap([]string{r}, []string{w})
	}
	if kind == "gcs" || kind == "firestore" {
		return pathMatch(r, w)
	}
	if kind == "file" {
		// A write to a directory (RemoveAll, Rename of a directory)
		// changes every file under it.
		return r == w || strings.HasPrefix(r, strings.TrimSuffix(w, "/")+"/") || strings.HasPrefix(w, strings.TrimSuffix(r, "/")+"/")
	}
	if kind == "s3" {
		rb, rk, _ := strings.Cut(r, "/")
		wb, wk, _ := strings.Cut(w, "/")
		return rb == wb && (rk == "*" || wk == "*" || rk == wk)
	}
	return r == w
}

// handlerWrites lists the writes reachable from a handler: its own calls
// and those of the package functions it calls (the same walk as reach),
// plus what other packages' functions are known to write (facts), with
// keys built from a parameter evaluated at each call.
func (a *analysis) handlerWrites(root *ast.FuncDecl) []*resource {
	return a.writesFrom(root, nil)
}

// writesFrom walks root and the package functions it calls. params, when
// set, are root's parameters: a key built from one becomes a template.
func (a *analysis) writesFrom(root *ast.FuncDecl, params map[*types.Var]int) []*resource {
	var out []*resource
	visited := map[*ast.FuncDecl]bool{}
	queue := []*ast.FuncDecl{root}
	for len(queue) > 0 {
		fd := queue[0]
		queue = queue[1:]
		if visited[fd] || fd.Body == nil {
			continue
		}
		visited[fd] = true
		var ws []*resource
		var callees []*ast.FuncDecl
		if fd == root && params != nil {
			ws = a.nodeWrites(fd.Body, params, func(d *ast.FuncDecl) { callees = append(callees, d) })
		} else {
			ws, callees = a.declWrites(fd)
		}
		out = append(out, ws...)
		queue = append(queue, callees...)
	}
	return out
}

// declWrites are fd's own writes (keys from its parameters are any key)
// and the package functions it reaches, computed once.
func (a *analysis) declWrites(fd *ast.FuncDecl) ([]*resource, []*ast.FuncDecl) {
	if m, ok := a.declW[fd]; ok {
		return m.writes, m.callees
	}
	var m declWritesMemo
	m.writes = a.nodeWrites(fd.Body, nil, func(d *ast.FuncDecl) { m.callees = append(m.callees, d) })
	if a.declW == nil {
		a.declW = map[*ast.FuncDecl]declWritesMemo{}
	}
	a.declW[fd] = m
	return m.writes, m.callees
}

type declWritesMemo struct {
	writes  []*resource
	callees []*ast.FuncDecl
}

// nodeWrites lists the writes of the calls in n, and of the other
// packages' functions it calls or names as values; the package's own
// functions it reaches go to follow (nil: not followed). params, when
// set, make keys built from them templates.
func (a *analysis) nodeWrites(n ast.Node, params map[*types.Var]int, follow func(*ast.FuncDecl)) []*resource {
	var out []*resource
	called := map[*ast.Ident]bool{} // callee names, judged with their call
	reached := func(fn *types.Func, call *ast.CallExpr) {
		if d := a.decls[fn.Origin()]; d != nil {
			if follow != nil {
				follow(d)
			}
			return
		}
		for _, w := range a.importedWrites(fn) {
			out = append(out, a.instantiate(w, call))
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			switch f := ast.Unparen(c.Fun).(type) {
			case *ast.Ident:
				called[f] = true
			case *ast.SelectorExpr:
				called[f.Sel] = true
			case *ast.IndexExpr: // generic instantiation
				if id, ok := f.X.(*ast.Ident); ok {
					called[id] = true
				} else if s, ok := f.X.(*ast.SelectorExpr); ok {
					called[s.Sel] = true
				}
			}
		}
		if id, ok := n.(*ast.Ident); ok && !called[id] {
			// A function or method named as a value (wg.Go(save),
			// once.Do(s.flush), time.AfterFunc(d, save)) may run: its
			// writes count as the caller's.
			if fn, ok := a.info.Uses[id].(*types.Func); ok {
				reached(fn, &ast.CallExpr{Fun: id, Lparen: id.Pos(), Rparen: id.End()})
			}
			return true
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		fn := a.callee(call)
		if fn == nil {
			return true
		}
		if rt := recvType(fn); rt != nil && types.IsInterface(rt) {
			if m := a.dispatchAny(call, fn); m != nil {
				// The one concrete value the interface variable holds.
				fn = m
			} else if a.userInterface(fn) && !sendsHTTP(funcName(fn), fn) && sdkInterfaceOp(fn) == "" {
				// An implementation freshen cannot see may write anything.
				out = append(out, &resource{kind: anyKind, pos: call.Pos(), text: a.text(call)})
				return true
			}
		}
		outer := a.tmplParams
		a.tmplParams = params
		r, write := a.resourceOf(call, fn)
		a.tmplParams = outer
		if r != nil && write {
			out = append(out, r)
		}
		reached(fn, call)
		return true
	})
	return out
}

// programWrites lists every write the program may make besides a
// handler's own: those of every function and package-level initializer
// of this package (a function literal registered in main, a ServeHTTP
// method, middleware), and those of the module's other packages (facts).
// Handlers share one process, so any of them may change what a handler
// reads between its prefetch and its run. Each is tagged with where it
// is made, for the message.
func (a *analysis) programWrites() []*resource {
	if a.progWrites != nil {
		return *a.progWrites
	}
	out := a.packageWrites()
	if a.programW != nil {
		for _, nw := range a.programW() {
			for _, w := range nw.Writes {
				out = append(out, &resource{kind: w.Kind, keys: w.Keys, known: w.Known, text: "its code", by: "package " + nw.Pkg})
			}
		}
	}
	a.progWrites = &out
	return out
}

// packageWrites are the writes of every function and initializer of the
// package, tagged with where each is made (a handler's by its name, and
// first: a write a handler reaches is best named by it, not by the main
// that registers it). A key built from a function's parameters is left to
// its callers, whose walks see it with their arguments (or as any key).
func (a *analysis) packageWrites() []*resource {
	handlers := map[ast.Decl]string{}
	var order []ast.Decl
	for _, h := range a.res.Handlers {
		handlers[h.Decl] = "handler " + h.Name[strings.LastIndex(h.Name, "/")+1:]
		order = append(order, h.Decl)
	}
	byDecl := a.allDeclWrites()
	for _, dw := range byDecl {
		if handlers[dw.decl] == "" {
			order = append(order, dw.decl)
		}
	}
	writes := map[ast.Decl][]*resource{}
	for _, dw := range byDecl {
		writes[dw.decl] = dw.writes
	}
	out := []*resource{}
	for _, d := range order {
		by := handlers[d]
		switch d := d.(type) {
		case *ast.FuncDecl:
			if by == "" {
				name := d.Name.Name
				if d.Recv != nil && len(d.Recv.List) == 1 {
					name = types.ExprString(d.Recv.List[0].Type) + "." + name
				}
				by = "function " + a.pkg.Name() + "." + name
			}
		case *ast.GenDecl:
			by = "a package-level initializer of " + a.pkg.Name()
		}
		for _, r := range writes[d] {
			if r.tmpl == nil {
				c := *r
				c.by = by
				out = append(out, &c)
			}
		}
	}
	return out
}

// declWrite is what one declaration of the package writes: a function's
// writes with keys from its parameters as templates (the facts of an
// exported function keep them), an initializer's with what it calls.
type declWrite struct {
	decl   ast.Decl
	writes []*resource
}

// allDeclWrites walks every declaration of the package once, in source
// order; the write facts and the program-wide rule share it.
func (a *analysis) allDeclWrites() []declWrite {
	if a.declWs != nil {
		return *a.declWs
	}
	out := []declWrite{}
	for _, f := range a.allFiles {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Body != nil {
					out = append(out, declWrite{d, a.writesFrom(d, a.paramIndex(d))})
				}
			case *ast.GenDecl:
				var callees []*ast.FuncDecl
				ws := a.nodeWrites(d, nil, func(fd *ast.FuncDecl) { callees = append(callees, fd) })
				for _, fd := range callees {
					ws = append(ws, a.writesFrom(fd, nil)...)
				}
				if len(ws) > 0 {
					out = append(out, declWrite{d, ws})
				}
			}
		}
	}
	a.declWs = &out
	return out
}

// readResource is what a fetch site reads (nil: nothing a write could
// change, e.g. kms.Decrypt).
func (a *analysis) readResource(s *site) *resource {
	if s.helper != nil {
		if s.helper.Reads.Kind == "" {
			return nil
		}
		return a.instantiate(s.helper.Reads, s.call)
	}
	var fn *types.Func
	if s.bound != nil {
		fn = s.bound.fn
	} else {
		fn = a.callee(s.call)
	}
	if fn == nil {
		return nil
	}
	r, _ := a.resourceOf(s.call, fn)
	return r
}

// resourceKind maps a catalogue entry ID to the kind of resource it reads.
func resourceKind(api string) string {
	for name, spec := range resourceSpecs {
		if spec.write {
			continue
		}
		if e := defaultCatalogue.Lookup(name); e != nil && e.ID == api {
			return spec.kind
		}
	}
	if api == "net/http.(*Client).Do" {
		return "http"
	}
	return ""
}

// writeBlocker says why a fetch must not run early, or "".
func (a *analysis) writeBlocker(s *site, writes []*resource) (string, token.Pos) {
	if len(writes) == 0 {
		return "", token.NoPos
	}
	r := a.readResource(s)
	if r == nil {
		return "", token.NoPos
	}
	for _, w := range writes {
		if conflicts(r, w) && w.kind == anyKind {
			who := "the handler also runs"
			if w.by != "" {
				who = w.by + " of the same program runs"
			}
			return fmt.Sprintf("%s %s, which may write anything (code freshen cannot see), so a read made before this handler runs could miss that write", who, oneLine(w.text, 60)), w.pos
		}
		if conflicts(r, w) {
			if w.by != "" {
				return fmt.Sprintf("%s of the same program writes %s with %s, so a read made before this handler runs could miss that write", w.by, describeResource(w), oneLine(w.text, 60)), w.pos
			}
			return fmt.Sprintf("the handler also writes %s with %s, so a read made before it runs could miss that write", describeResource(w), oneLine(w.text, 60)), w.pos
		}
	}
	return "", token.NoPos
}

func describeResource(w *resource) string {
	what := map[string]string{anyKind: "whatever a subprocess writes", "file": "a file", "http": "over HTTP", "s3": "an S3 bucket", "dynamodb": "a DynamoDB table",
		"ssm": "an SSM parameter", "secret": "a secret", "sql": "the database", "redis": "a Redis key", "gcs": "a Cloud Storage object",
		"spanner": "a Spanner table", "firestore": "a Firestore document", "pubsub": "a Pub/Sub topic", "bigquery": "a BigQuery table",
		"github": "a GitHub repository"}[w.kind]
	if w.known && len(w.keys) == 1 && w.kind != "http" {
		return fmt.Sprintf("%s (%s)", what, w.keys[0])
	}
	if w.kind == "http" && w.known && len(w.keys) == 1 {
		return strings.TrimSuffix(w.keys[0], " *")
	}
	return what
}

// importedWrites returns what another package's function is known to write
// (its WritesFact), or nil.
func (a *analysis) importedWrites(fn *types.Func) []Write {
	if a.importedW == nil || fn.Pkg() == nil || fn.Pkg() == a.pkg {
		return nil
	}
	// The runtime's functions are what generated freshen functions call
	// to prefetch and warm: reads and connections, never writes (their
	// requests are GET or HEAD by construction; codegen emits no other).
	// A modelled client's calls are judged where they are made, by the
	// catalogue and resource specs, not by what its code does inside.
	if ClientLibrary(fn.Pkg().Path()) {
		return nil
	}
	return a.importedW(fn)
}

// sqlTables lists the tables a constant SQL statement reads (a read-only
// SELECT) or writes; false when that cannot be told (it then touches every
// table).
func sqlTables(q string) ([]string, bool) {
	if v := JudgeQuery(q, -1); v.ReadOnly {
		return v.Tables, true
	}
	return WrittenTables(q)
}

// summarizeWrites records what each exported function of the package
// writes (through its own calls and the package functions it calls), for
// importers' read-after-write rule.
func (a *analysis) summarizeWrites() {
	a.res.Writes = map[*types.Func][]Write{}
	if a.pkg.Name() == "main" {
		return // nobody imports package main
	}
	seen := map[string]bool{}
	for _, dw := range a.allDeclWrites() {
		var ws []Write
		for _, r := range dw.writes {
			w := r.export()
			ws = append(ws, w)
			if k := w.String(); r.tmpl == nil && !seen[k] {
				seen[k] = true
				a.res.PackageWrites = append(a.res.PackageWrites, w)
			}
		}
		// Generated files count: what sqlc or an SDK generator wrote
		// writes like any other code.
		if fd, ok := dw.decl.(*ast.FuncDecl); ok && len(ws) > 0 {
			if fn, ok := a.info.Defs[fd.Name].(*types.Func); ok && fn.Exported() {
				a.res.Writes[fn] = ws
			}
		}
	}
}

// paramIndex maps a function's parameters to their positions.
func (a *analysis) paramIndex(d *ast.FuncDecl) map[*types.Var]int {
	m := map[*types.Var]int{}
	i := 0
	for _, f := range d.Type.Params.List {
		if len(f.Names) == 0 {
			i++
		}
		for _, n := range f.Names {
			if v, ok := a.info.Defs[n].(*types.Var); ok {
				m[v] = i
			}
			i++
		}
	}
	return m
}

// String renders a write for facts and messages: "file /a/b", "http *",
// "file /etc/{1}.json".
func (w Write) String() string {
	if w.KeyParam >= 0 {
		return fmt.Sprintf("%s %s{%d}%s", w.Kind, w.KeyPrefix, w.KeyParam, w.KeySuffix)
	}
	if !w.Known {
		return w.Kind + " *"
	}
	return w.Kind + " " + strings.Join(w.Keys, " ")
}

// writerCall reports whether fn writes a resource (for the cheap
// pre-check of packages worth analysing).
func (a *analysis) writerCall(fn *types.Func) bool {
	name := funcName(fn)
	if spec, ok := resourceSpecs[name]; ok && spec.write {
		return true
	}
	if spec, ok := resourceSpecs[sdkInterfaceOp(fn)]; ok && spec.write {
		return true
	}
	if sendsHTTP(name, fn) || redisWrite(fn) {
		return true
	}
	return a.importedW != nil && fn.Pkg() != a.pkg && len(a.importedW(fn)) > 0
}

// forwardsRequest: the call passes on the request parameter of a
// RoundTrip method (a RoundTripper wrapping another). Such a request was
// made by an http.Client call elsewhere, judged as a read or a write where
// it is made; a direct call of this RoundTrip is judged where it is made.
func (a *analysis) forwardsRequest(call *ast.CallExpr) bool {
	if len(call.Args) != 1 {
		return false
	}
	id, ok := ast.Unparen(call.Args[0]).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := a.info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	for fn, d := range a.decls {
		if fn.Name() != "RoundTrip" || d.Recv == nil || a.info.Scopes[d.Type] != v.Parent() {
			continue
		}
		sig := fn.Signature()
		if sig.Params().Len() != 1 || sig.Params().At(0) != v {
			return false
		}
		if vi := a.vars[v]; vi != nil && (len(vi.defs) > 0 || vi.written.IsValid() || vi.addr.IsValid()) {
			return false
		}
		// r is only read through selectors (r.URL, r.Header.Get(...)) or
		// passed on here: nothing else could change its method or URL.
		selected := map[*ast.Ident]bool{}
		var uses []*ast.Ident
		ast.Inspect(d.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok {
					selected[x] = true
				}
			case *ast.Ident:
				if a.info.Uses[n] == v && n != id {
					uses = append(uses, n)
				}
			}
			return true
		})
		for _, u := range uses {
			if !selected[u] {
				return false
			}
		}
		return true
	}
	return false
}

// recvType is fn's receiver type, or nil for a function.
func recvType(fn *types.Func) types.Type {
	if r := fn.Signature().Recv(); r != nil {
		return r.Type()
	}
	return nil
}

// userInterface: fn is a method of an interface declared in this package
// or this module (a repository, a store): its implementations are the
// program's own code, which may write.
func (a *analysis) userInterface(fn *types.Func) bool {
	if fn.Pkg() == nil || a.dependency {
		return false
	}
	p := fn.Pkg().Path()
	return fn.Pkg() == a.pkg || a.modulePath != "" && (p == a.modulePath || strings.HasPrefix(p, a.modulePath+"/"))
}

// sdkInterfaceOp names the SDK client method an interface method stands
// for when it takes that operation's input (PutObject(ctx,
// *s3.PutObjectInput, ...)), or "".
func sdkInterfaceOp(fn *types.Func) string {
	sig := fn.Signature()
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) {
		return ""
	}
	for i := 0; i < sig.Params().Len(); i++ {
		p, ok := sig.Params().At(i).Type().(*types.Pointer)
		if !ok {
			continue
		}
		n, ok := p.Elem().(*types.Named)
		if !ok || n.Obj().Pkg() == nil || n.Obj().Name() != fn.Name()+"Input" {
			continue
		}
		pkg := n.Obj().Pkg().Path()
		switch {
		case strings.HasPrefix(pkg, awsV2+"/service/"):
			return fmt.Sprintf("(*%s.Client).%s", pkg, fn.Name())
		case strings.HasPrefix(pkg, awsV1+"/service/"):
			if typ := awsV1Clients[strings.TrimPrefix(pkg, awsV1+"/service/")]; typ != "" {
				return fmt.Sprintf("(*%s.%s).%s", pkg, typ, fn.Name())
			}
		}
	}
	return ""
}

// awsResourceKinds are the SDK services whose resources read after write
// compares, by service package name.
var awsResourceKinds = map[string]string{"s3": "s3", "dynamodb": "dynamodb", "ssm": "ssm", "secretsmanager": "secret"}

// awsUnlistedWrite is the resource kind of an SDK v1 or v2 client method
// of those services that no spec lists and whose name does not say it
// reads (Get, Head, List, Describe, Query, Scan, BatchGet), or "".
func awsUnlistedWrite(fn *types.Func) string {
	if fn.Pkg() == nil || recvType(fn) == nil || types.IsInterface(recvType(fn)) {
		return ""
	}
	p := fn.Pkg().Path()
	var svc string
	switch {
	case strings.HasPrefix(p, awsV2+"/service/"):
		svc = strings.TrimPrefix(p, awsV2+"/service/")
	case strings.HasPrefix(p, awsV1+"/service/"):
		svc = strings.TrimPrefix(p, awsV1+"/service/")
	default:
		return ""
	}
	kind := awsResourceKinds[svc]
	if kind == "" || !fn.Exported() || fn.Name() == "Options" {
		return ""
	}
	for _, prefix := range []string{"Get", "Head", "List", "Describe", "Query", "Scan", "BatchGet", "Wait"} {
		if strings.HasPrefix(fn.Name(), prefix) {
			return ""
		}
	}
	return kind
}

// sendsHTTP: the call sends the *http.Request it is given, and writes
// unless the request is a GET or HEAD: Client.Do, a RoundTrip, or a
// method of an interface freshen does not know that takes the request (a
// Doer), whose implementation may send it.
func sendsHTTP(name string, fn *types.Func) bool {
	switch name {
	case "(*net/http.Client).Do", "(*net/http.Transport).RoundTrip", "(net/http.RoundTripper).RoundTrip":
		return true
	}
	return sendsRequest(fn)
}

// redisWrite: a go-redis client method not known to read only; it may
// write any key.
func redisWrite(fn *types.Func) bool {
	return fn.Pkg() != nil && fn.Pkg().Path() == redisPkg && redisClientMethod(fn) && !redisReads[fn.Name()]
}

// sendsRequest: an interface method outside net/http that takes an
// *http.Request (a Doer): its implementation may send the request.
func sendsRequest(fn *types.Func) bool {
	sig := fn.Signature()
	if sig.Recv() == nil || !types.IsInterface(sig.Recv().Type()) || fn.Pkg() == nil || fn.Pkg().Path() == "net/http" {
		return false
	}
	for i := 0; i < sig.Params().Len(); i++ {
		if types.TypeString(sig.Params().At(i).Type(), nil) == "*net/http.Request" {
			return true
		}
	}
	return false
}

// redisClients are the go-redis types whose methods send commands.
var redisClients = map[string]bool{
	"cmdable": true, "statefulCmdable": true, "Cmdable": true, "StatefulCmdable": true, "UniversalClient": true,
	"Client": true, "ClusterClient": true, "Ring": true, "Conn": true, "Pipeliner": true, "Pipeline": true, "Tx": true,
	"baseClient": true, "SentinelClient": true,
}

// redisClientMethod: fn is a method of a go-redis client type.
func redisClientMethod(fn *types.Func) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	t := recv.Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	// go-redis v9 splits Cmdable into StringCmdable, HashCmdable, ...,
	// and Scripter.
	return ok && (redisClients[n.Obj().Name()] || strings.HasSuffix(n.Obj().Name(), "Cmdable") || n.Obj().Name() == "Scripter")
}

// redisReads are the go-redis client methods that change no key: reads,
// and calls that send nothing. Every other client method is taken to
// write any key.
var redisReads = map[string]bool{
	"Get": true, "MGet": true, "GetRange": true, "StrLen": true, "Exists": true, "Type": true, "TTL": true, "PTTL": true,
	"HGet": true, "HGetAll": true, "HMGet": true, "HKeys": true, "HVals": true, "HLen": true, "HExists": true, "HStrLen": true,
	"LRange": true, "LLen": true, "LIndex": true, "LPos": true,
	"SMembers": true, "SIsMember": true, "SMIsMember": true, "SCard": true, "SInter": true, "SUnion": true, "SDiff": true,
	"ZRange": true, "ZRangeWithScores": true, "ZRangeByScore": true, "ZRevRange": true, "ZRevRangeWithScores": true,
	"ZScore": true, "ZRank": true, "ZRevRank": true, "ZCard": true, "ZCount": true,
	"Keys": true, "Scan": true, "HScan": true, "SScan": true, "ZScan": true, "DBSize": true,
	"Ping": true, "Echo": true, "Time": true, "Info": true,
	"Close": true, "Context": true, "Options": true, "PoolStats": true, "String": true, "AddHook": true,
}
