// Package main reads resources its own handler writes: prefetching the
// read would hand the handler the state from before its write.
package main

import (
	"bytes"
	"context"
	"net/http"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/redis/go-redis/v9"

	"negrawlib"
)

const (
	state   = "/mnt/efs/state.json"
	profile = "https://api.example.com/profile"
)

var (
	s3c *s3.Client
	rdb = redis.NewClient(&redis.Options{Addr: "cache:6379"})
)

func init() { s3c = s3.New(s3.Options{Region: "eu-west-1"}) }

func main() {
	http.HandleFunc("/file", HandleFile)
	http.HandleFunc("/http", HandleHTTP)
	http.HandleFunc("/lib", HandleLib)
	lambda.Start(handleEvent)
}

func HandleFile(w http.ResponseWriter, r *http.Request) {
	os.ReadFile(state)                 // reject `the handler also writes a file with os.WriteFile\(dir\+r, nil, 0o644\), so a read made before it runs could miss that write \(main.go:49\)`
	os.ReadFile("/etc/app.json")       // reject `the handler also writes a file with os.WriteFile\(dir\+r, nil, 0o644\)`
	os.ReadFile("/mnt/efs/other.json") // reject `the handler also writes a file with os.WriteFile\(dir\+r, nil, 0o644\)`
	save(r.URL.Path)
}

// save writes a file whose name depends on the request: any file read in
// the handler could be it.
func save(r string) {
	const dir = "/mnt/efs/"
	os.WriteFile(dir+r, nil, 0o644)
}

//freshen:handler
func HandleFileSame(w http.ResponseWriter, r *http.Request) {
	os.WriteFile(state, []byte(r.URL.Path), 0o644)
	os.ReadFile(state)                   // reject `the handler also writes a file \(/mnt/efs/state.json\) with os.WriteFile\(state, \[\]byte\(r.URL.Path\), 0o644\), so a read made before it runs could miss that write \(main.go:54\)`
	os.ReadFile("/mnt/efs/./state.json") // reject `the handler also writes a file \(/mnt/efs/state.json\)`
	// HandleFile, in the same program, may write any file.
	os.ReadFile("/etc/app.json") // reject `handler negraw.HandleFile of the same program writes a file with os.WriteFile\(dir\+r, nil, 0o644\), so a read made before this handler runs could miss that write \(main.go:49\)`
	f, _ := os.OpenFile("/etc/ro.json", os.O_RDONLY, 0)
	f.Close()
}

func HandleHTTP(w http.ResponseWriter, r *http.Request) {
	http.Get(profile)                                     // want `http.Get\(profile\) can have its connection to profile opened`
	http.Get("https://api.example.com/settings")          // want `fetch #1`
	http.Get("https://cdn.example.com/profile")           // want `fetch #2`
	http.Post(profile+"?v=2", "application/json", r.Body) // want `warm #3`
}

func HandleLib(w http.ResponseWriter, r *http.Request) {
	os.ReadFile("/mnt/efs/report.json")          // reject `the handler also writes a file \(/mnt/efs/report.json\) with negrawlib.SaveReport\(nil\)`
	http.Get("https://feed.example.com/items")   // want `warm #0`
	http.Get("https://feed.example.com/archive") // want `fetch #1`
	negrawlib.SaveReport(nil)
	negrawlib.Publish(r.Context(), "x") // want `negrawlib.Publish\(r.Context\(\), "x"\) can have its connection opened before HandleLib runs \(warm #2\)`
	negrawlib.Quiet()
}

func handleEvent(ctx context.Context, ev map[string]string) error {
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cfg"), Key: aws.String("flags.json")})                             // want `warm #0`
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cfg"), Key: aws.String("model.bin")})                              // want `fetch #1`
	s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("models"), Key: aws.String("a")})                                   // want `warm #2`
	s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cfg"), Key: aws.String("flags.json"), Body: bytes.NewReader(nil)}) // want `warm #3`
	s3c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("models"), Key: aws.String(ev["key"])})                             // want `warm #4`
	rdb.Get(ctx, "counter")                                                                                                      // want `warm #5`
	rdb.Get(ctx, "config")                                                                                                       // want `fetch #6`
	rdb.Incr(ctx, "counter")                                                                                                     // want `warm #7`
	return nil
}
