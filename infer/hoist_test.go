package infer_test

import (
	"strings"
	"testing"

	"github.com/freshen-go/freshen/infer"
)

// hoistSummary renders a handler's findings as "kind form" lines, with
// hoisted values shown as hoisted(i), checking each placeholder is
// recorded with the index its name gives.
func hoistSummary(t *testing.T, h *infer.Handler) []string {
	t.Helper()
	var out []string
	for _, f := range h.Findings {
		form := ""
		switch f.Kind {
		case infer.Warm:
			var args []string
			for _, a := range f.WarmArgs {
				args = append(args, render(a))
			}
			form = f.WarmFunc + "(" + strings.Join(args, ", ") + ")"
		default:
			form = render(f.Freshen)
		}
		for id, i := range f.HoistRefs {
			if want := "_hoisted" + itoa(i); id.Name != want {
				t.Errorf("%s: placeholder %s recorded for index %d", f.Text, id.Name, i)
			}
			if i >= f.Index || h.Findings[i].Kind != infer.Hoist {
				t.Errorf("%s: refers to #%d, which is not an earlier hoist", f.Text, i)
			}
		}
		line := string(f.Kind) + " " + strings.Join(strings.Fields(form), " ")
		if f.Skip != "" {
			line += " [skip: " + f.Skip + "]"
		}
		out = append(out, line)
	}
	return out
}

func itoa(i int) string { return string(rune('0' + i)) }

