package negrawrepo // want package:"hasWrites"

// negrawrepo writes through a value another package returns: it imports
// nothing of database/sql, and its write must still be known.

import (
	"context"
	"os"

	"negrawstore"
)

// SetFlag updates the flags table.
func SetFlag(ctx context.Context, name string, on bool) error { // want SetFlag:`writes\(sql flags\)`
	_, err := negrawstore.DB().ExecContext(ctx, "UPDATE flags SET enabled = $1 WHERE name = $2", on, name)
	return err
}

// Store keeps one value of any type on the shared file system.
type Store[T any] struct{}

// Put writes it: a method of a generic type carries its writes on the
// generic declaration.
func (Store[T]) Put(v T) { os.WriteFile("/mnt/efs/store.json", nil, 0o644) } // want Put:`writes\(file /mnt/efs/store.json\)`
