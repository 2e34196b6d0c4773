package infer

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"
)

// Read after write for clients whose resources are named by a chain of
// handle builders (Cloud Storage, Firestore) or by a command sent by name
// (redigo), and the writes of clients freshen only records (Spanner,
// Pub/Sub, BigQuery, go-github).

const (
	storagePkg   = "cloud.google.com/go/storage"
	spannerPkg   = "cloud.google.com/go/spanner"
	firestorePkg = "cloud.google.com/go/firestore"
	redigoPkg    = "github.com/gomodule/redigo/redis"
)

// githubMajors are the go-github major versions whose import paths the
// tables name (github.com/google/go-github/vN/github); the methods used
// kept their names and parameters across them.
var githubMajors = func() []string {
	var out []string
	for v := 50; v <= 93; v++ {
		out = append(out, fmt.Sprintf("github.com/google/go-github/v%d/github", v))
	}
	return out
}()

// otherClientResources are the read and write specs of these clients.
func otherClientResources() map[string]resourceSpec {
	m := map[string]resourceSpec{}
	method := func(pkg, typ, op string) string { return fmt.Sprintf("(*%s.%s).%s", pkg, typ, op) }
	// Keyed by the handle the receiver builds.
	handle := func(kind string, write bool, pkg, typ string, ops ...string) {
		for _, op := range ops {
			m[method(pkg, typ, op)] = resourceSpec{kind: kind, write: write, arg: -1, also: -1, flagArg: -1, chain: true}
		}
	}
	// Keyed by the handle argument 0 builds (transactions, batches).
	handleArg := func(kind string, pkg, typ string, ops ...string) {
		for _, op := range ops {
			m[method(pkg, typ, op)] = resourceSpec{kind: kind, write: true, arg: 0, also: -1, flagArg: -1, chain: true}
		}
	}
	// Any key of the kind.
	anyKey := func(kind string, write bool, pkg, typ string, ops ...string) {
		for _, op := range ops {
			m[method(pkg, typ, op)] = resourceSpec{kind: kind, write: write, arg: -1, also: -1, flagArg: -1}
		}
	}

	handle("gcs", false, storagePkg, "ObjectHandle", "NewReader", "NewRangeReader", "Attrs")
	// NewWriter is the write: its upload may finish at Close, but whatever
	// the handler reads of that object may be stale from here on.
	handle("gcs", true, storagePkg, "ObjectHandle", "NewWriter", "NewWriterFromAppendableObject", "Delete", "Update", "Move", "Restore")
	handle("gcs", true, storagePkg, "Copier", "Run")   // the destination: dst.CopierFrom(src)
	handle("gcs", true, storagePkg, "Composer", "Run") // dst.ComposerFrom(srcs...)
	handle("gcs", true, storagePkg, "BucketHandle", "Delete")

	for _, op := range []string{"ReadRow", "ReadRowWithOptions", "ReadRowUsingIndex"} {
		m[method(spannerPkg, "txReadOnly", op)] = resourceSpec{kind: "spanner", arg: 1, also: -1, flagArg: -1}
	}
	// Mutations and DML name their tables in values freshen does not
	// follow: any table.
	anyKey("spanner", true, spannerPkg, "Client", "Apply", "ReadWriteTransaction", "ReadWriteTransactionWithOptions",
		"PartitionedUpdate", "PartitionedUpdateWithOptions", "BatchWrite", "BatchWriteWithOptions")
	anyKey("spanner", true, spannerPkg, "ReadWriteTransaction", "BufferWrite", "Update", "UpdateWithOptions", "BatchUpdate", "BatchUpdateWithOptions")

	handle("firestore", false, firestorePkg, "DocumentRef", "Get")
	handle("firestore", true, firestorePkg, "DocumentRef", "Set", "Create", "Update", "Delete")
	handle("firestore", true, firestorePkg, "CollectionRef", "Add")
	handleArg("firestore", firestorePkg, "Transaction", "Set", "Create", "Update", "Delete")
	handleArg("firestore", firestorePkg, "WriteBatch", "Set", "Create", "Update", "Delete")
	handleArg("firestore", firestorePkg, "BulkWriter", "Set", "Create", "Update", "Delete")
	// The transaction function is a value the SDK calls: its writes may
	// not be visible here.
	anyKey("firestore", true, firestorePkg, "Client", "RunTransaction")

	anyKey("pubsub", true, "cloud.google.com/go/pubsub", "Topic", "Publish")
	anyKey("pubsub", true, "cloud.google.com/go/pubsub/v2", "Publisher", "Publish")
	anyKey("bigquery", true, "cloud.google.com/go/bigquery", "Inserter", "Put")
	// A query may be DML.
	anyKey("bigquery", true, "cloud.google.com/go/bigquery", "Query", "Run", "Read")

	for _, p := range githubMajors {
		anyKey("github", false, p, "RepositoriesService", "Get", "GetContents")
		anyKey("github", true, p, "RepositoriesService", "CreateFile", "UpdateFile", "DeleteFile")
		anyKey("github", true, p, "IssuesService", "Create", "Edit", "CreateComment")
	}

	// redigo: the command name decides (commandResource). A Lua script
	// may write any key.
	cmd := func(name string, arg int) {
		m[name] = resourceSpec{kind: "redis", arg: arg, also: -1, flagArg: -1, cmd: true}
	}
	cmd(fmt.Sprintf("(%s.Conn).Do", redigoPkg), 0)
	cmd(fmt.Sprintf("(%s.Conn).Send", redigoPkg), 0)
	cmd(fmt.Sprintf("(%s.ConnWithContext).DoContext", redigoPkg), 1)
	cmd(fmt.Sprintf("(%s.ConnWithTimeout).DoWithTimeout", redigoPkg), 1)
	cmd(redigoPkg+".DoContext", 2)
	cmd(redigoPkg+".DoWithTimeout", 2)
	anyKey("redis", true, redigoPkg, "Script", "Do", "DoContext", "Send", "SendHash")
	return m
}

