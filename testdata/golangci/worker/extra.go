//go:build freshenextra

package worker

import (
	"context"
	"os"
)

// Extra exists only with the freshenextra build tag.
//
//freshen:handler
func Extra(ctx context.Context) ([]byte, error) {
	return os.ReadFile("/etc/worker/extra.bin")
}
