// Package main reaches its I/O through an interface variable with one
// implementation, and through helpers that take the client as a parameter.
package main

import (
	"context"
	"database/sql"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ssm"
)

// ParamStore is what the handler needs of SSM.
type ParamStore interface {
	GetParameterByName(ctx context.Context, path, name string) (string, error)
}

type ssmStore struct{ c *ssm.Client }

func (s *ssmStore) GetParameterByName(ctx context.Context, path, name string) (string, error) {
	out, err := s.c.GetParameter(ctx, &ssm.GetParameterInput{Name: aws.String(path + "/" + name)})
	if err != nil {
		return "", err
	}
	return *out.Value, nil
}

var (
	params  ParamStore
	swapped ParamStore
	db      *sql.DB
	dbMain  *sql.DB
)

func init() {
	cfg, _ := config.LoadDefaultConfig(context.Background())
	params = &ssmStore{c: ssm.NewFromConfig(cfg)}
	swapped = &ssmStore{c: ssm.NewFromConfig(cfg)}
	db, _ = sql.Open("postgres", "dsn")
}

// votes takes the database as a parameter: judged at each call.
func votes(db *sql.DB) (int, error) {
	var n int
	err := db.QueryRow("SELECT count(*) FROM votes").Scan(&n)
	return n, err
}

// tally changes its client's pool: not a fetch helper, but a warm helper
// (the call runs as written; the hook only checks the connection).
func tally(db *sql.DB) (int, error) {
	db.SetMaxOpenConns(1)
	var n int
	err := db.QueryRow("SELECT count(*) FROM tallies").Scan(&n)
	return n, err
}

func main() {
	dbMain, _ = sql.Open("postgres", "dsn")
	lambda.Start(handle)
}

func handle(ctx context.Context, ev map[string]string) (string, error) {
	params.GetParameterByName(ctx, "/cors", "ALLOWED_ORIGINS")  // want `params.GetParameterByName\(.*\) can be prefetched before handle runs \(fetch #0\)`
	params.GetParameterByName(ctx, "/user", ev["user"])         // reject `argument ev\["user"\] depends on parameter ev .in call to GetParameterByName.`
	swapped.GetParameterByName(ctx, "/cors", "ALLOWED_ORIGINS") // two values: not resolved, not known to be I/O
	swapped = nil
	votes(db)     // want `votes\(db\) can be prefetched before handle runs \(fetch #1\)`
	votes(dbMain) // reject `argument dbMain is set in main .only warm receivers may use that. .in call to votes.`
	tally(db)     // want `tally\(db\) can have its connection to db opened before handle runs \(warm #2\)`
	return "", nil
}