// handleStep says how a handle builder derives its handle's path from its
// receiver's.
type handleStep struct {
	root  bool // the receiver is the client: the path starts with argument 0
	child bool // the path is the receiver's path + "/" + argument 0
	same  bool // the same object or document as the receiver (options, copiers)
	fresh bool // a new child with a random name (NewDoc)
}

// handleSteps are the builders of Cloud Storage and Firestore handles.
var handleSteps = func() map[string]handleStep {
	m := map[string]handleStep{}
	set := func(pkg, typ string, st handleStep, ops ...string) {
		for _, op := range ops {
			m[fmt.Sprintf("(*%s.%s).%s", pkg, typ, op)] = st
		}
	}
	set(storagePkg, "Client", handleStep{root: true}, "Bucket")
	set(storagePkg, "BucketHandle", handleStep{child: true}, "Object")
	set(storagePkg, "BucketHandle", handleStep{same: true}, "If", "UserProject", "Retryer", "SetObjectRetention")
	set(storagePkg, "ObjectHandle", handleStep{same: true}, "If", "Generation", "Key", "ReadCompressed", "Retryer",
		"OverrideUnlockedRetention", "SoftDeleted", "ReadHandle", "CopierFrom", "ComposerFrom")
	set(firestorePkg, "Client", handleStep{root: true}, "Doc", "Collection")
	set(firestorePkg, "CollectionRef", handleStep{child: true}, "Doc")
	set(firestorePkg, "DocumentRef", handleStep{child: true}, "Collection")
	set(firestorePkg, "CollectionRef", handleStep{fresh: true}, "NewDoc")
	set(firestorePkg, "DocumentRef", handleStep{same: true}, "WithReadOptions")
	set(firestorePkg, "CollectionRef", handleStep{same: true}, "WithReadOptions")
	return m
}()

// containerTypes are handles of a set of objects or documents: as a
// resource they stand for everything in it.
var containerTypes = map[string]bool{
	"*" + storagePkg + ".BucketHandle":    true,
	"*" + firestorePkg + ".CollectionRef": true,
}

// chainResource keys a call by the handle its receiver (or argument
// spec.arg) builds. The key is a path ("bucket/object",
// "coll/doc/sub/doc"), or a prefix ending in "*" when only the start of
// the path is known ("bucket/*", "events/*", "users/u-*"); it stays
// unknown (any key of the kind) when the chain cannot be followed.
func (a *analysis) chainResource(call *ast.CallExpr, spec resourceSpec, r *resource) *resource {
	var e ast.Expr
	if spec.arg >= 0 {
		if spec.arg < len(call.Args) {
			e = call.Args[spec.arg]
		}
	} else {
		e = a.receiver(call)
	}
	if e == nil {
		return r
	}
	p, open, ok := a.handlePath(e, 0)
	if !ok {
		return r
	}
	if t := a.info.TypeOf(e); !open && t != nil && containerTypes[types.TypeString(t, nil)] {
		p, open = p+"/", true
	}
	if open {
		p += "*"
	}
	r.keys, r.known = []string{p}, true
	return r
}

