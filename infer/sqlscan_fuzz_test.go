package infer

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sqlSeparators are what FuzzJudgeQuery inserts between tokens. Each starts
// and ends with a space so it cannot merge with a neighbouring token.
var sqlSeparators = []string{" ", "  ", "\t", "\n", "\r\n", " /**/ ", " /* FOR UPDATE now() */ ", " -- INTO\n", "\f", "\v"}

// FuzzJudgeQuery checks that the scanner never panics, that verdicts are
// consistent, and that inserting whitespace and comments between tokens
// changes neither the verdict nor its reason: a rejected query stays
// rejected for the same reason, an accepted one stays accepted.
func FuzzJudgeQuery(f *testing.F) {
	for _, tt := range sqlRejects {
		f.Add(tt.q, uint64(1))
	}
	for _, tt := range sqlAccepts {
		f.Add(tt.q, uint64(2))
	}
	for _, tt := range sqlWrites {
		f.Add(tt.q, uint64(3))
	}
	f.Fuzz(func(t *testing.T, q string, seed uint64) {
		v := JudgeQuery(q, 1)
		if v.ReadOnly == (v.Reason != "") {
			t.Fatalf("JudgeQuery(%q) = %+v: ReadOnly and Reason disagree", q, v)
		}
		if tables, _ := WrittenTables(q); v.ReadOnly && len(tables) > 0 {
			t.Fatalf("JudgeQuery(%q) accepted a query that writes %q", q, tables)
		}
		q2, ok := sqlSpread(q, seed)
		if !ok {
			return
		}
		v2 := JudgeQuery(q2, 1)
		if v2.ReadOnly != v.ReadOnly || v2.Reason != v.Reason {
			t.Fatalf("JudgeQuery(%q) = %+v\nJudgeQuery(%q) = %+v", q, v, q2, v2)
		}
		if v.ReadOnly && !slices.Equal(v.Tables, v2.Tables) {
			t.Fatalf("tables %q became %q after spreading %q", v.Tables, v2.Tables, q)
		}
	})
}

// sqlSpread inserts separators chosen by seed at the offsets that end a
// token in every reading of q. It reports false when q does not tokenize
// in the PostgreSQL reading or has no such offset.
func sqlSpread(q string, seed uint64) (string, bool) {
	var cuts []int
	for k, mode := range sqlModes(q) {
		toks, reason, _ := sqlLex(q, mode, nil)
		if k == 0 && reason != "" {
			return "", false
		}
		var ends []int
		for _, tok := range toks {
			ends = append(ends, int(tok.end))
		}
		if k == 0 {
			cuts = ends
			continue
		}
		cuts = slices.DeleteFunc(cuts, func(p int) bool { _, found := slices.BinarySearch(ends, p); return !found })
	}
	if len(cuts) == 0 {
		return "", false
	}
	r := rand.New(rand.NewPCG(seed, seed>>32))
	var b strings.Builder
	last := 0
	for _, p := range cuts {
		if r.IntN(3) == 0 {
			continue
		}
		b.WriteString(q[last:p])
		b.WriteString(sqlSeparators[r.IntN(len(sqlSeparators))])
		last = p
	}
	b.WriteString(q[last:])
	return b.String(), true
}

// TestSpreadKeepsVerdicts runs the fuzz property over the test tables with
// several seeds, so plain go test covers it.
func TestSpreadKeepsVerdicts(t *testing.T) {
	var qs []string
	for _, tt := range sqlRejects {
		qs = append(qs, tt.q)
	}
	for _, tt := range sqlAccepts {
		qs = append(qs, tt.q)
	}
	n := 0
	for _, q := range qs {
		v := JudgeQuery(q, 1)
		for seed := range uint64(20) {
			q2, ok := sqlSpread(q, seed)
			if !ok {
				break
			}
			n++
			if v2 := JudgeQuery(q2, 1); v2.ReadOnly != v.ReadOnly || v2.Reason != v.Reason {
				t.Errorf("JudgeQuery(%q) = %+v\nJudgeQuery(%q) = %+v", q, v, q2, v2)
				break
			}
		}
	}
	t.Logf("%d spread variants", n)
}
