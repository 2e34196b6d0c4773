// Package main writes through API forms an allow-list must still see:
// go-redis's split interfaces and scripts, the SDK behind the user's own
// interface, system calls.
package main

import (
	"context"
	"database/sql"
	"os"
	"syscall"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/redis/go-redis/v9"
)

type putter interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

var (
	rdb = redis.NewClient(&redis.Options{Addr: "cache:6379"})
	wdb = redis.NewClient(&redis.Options{Addr: "primary:6379"})
	s3c = s3.New(s3.Options{Region: "eu-west-1"})
	// store holds the one client: its PutObject is the client's.
	store putter = s3c
)

// execer is the user's seam over *sql.DB; its one value is db.
type execer interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
}

var (
	db, _        = sql.Open("postgres", "dsn")
	ex    execer = db
)

type Ev struct{ V string }

func main() { lambda.Start(handle) }

func save(ctx context.Context, c redis.StringCmdable, v string) { c.Set(ctx, "greeting", v, 0) }

func handle(ctx context.Context, ev Ev) error {
	save(ctx, wdb, ev.V)
	// whywarm `the handler also writes a Redis key with c.Set`
	rdb.Get(ctx, "greeting") // want `warm #0`
	store.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cfg"), Key: aws.String("settings.json")})
	// whywarm `the handler also writes an S3 bucket \(cfg/settings.json\) with store.PutObject`
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cfg"), Key: aws.String("settings.json")}) // want `warm #1`
	ex.ExecContext(ctx, "UPDATE settings SET v = $1 WHERE k = 'greeting'", ev.V)
	// whywarm `the handler also writes the database \(settings\) with ex.ExecContext`
	db.QueryRowContext(ctx, "SELECT v FROM settings WHERE k = 'greeting'") // want `warm #2`
	f, _ := os.CreateTemp("/mnt/efs", "s")
	syscall.Rename(f.Name(), "/mnt/efs/state.json")
	os.ReadFile("/mnt/efs/state.json") // reject `the handler also writes a file with syscall.Rename`
	return nil
}

// scripts runs a Lua script, which may write any key.
//
//freshen:handler
func scripts(ctx context.Context, ev Ev) error {
	redis.NewScript("return redis.call('SET', KEYS[1], ARGV[1])").Run(ctx, wdb, []string{"motd"}, ev.V)
	// whywarm `the handler also writes a Redis key with redis.NewScript`
	rdb.Get(ctx, "motd") // want `warm #0`
	return nil
}

var odb = redis.NewClient(&redis.Options{Addr: "cache:6379"})

// options changes the shared client through the *Options it returns.
//
//freshen:handler
func options(ctx context.Context, ev Ev) error {
	odb.Options().Addr = ev.V
	odb.Get(ctx, "greeting") // reject `receiver odb has method Options called on it in options`
	return nil
}
