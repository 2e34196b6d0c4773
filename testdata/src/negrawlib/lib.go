package negrawlib // want package:"hasFetchHelpers" package:"hasWrites"

// negrawlib writes resources on behalf of its callers.

import (
	"context"
	"net/http"
	"os"
	"strings"
)

// SaveReport writes the report file.
func SaveReport(body []byte) error { return os.WriteFile("/mnt/efs/report.json", body, 0o644) } // want SaveReport:`writes\(file /mnt/efs/report.json\)`

// Publish posts to the feed.
func Publish(ctx context.Context, s string) error { // want Publish:`warmHelper\(net/http.\(\*Client\).Do\)` Publish:`writes\(http https://feed.example.com/items\)`
	req, err := http.NewRequestWithContext(ctx, "PUT", "https://feed.example.com/items", strings.NewReader(s))
	if err != nil {
		return err
	}
	_, err = http.DefaultClient.Do(req)
	return err
}

// Touch writes a file the caller names.
func Touch(name string) error { return os.WriteFile(name, nil, 0o644) } // want Touch:`writes\(file \{0\}\)`

// Quiet writes nothing.
func Quiet() string { return "ok" }
