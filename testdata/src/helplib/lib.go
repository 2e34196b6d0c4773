package helplib // want package:"hasFetchHelpers" package:"hasWrites"

// helplib exports fetch helpers used by helpuse.

import (
	"context"
	"io"
	"net/http"
	"os"
)

// Load fetches a URL and returns its body.
func Load(ctx context.Context, u string) ([]byte, error) { // want Load:`fetchHelper\(net/http.\(\*Client\).Do\)`
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

// Config reads a file.
func Config(name string) ([]byte, error) { // want Config:`fetchHelper\(os.ReadFile\)`
	return os.ReadFile("/etc/" + name)
}

// Store writes: not a fetch helper; its endpoint can be warmed.
func Store(u string, body io.Reader) error { // want Store:`warmHelper\(net/http.Post\)` Store:`writes\(http \{0\}\)`
	_, err := http.Post(u, "application/octet-stream", body)
	return err
}

func private(u string) ([]byte, error) { return os.ReadFile(u) }

var _ = private