// TestHoistForms: a constructor with constant arguments inside the handler
// is a hoist whose hook form is the call itself; calls through the value it
// defines use the runtime-scoped value (placeholders), so the hook warms
// and fetches through the client the handler shares.
func TestHoistForms(t *testing.T) {
	res, _ := analyze(t, `package main

import (
	"context"
	"database/sql"
	"net/http"
)

var dsn = "postgres://db.internal/app"

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return
	}
	db.QueryContext(ctx, "SELECT name FROM models")
	db.ExecContext(ctx, "INSERT INTO hits VALUES ($1)", r.URL.Path)
	rows(ctx, db)
}

func rows(ctx context.Context, db *sql.DB) {
	db.PingContext(ctx)
}
`)
	h := res.Handlers[0]
	got := hoistSummary(t, h)
	want := []string{
		`hoist sql.Open("postgres", dsn)`,
		`fetch _hoisted0.QueryContext(ctx, "SELECT name FROM models")`,
		`warm WarmSQL(_hoisted0)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	f := h.Findings[0]
	if f.API != "database/sql.Open" || len(f.Results) != 2 || !f.HasErr || f.CtxArg != nil {
		t.Errorf("hoist: api %s results %v ctx %v", f.API, f.Results, f.CtxArg)
	}
	if len(h.Rejections) != 0 {
		t.Errorf("rejections: %v", h.Rejections[0].Reason)
	}
}

// TestHoistNotShared: a value the handler changes, closes, keeps or builds
// from the request stays per invocation, and what it defines is judged as
// before (not constant).
func TestHoistNotShared(t *testing.T) {
	res, fset := analyze(t, `package main

import (
	"database/sql"
	"net/http"
	"sync"
)

var (
	mu   sync.Mutex
	pool *sql.DB
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	a, _ := sql.Open("postgres", r.Header.Get("X-DSN"))
	a.QueryContext(r.Context(), "SELECT 1")

	b, _ := sql.Open("postgres", "postgres://db/app")
	b.SetMaxOpenConns(1)

	c, _ := sql.Open("postgres", "postgres://db/app")
	mu.Lock()
	pool = c
	mu.Unlock()

	d, _ := sql.Open("postgres", "postgres://db/app")
	ch := make(chan *sql.DB, 1)
	ch <- d
}
`)
	h := res.Handlers[0]
	if len(h.Findings) != 0 {
		t.Errorf("findings: %v", hoistSummary(t, h))
	}
	var got []string
	for _, rj := range h.Rejections {
		got = append(got, rj.Text+": "+rj.Explain(fset))
	}
	want := []string{
		`sql.Open("postgres", r.Header.Get("X-DSN")): argument r.Header.Get("X-DSN") depends on parameter r (main.go:17)`,
		`a.QueryContext(r.Context(), "SELECT 1"): receiver a depends on parameter r (main.go:17)`,
		`sql.Open("postgres", "postgres://db/app"): result b has method SetMaxOpenConns called on it in Handle (main.go:21)`,
		`sql.Open("postgres", "postgres://db/app"): result c is stored in pool in Handle (main.go:25)`,
		`sql.Open("postgres", "postgres://db/app"): result d is sent on a channel in Handle (main.go:30)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejections:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestHoistSkipped: a constructor reached from two handlers, or ignored,
// is not applied, and the calls through its value do not use a
// runtime-scoped value that will not exist.
func TestHoistSkipped(t *testing.T) {
	res, _ := analyze(t, `package main

import (
	"context"
	"database/sql"
	"net/http"
)

func main() {
	http.HandleFunc("/a", A)
	http.HandleFunc("/b", B)
	http.HandleFunc("/c", C)
}

func A(w http.ResponseWriter, r *http.Request) { common(r.Context()) }
func B(w http.ResponseWriter, r *http.Request) { common(r.Context()) }

func common(ctx context.Context) {
	db, _ := sql.Open("postgres", "postgres://db/app")
	db.ExecContext(ctx, "DELETE FROM sessions")
}

func C(w http.ResponseWriter, r *http.Request) {
	//freshen:ignore the pool is tuned per request elsewhere
	db, _ := sql.Open("postgres", "postgres://db/app")
	db.ExecContext(r.Context(), "DELETE FROM sessions")
}
`)
	for _, h := range res.Handlers {
		if len(h.Findings) != 1 || h.Findings[0].Kind != infer.Hoist {
			t.Errorf("%s: findings %v", h.Name, hoistSummary(t, h))
			continue
		}
		f := h.Findings[0]
		if f.Skip == "" && f.Ignored == "" {
			t.Errorf("%s: hoist neither skipped nor ignored", h.Name)
		}
		// The warm's receiver is the per-invocation pool: nothing the
		// hook could open for it.
		if len(h.Rejections) != 1 || !strings.Contains(h.Rejections[0].Reason, "db") {
			t.Errorf("%s: rejections %v", h.Name, h.Rejections)
		}
	}
}

// TestHoistThroughCode: the shared value may go through code of the
// package that only reads it (a wrapper struct built by a helper).
func TestHoistThroughCode(t *testing.T) {
	res, _ := analyze(t, `package main

import (
	"database/sql"
	"net/http"
)

type conn struct{ db *sql.DB }

func open(db *sql.DB) *conn { return &conn{db: db} }

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", "postgres://db/app")
	c := open(db)
	c.db.QueryContext(r.Context(), "SELECT 1")
}
`)
	h := res.Handlers[0]
	got := hoistSummary(t, h)
	// The pool is shared; c is a new wrapper each time (the query
	// through it is not constant: open is not a known constructor).
	for _, rj := range h.Rejections {
		t.Logf("rejected %s: %s", rj.Text, rj.Reason)
	}
	if len(got) < 1 || got[0] != `hoist sql.Open("postgres", "postgres://db/app")` {
		t.Errorf("findings %v", got)
	}
}

// TestHoistSharedPoolSQL: a pool shared by every invocation must not have a
// connection's session changed by one of them.
func TestHoistSharedPoolSQL(t *testing.T) {
	res, fset := analyze(t, `package main

import (
	"database/sql"
	"net/http"
)

const dsn = "postgres://db/app"

var table = "items"

type execer interface {
	Exec(query string, args ...any) (sql.Result, error)
}

func main() {
	http.HandleFunc("/ok", OK)
	http.HandleFunc("/set", Set)
	http.HandleFunc("/dyn", Dynamic)
	http.HandleFunc("/tx", Tx)
	http.HandleFunc("/temp", Temp)
	http.HandleFunc("/var", Var)
	http.HandleFunc("/iface", Iface)
	http.HandleFunc("/multi", Multi)
	http.HandleFunc("/begin", Begin)
	http.HandleFunc("/start", StartTx)
	http.HandleFunc("/end", End)
	http.HandleFunc("/pgtemp", PgTemp)
}

func Multi(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.Exec("UPDATE counters SET n = n + 1 WHERE name = 'jobs'; DELETE FROM queue WHERE done")
}

func Begin(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.Exec("UPDATE counters SET n = n + 1 WHERE name = 'jobs'; BEGIN")
}

func StartTx(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("mysql", dsn)
	db.Exec("DELETE FROM queue WHERE done; start transaction; DELETE FROM log")
}

func End(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.Exec("INSERT INTO hits VALUES (1); END")
}

func PgTemp(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.Exec("INSERT INTO pg_temp.audit (m) VALUES ('x')")
}

func OK(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.ExecContext(r.Context(), "INSERT INTO hits (path) VALUES ($1)", r.URL.Path)
	db.QueryRowContext(r.Context(), "SELECT count(*) FROM hits")
}

func Set(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.ExecContext(r.Context(), "SET search_path TO tenant_a")
}

func Dynamic(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.Exec("DELETE FROM " + table)
}

func Tx(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	tx, _ := db.BeginTx(r.Context(), nil)
	tx.Commit()
}

func Temp(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	db.Exec("SELECT * INTO TEMP recent FROM hits")
}

func Var(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("mysql", dsn)
	db.Exec("SELECT @n := 1")
}

func Iface(w http.ResponseWriter, r *http.Request) {
	db, _ := sql.Open("postgres", dsn)
	var e execer = db
	e.Exec("SET ROLE admin")
}
`)
	got := map[string]string{}
	for _, h := range res.Handlers {
		name := h.Name[strings.LastIndex(h.Name, ".")+1:]
		switch {
		case len(h.Findings) > 0 && h.Findings[0].Kind == infer.Hoist:
			got[name] = "hoist"
		default:
			for _, rj := range h.Rejections {
				if strings.HasPrefix(rj.Text, "sql.Open") {
					got[name] = rj.Explain(fset)
				}
			}
		}
	}
	want := map[string]string{
		"OK":      "hoist",
		"Set":     `result db runs SQL "SET search_path TO tenant_a", which may change the connection's session`,
		"Dynamic": "result db runs SQL text freshen cannot read on it in Dynamic",
		"Tx":      "result db has method BeginTx called on it in Tx",
		"Temp":    "which may create a temporary table",
		"Var":     "which may set a session variable",
		"Iface":   `result db runs SQL "SET ROLE admin"`,
		"Multi":   "hoist",
		"Begin":   `result db runs SQL "UPDATE counters SET n = n + 1 WHERE n...", which controls a transaction (BEGIN) on it in Begin (main.go:`,
		"StartTx": `result db runs SQL "DELETE FROM queue WHERE done; start t...", which controls a transaction (start) on it in StartTx (main.go:`,
		"End":     `which controls a transaction (END) on it in End`,
		"PgTemp":  `which names the temporary schema pg_temp on it in PgTemp`,
	}
	for name, w := range want {
		if !strings.Contains(got[name], w) {
			t.Errorf("%s: %q, want it to contain %q", name, got[name], w)
		}
	}
}

// TestHoistSetenv: a handler that changes the environment may change what
// a constructor builds from it.
func TestHoistSetenv(t *testing.T) {
	res, fset := analyze(t, `package main

import (
	"database/sql"
	"net/http"
	"os"
)

func main() { http.HandleFunc("/", Handle) }

func Handle(w http.ResponseWriter, r *http.Request) {
	tenant(r.URL.Query().Get("t"))
	db, _ := sql.Open("postgres", "")
	_ = db
}

func tenant(t string) { os.Setenv("PGDATABASE", t) }
`)
	h := res.Handlers[0]
	if len(h.Findings) != 0 || len(h.Rejections) != 1 {
		t.Fatalf("findings %v, rejections %d", hoistSummary(t, h), len(h.Rejections))
	}
	if got, want := h.Rejections[0].Explain(fset), "the handler calls os.Setenv, and what the constructor builds may depend on the environment (main.go:17)"; got != want {
		t.Errorf("reason %q, want %q", got, want)
	}
}