// handlePath is the path of the object or document a handle expression
// names; open reports that only its start is known. Variables are
// followed to their one definition when nothing changes the handle after
// it (the variable's memory judgement): a reference whose Path field a
// handler rewrites names another document.
func (a *analysis) handlePath(e ast.Expr, depth int) (path string, open, ok bool) {
	if depth > 16 {
		return "", false, false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		if init := a.handleVar(x); init != nil {
			return a.handlePath(init, depth+1)
		}
	case *ast.CallExpr:
		fn := a.callee(x)
		if fn == nil {
			return "", false, false
		}
		st, known := handleSteps[funcName(fn)]
		recv := a.receiver(x)
		if !known || recv == nil {
			return "", false, false
		}
		if st.root {
			if len(x.Args) != 1 {
				return "", false, false
			}
			p, open := a.constPrefix(x.Args[0])
			return p, open, p != "" || !open
		}
		parent, pOpen, ok := a.handlePath(recv, depth+1)
		switch {
		case !ok:
			return "", false, false
		case pOpen || st.same:
			return parent, pOpen, true
		case st.fresh:
			return parent + "/", true, true
		case len(x.Args) != 1:
			return "", false, false
		}
		id, open := a.constPrefix(x.Args[0])
		return parent + "/" + id, open, true
	}
	return "", false, false
}

// constPrefix is the value of a string expression, or the constant text it
// starts with (open) when the rest is not constant.
func (a *analysis) constPrefix(e ast.Expr) (string, bool) {
	if s, ok := a.constString(e, strictEnv); ok {
		return s, false
	}
	var sb strings.Builder
	for _, p := range a.concatPieces(e, strictEnv) {
		s, ok := a.constString(p, strictEnv)
		if !ok {
			break
		}
		sb.WriteString(s)
	}
	return sb.String(), true
}

// handleVar returns the definition of a variable holding a handle, when it
// is the handle's only definition and the handle's memory stays unchanged.
func (a *analysis) handleVar(id *ast.Ident) ast.Expr {
	v := a.varOf(id)
	if v == nil || v.Pkg() != a.pkg {
		return nil
	}
	vi := a.vars[v]
	if vi == nil || vi.init == nil || vi.tuple || len(vi.defs) > 0 || vi.param != "" || vi.rangeVar {
		return nil
	}
	if vi.pkgLevel {
		if (v.Exported() && a.pkg.Name() != "main") || a.frozenGlobal(v, false) != nil {
			return nil
		}
		return vi.init
	}
	if a.localMemory(vi) != nil {
		return nil
	}
	return vi.init
}

// pathMatch compares handle paths; a key ending in "*" stands for every
// path it is a prefix of.
func pathMatch(r, w string) bool {
	rp, rOpen := strings.CutSuffix(r, "*")
	wp, wOpen := strings.CutSuffix(w, "*")
	switch {
	case rOpen && wOpen:
		return strings.HasPrefix(rp, wp) || strings.HasPrefix(wp, rp)
	case rOpen:
		return strings.HasPrefix(w, rp)
	case wOpen:
		return strings.HasPrefix(r, wp)
	}
	return r == w
}

// redisReadCommands only read; every other command, and a command name
// that is not constant, may write.
var redisReadCommands = wordSet(`GET MGET GETRANGE STRLEN EXISTS TYPE TTL PTTL HGET HMGET HGETALL HEXISTS HKEYS
	HVALS HLEN SMEMBERS SISMEMBER SMISMEMBER SCARD LRANGE LLEN LINDEX ZRANGE ZRANGEBYSCORE ZREVRANGE ZSCORE
	ZCARD ZRANK ZCOUNT PING ECHO`)

// redisKeyWrites are writes whose first argument is the one key they change.
var redisKeyWrites = wordSet(`SET SETEX PSETEX SETNX GETSET GETDEL GETEX APPEND SETRANGE INCR INCRBY
	INCRBYFLOAT DECR DECRBY EXPIRE PEXPIRE EXPIREAT PEXPIREAT PERSIST HSET HSETNX HMSET HDEL HINCRBY
	HINCRBYFLOAT LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LSET LREM LTRIM LINSERT SADD SREM SPOP ZADD ZREM ZINCRBY`)

// redisKeysWrites change every key they are given.
var redisKeysWrites = wordSet("DEL UNLINK")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// commandResource: a command sent by name reads when its constant name is
// a read command; otherwise it writes the keys its constant arguments
// name, or any key.
func (a *analysis) commandResource(call *ast.CallExpr, spec resourceSpec, r *resource) (*resource, bool) {
	if spec.arg >= len(call.Args) {
		return r, true
	}
	name, ok := a.constString(call.Args[spec.arg], strictEnv)
	if !ok {
		return r, true
	}
	name = strings.ToUpper(name)
	if redisReadCommands[name] {
		return r, false
	}
	keys := call.Args[spec.arg+1:]
	if call.Ellipsis.IsValid() || len(keys) == 0 {
		return r, true
	}
	switch {
	case redisKeyWrites[name]:
		keys = keys[:1]
	case redisKeysWrites[name]:
	default:
		return r, true
	}
	var ks []string
	for _, k := range keys {
		s, ok := a.constString(k, strictEnv)
		if !ok {
			return r, true
		}
		ks = append(ks, s)
	}
	r.keys, r.known = ks, true
	return r, true
}
