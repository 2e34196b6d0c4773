package fr

import (
	"context"
	"database/sql"
	"testing"
	"time"

	// PostgreSQL driver for the database/sql tests only.
	_ "github.com/jackc/pgx/v5/stdlib"
)

// postgres opens the test database named by FRESHEN_TEST_POSTGRES.
func postgres(t *testing.T) *sql.DB {
	t.Helper()
	dsn := service(t, postgresEnv, "PostgreSQL")
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestWarmSQL(t *testing.T) {
	db := postgres(t)
	if st := db.Stats(); st.OpenConnections != 0 {
		t.Fatalf("fresh pool has %d connections", st.OpenConnections)
	}
	s := NewState("test.WarmSQL", 1)
	if err := s.Run(context.Background(), Warm(0, func(ctx context.Context) error { return WarmSQL(ctx, db) })); err != nil {
		t.Fatal(err)
	}
	if st := db.Stats(); st.Idle != 1 {
		t.Fatalf("after WarmSQL the pool has %d idle connections, want 1", st.Idle)
	}
	n, err := FrWarm(context.Background(), s, 0, func() (int, error) {
		var n int
		err := db.QueryRowContext(context.Background(), "SELECT 7").Scan(&n)
		return n, err
	})
	if err != nil || n != 7 {
		t.Fatal(n, err)
	}
	if st := db.Stats(); st.OpenConnections != 1 {
		t.Fatalf("the query opened another connection: %d open", st.OpenConnections)
	}
}

// A prefetched *sql.Rows keeps streaming after Run returned and cancelled
// its context.
func TestFetchSQLRowsOutlivesRun(t *testing.T) {
	db := postgres(t)
	s := NewState("test.SQLRows", 2)
	const rows = 5000 // more than one network buffer
	err := s.Run(context.Background(),
		Fetch(0, func(ctx context.Context) (*sql.Rows, error) {
			return db.QueryContext(ctx, "SELECT g, repeat('x', 100) FROM generate_series(1, $1) g", rows)
		}),
		Fetch1(1, func(ctx context.Context) *sql.Row {
			return db.QueryRowContext(ctx, "SELECT 42")
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond) // let any wrongly tied cancellation land
	r, err := FrFetch(context.Background(), s, 0, func() (*sql.Rows, error) {
		t.Error("query ran inline")
		return db.Query("SELECT 1")
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n := 0
	for r.Next() {
		var g int
		var pad string
		if err := r.Scan(&g, &pad); err != nil {
			t.Fatal(err)
		}
		n++
	}
	if err := r.Err(); err != nil || n != rows {
		t.Fatalf("read %d rows, err %v; want %d", n, err, rows)
	}
	row := FrFetch1(context.Background(), s, 1, func() *sql.Row {
		t.Error("row query ran inline")
		return db.QueryRow("SELECT 0")
	})
	var v int
	if err := row.Scan(&v); err != nil || v != 42 {
		t.Fatal(v, err)
	}
}

// Rows nobody takes are closed, returning their connection to the pool.
func TestFetchSQLRowsUnusedReleased(t *testing.T) {
	db := postgres(t)
	s := NewState("test.SQLRowsUnused", 1)
	s.SetHold(0, 30*time.Millisecond)
	if err := s.Run(context.Background(), Fetch(0, func(ctx context.Context) (*sql.Rows, error) {
		return db.QueryContext(ctx, "SELECT generate_series(1, 10)")
	})); err != nil {
		t.Fatal(err)
	}
	if db.Stats().InUse != 1 {
		t.Fatalf("in use = %d, want the prefetched rows' connection", db.Stats().InUse)
	}
	eventually(t, "the connection to return to the pool", func() bool { return db.Stats().InUse == 0 })
	if st := s.Stats().Entries[0]; st.Wasted != 1 {
		t.Fatalf("stats = %+v", st)
	}
}
