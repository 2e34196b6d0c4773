package main

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

const modelURL = "https://models.example.com/m.bin"

var (
	s3c   *s3.Client
	cache []byte
)

func init() { s3c = s3.New(s3.Options{Region: "eu-west-1"}) }

// loadModel's only I/O is a GET of its parameter: a fetch helper.
func loadModel(u string) ([]byte, error) {
	resp, err := http.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// object passes its context through: still a helper.
func object(ctx context.Context, key string) (*s3.GetObjectOutput, error) {
	return s3c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b"), Key: aws.String(key)})
}

// viaHelper calls a helper: a helper too.
func viaHelper(name string) ([]byte, error) { return loadModel(modelURL + "?v=" + name) }

// caching writes package state: not a helper.
func caching(u string) error {
	b, err := loadModel(u) // reject `argument u depends on parameter u .in call to loadModel.`
	cache = b
	return err
}

// stamped reads the clock: not a fetch helper, but its endpoint can be
// warmed.
func stamped(u string) (string, error) {
	_, err := http.Get(u)
	return time.Now().String(), err
}

// twice does two fetches: not a helper.
func twice(u string) error {
	http.Get(u)                  // reject `URL u depends on parameter u`
	_, err := http.Get(u + "/2") // reject `URL u \+ "/2" depends on parameter u`
	return err
}

func handle(ctx context.Context, ev map[string]string) (string, error) {
	loadModel(modelURL)    // want `loadModel\(modelURL\) can be prefetched before handle runs \(fetch #0\)`
	loadModel(ev["model"]) // reject `argument ev\["model"\] depends on parameter ev .in call to loadModel.`
	object(ctx, "weights") // want `fetch #1`
	viaHelper("v2")        // want `fetch #2`
	caching(modelURL)
	stamped(modelURL) // want `stamped\(modelURL\) can have its connection to modelURL opened before handle runs \(warm #3\)`
	twice(modelURL)
	more(ctx)
	return "", nil
}

func main() { lambda.Start(handle) }

// The helpers' own calls with parameter operands are reached through the
// non-helpers above.

// rewrites reassigns its parameter: not a helper.
func rewrites(u string) error {
	if len(u) > 100 {
		u = modelURL
	}
	_, err := http.Get(u) // reject `URL u depends on parameter u`
	return err
}

var hook = func(s string) {}

// callsValue calls a function value, which could do anything: not a fetch
// helper (a warm helper).
func callsValue(u string) error {
	hook(u)
	_, err := http.Get(u)
	return err
}

var seen = map[string]bool{}

func record(u string) { seen[u] = true }

// effects calls a function that writes package state: not a fetch helper
// (a warm helper).
func effects(u string) error {
	record(u)
	_, err := http.Get(u)
	return err
}

func more(ctx context.Context) {
	rewrites(modelURL)
	callsValue(modelURL) // want `warm #4`
	effects(modelURL)    // want `warm #5`
}
