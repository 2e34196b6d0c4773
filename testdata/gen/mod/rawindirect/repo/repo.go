// Package repo writes through the pool store returns; it imports nothing
// of database/sql, so only its use of the pool's methods says it may
// write.
package repo

import (
	"context"

	"example.com/rawindirect/store"
)

// SetFlag updates the flags table.
func SetFlag(ctx context.Context, name string) error {
	_, err := store.DB().ExecContext(ctx, "UPDATE flags SET enabled = true WHERE name = $1", name)
	return err
}
