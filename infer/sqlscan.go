package infer

// This file judges constant SQL text: is it one read-only, deterministic
// SELECT that can run before the handler with the same result, and which
// tables does a statement read or write?
//
// Soundness argument. The judgement is an allow-list over a real tokenizer:
// a query is read-only only when every construct in it is known to be a
// side-effect-free read whose result depends on nothing but the stored data
// and the query's bound arguments. Everything else is rejected, including
// everything unknown: a function is accepted because its name is in
// sqlFuncs, never because it is missing from a deny-list. The rules:
//
//   - exactly one statement (an optional trailing ";"), which is a SELECT or
//     WITH ... SELECT whose WITH queries are SELECTs or VALUES;
//   - every function call (a name, possibly qualified, then "(" after any
//     whitespace or comments; a quoted name too) names an allow-listed,
//     deterministic, side-effect-free built-in, unqualified or qualified by
//     pg_catalog, with the arguments it needs not to read the clock;
//   - no INTO, no locking clause or locking table hint, no TABLESAMPLE, no
//     sequence access, no SQL-value function written without parentheses
//     (CURRENT_DATE, USER, ...), no server or session variables (@@x, and
//     MySQL's @x unless the call provably binds it), no operator outside the
//     built-in set;
//   - nothing that reads the clock through a date or time conversion: no
//     literal PostgreSQL or SQLite reads as the clock ('now', 'today', ...,
//     checked after decoding E'' and U&'' escapes and joining adjacent
//     literals), and no cast or date function applied to computed text
//     (('n'||'ow')::date), since the text may spell 'now'.
//
// The tokenizer does not know the dialect, so wherever PostgreSQL, MySQL,
// SQLite and SQL Server split the same text differently, either the text is
// lexed once per reading and every reading must pass (PostgreSQL's
// $tag$ strings against MySQL's $ in names; SQL Server's [names] against
// PostgreSQL's subscripts), or the text is rejected (a backslash before a
// quote, "--" not followed by a space, "#" (so PostgreSQL's #> operators
// too), nested or executable /* */ comments, a lone carriage return ending
// a "--" comment, a number running into a name, non-ASCII characters other
// than letters and digits outside quotes, NUL bytes). A reading every
// server rejects before running anything (unbalanced parentheses in one
// statement, an unterminated quote) neither accepts nor rejects. Case is
// folded for ASCII only, as the servers do for keywords, so no Unicode
// look-alike folds onto an allow-listed name.
//
// What is assumed, and out of scope:
//
//   - the text sent to the server is exactly the constant text (no client-
//     side rewriting other than binding placeholders to the call's
//     arguments, which the caller checks separately, QueryArgReadsClock
//     included);
//   - session settings that built-ins read (TimeZone, DateStyle, locale, the
//     default text search configuration) are the same when the query runs
//     early as when the handler runs it, since both use the same pool;
//   - a function named like an allow-listed built-in of any of the four
//     servers is that built-in or behaves like it: user-defined functions
//     that shadow such a name (a PostgreSQL ifnull() shim, a SQLite function
//     registered by the application) are not looked at;
//   - other server-side definitions are not looked at either: views, rules
//     and triggers on the tables read, row-level security, user-defined
//     operators, casts and types, and PostgreSQL's attribute notation (t.f
//     calling f(t)) for user functions (no volatile built-in takes a single
//     composite or polymorphic argument, so none is reachable that way);
//   - stored data is not looked at: reading rows that change between the
//     early run and the handler is the staleness freshen accepts for every
//     fetch (bounded by the TTL rules), and so is stored text that a query
//     converts to a date or time and that happens to spell 'now'. Row order
//     and ties left unspecified by the query are answers the server could
//     give the handler too.

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// QueryVerdict is the judgement of one SQL text by JudgeQuery.
type QueryVerdict struct {
	// ReadOnly reports that the text is one deterministic, side-effect-free
	// SELECT that may run early.
	ReadOnly bool
	// Reason says why not, naming the offending text as written. It reads
	// after "the SQL ", e.g. "uses now(), which differs per call" or
	// "locks rows (FOR UPDATE)". Empty when ReadOnly.
	Reason string
	// Tables lists the tables the query reads (FROM and JOIN targets), when
	// ReadOnly. Unquoted names are folded to lower case; quoted names keep
	// their case, in double quotes; schema qualifiers are kept ("s.t"). It
	// may list a WITH query's name too: extra names only make a caller's
	// read/write conflict check more cautious.
	Tables []string
}

// JudgeQuery decides whether q, the constant text of a database/sql query,
// is one read-only, deterministic SELECT (see the soundness argument at the
// top of this file). nargs is the number of query arguments the call
// passes, or -1 when unknown (a spread slice); it only matters for @name
// placeholders, which are SQL Server and SQLite parameters but MySQL session
// variables: they are accepted only when nargs >= 1 and q has no "?" at all,
// because MySQL then fails the call on the argument count before running it.
func JudgeQuery(q string, nargs int) QueryVerdict {
	var tables []string
	invalid, valid := "", false
	var buf [sqlTokenBuf]sqlToken
	for _, mode := range sqlModes(q) {
		s := sqlScan(q, mode, nargs, buf[:0])
		switch {
		case s.invalid:
			if invalid == "" {
				invalid = s.reason
			}
			continue
		case s.reason != "":
			return QueryVerdict{Reason: s.reason}
		}
		valid = true
		tables = sqlUnion(tables, s.reads)
	}
	if !valid {
		return QueryVerdict{Reason: invalid}
	}
	for _, t := range tables {
		if sqlSystemTable(t) {
			return QueryVerdict{Reason: fmt.Sprintf("reads %s, a system catalog or view that describes the server's state when the query runs", t)}
		}
	}
	return QueryVerdict{ReadOnly: true, Tables: tables}
}

// sqlSystemSchemas hold the servers' own catalogs and statistics
// (sessions, locks, settings, plans), which change with every call.
var sqlSystemSchemas = []string{"pg_catalog.", "information_schema.", "performance_schema.", "sys.", "mysql.", "pg_toast."}

// sqlSystemTable: a normalised table name in a system schema, or named as
// PostgreSQL's and SQLite's catalogs are (pg_stat_activity, pg_locks,
// sqlite_master), which need no schema.
func sqlSystemTable(name string) bool {
	n := strings.ToLower(name)
	for _, s := range sqlSystemSchemas {
		if strings.HasPrefix(n, s) {
			return true
		}
	}
	last := strings.ToLower(sqlLastPart(name))
	return strings.HasPrefix(last, "pg_") || strings.HasPrefix(last, "sqlite_")
}

// WrittenTables reports the tables q may write: the target of INSERT,
// UPSERT, REPLACE, UPDATE, DELETE, MERGE, TRUNCATE and COPY ... FROM, the
// target of SELECT ... INTO, and those of data-modifying WITH queries, over
// every statement in q. Names are normalised as in QueryVerdict.Tables.
// UPDATE and DELETE report every table they name (a multi-table form, or an
// alias that hides the target, cannot be told apart without the schema).
//
// known is false when q may write tables it does not name: it cannot be
// tokenized, it calls a function that is not known to be free of side
// effects, it is DDL, CALL, EXEC, DO or another statement kind this file
// does not model, or TRUNCATE ... CASCADE. Triggers and rules are out of
// scope, as for JudgeQuery.
func WrittenTables(q string) (tables []string, known bool) {
	known = true
	valid := false
	var buf [sqlTokenBuf]sqlToken
	for _, mode := range sqlModes(q) {
		s := sqlScan(q, mode, -1, buf[:0])
		if s.invalid {
			continue // this reading never runs
		}
		valid = true
		if s.lexFailed || s.unknownWrites {
			known = false
		}
		tables = sqlUnion(tables, s.writes)
	}
	return tables, known && valid
}

// sqlTxControl returns the first transaction-control statement of q in
// any reading of it (BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE,
// END, as written), or "" when no reading has one.
func sqlTxControl(q string) string {
	var buf [sqlTokenBuf]sqlToken
	for _, mode := range sqlModes(q) {
		if s := sqlScan(q, mode, -1, buf[:0]); s.txControl != "" {
			return s.txControl
		}
	}
	return ""
}

// TablesOverlap reports whether a table in a may be a table in b, comparing
// the last name part without quotes and ignoring case: schemas, search paths
// and case rules differ between servers, so the check errs towards overlap.
func TablesOverlap(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			// A U&"..." name is kept as written, escapes and all: it may
			// spell any table.
			if sqlEscapedName(x) || sqlEscapedName(y) || strings.EqualFold(sqlLastPart(x), sqlLastPart(y)) {
				return true
			}
		}
	}
	return false
}

// sqlEscapedName: the last part of a normalised name is a U&"..."
// identifier.
func sqlEscapedName(name string) bool {
	p := sqlLastPart(name)
	return len(p) >= 2 && (p[0] == 'U' || p[0] == 'u') && p[1] == '&'
}

// sqlLastPart returns the last part of a normalised table name, unquoted.
func sqlLastPart(name string) string {
	last, quoted := 0, false
	for i := 0; i < len(name); i++ {
		switch {
		case name[i] == '"':
			quoted = !quoted
		case name[i] == '.' && !quoted:
			last = i + 1
		}
	}
	p := name[last:]
	if len(p) >= 2 && p[0] == '"' && p[len(p)-1] == '"' {
		p = strings.ReplaceAll(p[1:len(p)-1], `""`, `"`)
	}
	return p
}

// sqlUnion appends the names of add that are not in to yet.
func sqlUnion(to, add []string) []string {
	for _, n := range add {
		to = sqlAddName(to, n)
	}
	return to
}

func sqlAddName(to []string, n string) []string {
	for _, m := range to {
		if m == n {
			return to
		}
	}
	return append(to, n)
}

// sqlLexMode selects how the dialect-dependent characters are read.
type sqlLexMode uint8

const (
	// sqlDollar reads $n as a parameter and $tag$...$tag$ as a string
	// (PostgreSQL); without it $ is a name character (MySQL, SQL Server,
	// SQLite).
	sqlDollar sqlLexMode = 1 << iota
	// sqlBrackets reads [...] as a quoted name (SQL Server, SQLite); without
	// it [ and ] are subscript punctuation (PostgreSQL, MySQL).
	sqlBrackets
)

// sqlModes returns the readings q needs: PostgreSQL's always, MySQL's when
// q has a $, SQL Server's when it has a [.
func sqlModes(q string) []sqlLexMode {
	switch dollar, bracket := strings.IndexByte(q, '$') >= 0, strings.IndexByte(q, '[') >= 0; {
	case dollar && bracket:
		return sqlModesAll
	case dollar:
		return sqlModesAll[:2]
	case bracket:
		return sqlModesBrackets
	}
	return sqlModesAll[:1]
}

var (
	sqlModesAll      = []sqlLexMode{sqlDollar, 0, sqlBrackets}
	sqlModesBrackets = []sqlLexMode{sqlDollar, sqlBrackets}
)

// sqlKind is the kind of a token.
type sqlKind uint8

const (
	sqlWord   sqlKind = iota + 1 // unquoted name or keyword
	sqlQuoted                    // "name", `name`, [name]
	sqlString                    // '...', E'...', N'...', X'...', B'...', U&'...', $tag$...$tag$
	sqlNumber                    // 12, 1.5e3, .5, 0x1F
	sqlParam                     // $1, ?, ?1, :name
	sqlAtName                    // @name
	sqlSysVar                    // @@name
	sqlOp                        // operator
	sqlPunct                     // ( ) [ ] , ; . : { }
)

// sqlToken is one token: its kind, its text q[off:end] and, for words that
// are keywords this file cares about, the keyword's index in sqlKeywordList
// (0: none). It is kept small: texts are scanned in bulk.
type sqlToken struct {
	kind     sqlKind
	kw       uint8
	off, end int32
}

// word returns the keyword of t in lower case, or "".
func (t sqlToken) word() string { return sqlKeywordList[t.kw] }

// sqlLex splits q into tokens, dropping whitespace and comments. It returns
// a reason when q cannot be tokenized the same way by every dialect, and
// fatal when the reason is one that makes the server of this reading fail
// too (an unterminated quote or comment).
func sqlLex(q string, mode sqlLexMode, toks []sqlToken) ([]sqlToken, string, bool) {
	if strings.IndexByte(q, 0) >= 0 {
		return toks, "has a NUL byte", false
	}
	if !utf8.ValidString(q) {
		return toks, "is not valid UTF-8", false
	}
	var buf [sqlMaxKeyword]byte
	i := 0
	for i < len(q) {
		c := q[i]
		start := i
		kind := sqlKind(0)
		switch {
		case sqlSpace(c):
			i++
			continue
		case c == '-' && sqlAt(q, i+1) == '-':
			if i+2 < len(q) && !sqlSpace(q[i+2]) {
				return toks, fmt.Sprintf("has %s, which MySQL does not read as a comment (-- needs a space after it)", sqlExcerpt(q[i:], 8)), false
			}
			for i < len(q) && q[i] != '\n' {
				if q[i] == '\r' && sqlAt(q, i+1) != '\n' {
					return toks, "has a carriage return ending a -- comment, which MySQL does not end there", false
				}
				if q[i] >= utf8.RuneSelf {
					r, n := utf8.DecodeRuneInString(q[i:])
					if r == 0x85 || r == 0x2028 || r == 0x2029 {
						return toks, fmt.Sprintf("has %U in a -- comment, which some servers read as a line end", r), false
					}
					i += n
					continue
				}
				i++
			}
			continue
		case c == '/' && sqlAt(q, i+1) == '*':
			if sqlAt(q, i+2) == '!' || strings.HasPrefix(q[i+2:], "M!") {
				return toks, fmt.Sprintf("has %s, a comment MySQL executes", sqlExcerpt(q[i:], 12)), false
			}
			end := strings.Index(q[i+2:], "*/")
			if end < 0 {
				return toks, fmt.Sprintf("has an unterminated comment (%s)", sqlExcerpt(q[i:], 12)), true
			}
			// Including the terminator's '*' catches "/*/" as a nested opener.
			if strings.Contains(q[i+2:i+2+end+1], "/*") {
				return toks, "has /* inside a comment, which PostgreSQL nests and MySQL does not", false
			}
			i += 2 + end + 2
			continue
		case c == '#':
			return toks, "has # outside quotes, which MySQL reads as a comment", false
		case c == '\\':
			return toks, `has \ outside quotes`, false
		case c == '\'':
			end, r, fatal := sqlScanQuoted(q, i, '\'')
			if r != "" {
				return toks, r, fatal
			}
			i, kind = end, sqlString
		case c == '"' || c == '`':
			end, r, fatal := sqlScanQuoted(q, i, c)
			if r != "" {
				return toks, r, fatal
			}
			i, kind = end, sqlQuoted
		case c == '[' && mode&sqlBrackets != 0:
			end := i + 1
			for {
				k := strings.IndexByte(q[end:], ']')
				if k < 0 {
					return toks, fmt.Sprintf("has an unterminated quoted name (%s)", sqlExcerpt(q[i:], 12)), true
				}
				end += k + 1
				if sqlAt(q, end) != ']' {
					break
				}
				end++
			}
			i, kind = end, sqlQuoted
		case c == '$' && mode&sqlDollar != 0:
			if sqlDigit(sqlAt(q, i+1)) {
				i++
				for i < len(q) && sqlDigit(q[i]) {
					i++
				}
				if i < len(q) && sqlNameByte(q, i) {
					return toks, fmt.Sprintf("has %s, which servers split differently", sqlExcerpt(q[start:], 12)), false
				}
				kind = sqlParam
				break
			}
			j := i + 1
			for j < len(q) && (sqlLetter(q[j]) || q[j] >= utf8.RuneSelf || j > i+1 && sqlDigit(q[j])) {
				j++
			}
			if sqlAt(q, j) != '$' {
				return toks, "has $ outside quotes", true
			}
			tag := q[i : j+1]
			k := strings.Index(q[j+1:], tag)
			if k < 0 {
				return toks, fmt.Sprintf("has an unterminated %s string", tag), true
			}
			i, kind = j+1+k+len(tag), sqlString
		case sqlDigit(c) || c == '.' && sqlDigit(sqlAt(q, i+1)):
			i = sqlScanNumber(q, i)
			if i < len(q) && sqlNameByte(q, i) {
				return toks, fmt.Sprintf("has %s, which servers split differently", sqlExcerpt(q[start:], 12)), false
			}
			kind = sqlNumber
		case c == '@':
			switch {
			case sqlAt(q, i+1) == '@' && sqlNameStart(q, i+2, mode):
				i = sqlScanName(q, i+2)
				kind = sqlSysVar
			case sqlNameStart(q, i+1, mode) || sqlDigit(sqlAt(q, i+1)):
				i = sqlScanName(q, i+1)
				kind = sqlAtName
			default:
				i, kind = sqlScanOp(q, i), sqlOp
			}
		case c == '?':
			if n := sqlAt(q, i+1); n == '|' || n == '&' {
				i, kind = i+2, sqlOp
				break
			}
			i++
			for i < len(q) && sqlDigit(q[i]) {
				i++
			}
			kind = sqlParam
		case c == ':':
			switch n := sqlAt(q, i+1); {
			case n == ':' || n == '=':
				i, kind = i+2, sqlOp
			case sqlNameStart(q, i+1, mode):
				i, kind = sqlScanName(q, i+1), sqlParam
			default:
				i, kind = i+1, sqlPunct
			}
		case strings.IndexByte("(),;.[]{}", c) >= 0:
			i, kind = i+1, sqlPunct
		case sqlOpByte(c):
			i, kind = sqlScanOp(q, i), sqlOp
		case sqlNameStart(q, i, mode):
			// E'...', N'...', X'...', B'...' and U&'...' are strings.
			if sqlAt(q, i+1) == '\'' && strings.IndexByte("eEnNxXbB", c) >= 0 {
				end, r, fatal := sqlScanQuoted(q, i+1, '\'')
				if r != "" {
					return toks, r, fatal
				}
				i, kind = end, sqlString
				break
			}
			if (c == 'u' || c == 'U') && sqlAt(q, i+1) == '&' && (sqlAt(q, i+2) == '\'' || sqlAt(q, i+2) == '"') {
				end, r, fatal := sqlScanQuoted(q, i+2, q[i+2])
				if r != "" {
					return toks, r, fatal
				}
				i = end
				if q[start+2] == '"' {
					kind = sqlQuoted
				} else {
					kind = sqlString
				}
				break
			}
			i, kind = sqlScanName(q, i), sqlWord
		case c >= utf8.RuneSelf:
			r, _ := utf8.DecodeRuneInString(q[i:])
			return toks, fmt.Sprintf("has %U outside quotes, which servers do not all read as space or as part of a name", r), false
		default:
			return toks, fmt.Sprintf("has the control character %U outside quotes", rune(c)), false
		}
		t := sqlToken{kind: kind, off: int32(start), end: int32(i)}
		if kind == sqlWord {
			if b, ok := sqlFold(buf[:], q[start:i]); ok {
				t.kw = sqlKeywords[string(b)]
			}
		}
		toks = append(toks, t)
	}
	if len(toks) == 0 {
		return toks, "is empty", false
	}
	return toks, "", false
}

// sqlScanQuoted returns the end of the quoted text starting at q[i] (the
// quote), where a doubled quote stands for itself. A backslash before a
// quote is rejected: MySQL (and PostgreSQL's escape strings, E'...') read it as an
// escape, the others as a backslash, so the text would end in different
// places.
func sqlScanQuoted(q string, i int, quote byte) (int, string, bool) {
	j := i + 1
	for {
		k := strings.IndexByte(q[j:], quote)
		if k < 0 {
			what := "string"
			if quote != '\'' {
				what = "quoted name"
			}
			return 0, fmt.Sprintf("has an unterminated %s (%s)", what, sqlExcerpt(q[i:], 12)), true
		}
		k += j
		if quote != '`' && q[k-1] == '\\' {
			return 0, fmt.Sprintf("has a backslash before a quote in %s, which servers read differently", sqlExcerpt(q[i:k+1], 32)), false
		}
		if sqlAt(q, k+1) != quote {
			return k + 1, "", false
		}
		j = k + 2
	}
}

// sqlScanNumber returns the end of the number starting at q[i].
func sqlScanNumber(q string, i int) int {
	if q[i] == '0' && strings.IndexByte("xXbBoO", sqlAt(q, i+1)) >= 0 && sqlHex(sqlAt(q, i+2)) {
		i += 2
		for i < len(q) && (sqlHex(q[i]) || q[i] == '_') {
			i++
		}
		return i
	}
	for i < len(q) && (sqlDigit(q[i]) || q[i] == '_') {
		i++
	}
	if sqlAt(q, i) == '.' {
		i++
		for i < len(q) && (sqlDigit(q[i]) || q[i] == '_') {
			i++
		}
	}
	if e := sqlAt(q, i); e == 'e' || e == 'E' {
		j := i + 1
		if s := sqlAt(q, j); s == '+' || s == '-' {
			j++
		}
		if sqlDigit(sqlAt(q, j)) {
			for j < len(q) && sqlDigit(q[j]) {
				j++
			}
			i = j
		}
	}
	return i
}

// sqlScanOp returns the end of the operator starting at q[i]. Like
// PostgreSQL it stops before "--" and "/*" and drops trailing + and - from
// a run that has none of ~!@#%^&|`?; it also stops before "?" and "@",
// which other servers read as a placeholder and a variable. (So <@ is read
// as < and @: both are allowed, as is <@; and where the split depends on
// nothing after the "@", adding a space after it changes no token.)
func sqlScanOp(q string, i int) int {
	j := i
	for j < len(q) && sqlOpByte(q[j]) {
		if j > i {
			if n := sqlAt(q, j+1); q[j] == '-' && n == '-' || q[j] == '/' && n == '*' || q[j] == '?' || q[j] == '@' {
				break
			}
		}
		j++
	}
	if j-i > 1 && !strings.ContainsAny(q[i:j], "~!@#%^&|`?") {
		for j-i > 1 && (q[j-1] == '+' || q[j-1] == '-') {
			j--
		}
	}
	return j
}

// sqlScanName returns the end of the name starting at q[i].
func sqlScanName(q string, i int) int {
	for i < len(q) {
		if q[i] < utf8.RuneSelf {
			if !sqlLetter(q[i]) && !sqlDigit(q[i]) && q[i] != '$' {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(q[i:])
		if !sqlRuneInName(r) {
			return i
		}
		i += n
	}
	return i
}

// sqlNameStart reports whether a name starts at q[i].
func sqlNameStart(q string, i int, mode sqlLexMode) bool {
	c := sqlAt(q, i)
	switch {
	case sqlLetter(c):
		return true
	case c == '$':
		return mode&sqlDollar == 0
	case c >= utf8.RuneSelf:
		r, _ := utf8.DecodeRuneInString(q[i:])
		return sqlRuneInName(r)
	}
	return false
}

// sqlNameByte reports whether q[i] continues a name.
func sqlNameByte(q string, i int) bool {
	c := q[i]
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(q[i:])
		return sqlRuneInName(r)
	}
	return sqlLetter(c) || sqlDigit(c) || c == '$'
}

// sqlRuneInName reports whether a non-ASCII rune is part of a name. Every
// server reads letters, digits and marks as name characters; other
// characters (spaces such as U+00A0, format characters) are read as space,
// as part of a name or as an error depending on the server, so the lexer
// rejects them.
func sqlRuneInName(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

func sqlAt(q string, i int) byte {
	if i < len(q) {
		return q[i]
	}
	return 0
}

func sqlSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func sqlLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }
func sqlDigit(c byte) bool  { return '0' <= c && c <= '9' }
func sqlHex(c byte) bool    { return sqlDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

func sqlOpByte(c byte) bool { return strings.IndexByte("+-*/<>=~!@%^&|?", c) >= 0 && c != 0 }

// sqlMaxKeyword bounds the names looked up in the keyword and function
// tables; longer names are in neither.
const sqlMaxKeyword = 40

// sqlFold lower-cases the ASCII letters of s into buf. Only ASCII is folded,
// as servers do for keywords: Unicode folding would map look-alikes such as
// "ſum" onto allow-listed names.
func sqlFold(buf []byte, s string) ([]byte, bool) {
	if len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// sqlLowerASCII lower-cases the ASCII letters of s.
func sqlLowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// sqlExcerpt returns at most n bytes of s on one line, for messages.
func sqlExcerpt(s string, n int) string {
	cut := len(s) > n
	if cut {
		n0 := n
		for n0 > 0 && !utf8.RuneStart(s[n0]) {
			n0--
		}
		s = s[:n0]
	}
	s = strings.Join(strings.Fields(s), " ")
	if cut {
		s += "…"
	}
	return s
}

// sqlKeywordList are the words the judgement looks at, in lower case;
// sqlKeywords maps each to its index. Index 0 is the empty string, for
// words that are not keywords.
var sqlKeywordList = append([]string{""}, strings.Fields(`
		select with recursive as not materialized from join inner left right full
		outer cross natural apply straight_join on using where group by having order
		limit offset fetch for union intersect except window into values lateral only
		tablesample lock in share mode update no key insert delete merge upsert replace
		truncate copy distinct all set next value xml json system_time ordinality
		qualify option returning table temp temporary unlogged strict global local
		outfile dumpfile top percent grouping sets rollup cube over filter within use
		force ignore index search cycle partition pivot unpivot low_priority quick
		high_priority delayed or to browse cascade begin commit rollback start savepoint
		release end conflict
		current_date current_time current_timestamp localtime localtimestamp sysdate
		systimestamp utc_date utc_time utc_timestamp current_user session_user user
		current_role current_schema current_catalog system_user current_path
		updlock xlock holdlock tablock tablockx paglock rowlock serializable
		repeatableread readcommittedlock nolock readuncommitted readcommitted readpast
		noexpand nowait forceseek forcescan path raw root
		and any array as between case collate else exists ilike is like row some
		then when similar rows uescape
	`)...)

var sqlKeywords = func() map[string]uint8 {
	if len(sqlKeywordList) > 256 {
		panic("infer: too many SQL keywords for a uint8 index")
	}
	m := map[string]uint8{}
	for i, w := range sqlKeywordList[1:] {
		m[w] = uint8(i + 1)
	}
	return m
}()

// sqlKwFlag classifies keywords; sqlKwFlags holds the flags of each entry
// of sqlKeywordList, so the walk tests a keyword with an index, not a hash.
type sqlKwFlag uint16

const (
	// sqlKwClock and sqlKwSession: SQL-value functions written without
	// parentheses, which read the clock or the session.
	sqlKwClock sqlKwFlag = 1 << iota
	sqlKwSession
	// sqlKwWrite starts a statement that writes; sqlKwDML also writes
	// anywhere inside a statement (data-modifying WITH queries, MERGE
	// actions).
	sqlKwWrite
	sqlKwDML
	// sqlKwSyntaxParen takes a parenthesised list or subquery without being
	// a function call. Each is reserved in MySQL and, in PostgreSQL,
	// reserved or "cannot be function or type name" (pg_get_keywords catcode
	// R or C), so no unquoted function can carry the name. Keywords that can
	// name functions (LIKE, JOIN, BY, OVER, ...) are syntax only in the
	// contexts callOrParen checks.
	sqlKwSyntaxParen
	// sqlKwRefStop ends a table reference instead of naming its alias.
	sqlKwRefStop
	// sqlKwLockHint: SQL Server table hints that take or hold locks;
	// sqlKwReadHint: the hints known to only read.
	sqlKwLockHint
	sqlKwReadHint
)

var sqlKwFlags = func() (flags [256]sqlKwFlag) {
	set := func(fl sqlKwFlag, words string) {
		for _, w := range strings.Fields(words) {
			id, ok := sqlKeywords[w]
			if !ok {
				panic("infer: " + w + " is not in sqlKeywordList")
			}
			flags[id] |= fl
		}
	}
	set(sqlKwClock, `current_date current_time current_timestamp localtime localtimestamp sysdate
		systimestamp utc_date utc_time utc_timestamp`)
	set(sqlKwSession, `current_user session_user user current_role current_schema current_catalog
		system_user current_path`)
	set(sqlKwWrite, `insert update delete merge upsert replace truncate copy`)
	set(sqlKwDML, `insert update delete merge upsert`)
	set(sqlKwSyntaxParen, `all and any array as between case distinct else except exists from
		group having in intersect lateral limit not offset on only or row select some then union
		using values when where returning`)
	set(sqlKwRefStop, `where group having order limit offset fetch for union intersect except
		window into on using join inner left right full outer cross natural apply straight_join
		set values select returning with tablesample lock use force ignore partition option pivot
		unpivot as qualify ordinality cascade when`)
	set(sqlKwLockHint, `updlock xlock holdlock tablock tablockx paglock rowlock serializable
		repeatableread readcommittedlock`)
	set(sqlKwReadHint, `nolock readuncommitted readcommitted readpast noexpand nowait index
		forceseek forcescan`)
	return flags
}()

// flag returns the keyword flags of token i; none for a name part after ".".
func (w *sqlWalker) flag(i int) sqlKwFlag {
	if i < 0 || i >= len(w.toks) || w.toks[i].kind != sqlWord || w.punct(i-1, '.') {
		return 0
	}
	return sqlKwFlags[w.toks[i].kw]
}

// valueWord returns why the SQL-value function at i cannot run early, or "".
func (w *sqlWalker) valueWord(i int) string {
	switch fl := w.flag(i); {
	case fl&sqlKwClock != 0:
		return "differs per call"
	case fl&sqlKwSession != 0:
		return "depends on the session"
	}
	return ""
}

// sqlOps are the operators known to be built in and free of side effects.
var sqlOps = func() map[string]bool {
	m := map[string]bool{}
	for _, op := range strings.Fields(`
		+ - * / % ^ = == <> != < > <= >= <=> || && | & ~ << >> ! :: =>
		~* !~ !~* ~~ ~~* !~~ !~~* @> <@ -> ->> ? ?| ?& @? @@ @ |/ ||/ <->
	`) {
		m[op] = true
	}
	return m
}()

// sqlFuncClass says what a known function does.
type sqlFuncClass uint8

const (
	// sqlFuncPure: deterministic given its arguments and the session
	// settings, no side effects.
	sqlFuncPure sqlFuncClass = iota + 1
	// sqlFuncClock reads the clock, a random source or a transaction id.
	sqlFuncClock
	// sqlFuncSession reads session or connection state.
	sqlFuncSession
	// sqlFuncSequence reads or advances a sequence or the last insert id;
	// it writes no table.
	sqlFuncSequence
)

// sqlFunc is an entry of the function table.
type sqlFunc struct {
	name  string
	class sqlFuncClass
	// minArgs is the argument count below which the function reads the
	// clock (SQLite's date() is date('now'); PostgreSQL's age(t) is
	// age(current_date, t)).
	minArgs int
}

// sqlFuncs is the allow-list, plus the functions known to differ per call
// (for clearer messages). The pure entries are PostgreSQL, MySQL, SQLite and
// SQL Server built-ins that compute from their arguments only (PostgreSQL
// IMMUTABLE, or STABLE only through session settings such as TimeZone), and
// type names, which are casts when called. The PostgreSQL entries are
// checked against pg_proc by TestSQLFuncsAgainstPostgres.
var sqlFuncs = func() map[string]sqlFunc {
	m := map[string]sqlFunc{}
	add := func(class sqlFuncClass, names string) {
		for _, n := range strings.Fields(names) {
			min := 0
			if k := strings.IndexByte(n, '/'); k >= 0 {
				min = int(n[k+1] - '0')
				n = n[:k]
			}
			if _, dup := m[n]; dup {
				panic("infer: sqlFuncs lists " + n + " twice")
			}
			m[n] = sqlFunc{name: n, class: class, minArgs: min}
		}
	}
	// Aggregates and window functions.
	add(sqlFuncPure, `count sum avg min max bool_and bool_or every string_agg array_agg json_agg
		jsonb_agg json_object_agg jsonb_object_agg group_concat listagg stddev stddev_pop
		stddev_samp variance var_pop var_samp corr covar_pop covar_samp regr_avgx regr_avgy
		regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy regr_syy
		percentile_cont percentile_disc mode bit_and bit_or bit_xor count_big json_arrayagg
		json_objectagg any_value grouping total
		row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value
		last_value nth_value`)
	// Conditionals and comparisons.
	add(sqlFuncPure, `coalesce nullif greatest least ifnull isnull iif if nvl choose
		num_nonnulls num_nulls overlaps`)
	// Strings.
	add(sqlFuncPure, `lower upper initcap length char_length character_length octet_length
		bit_length len datalength substr substring mid trim ltrim rtrim btrim replace translate
		concat concat_ws left right lpad rpad position strpos instr locate charindex patindex
		split_part regexp_replace regexp_match regexp_matches regexp_like regexp_substr
		regexp_count regexp_instr regexp_split_to_array regexp_split_to_table reverse repeat
		replicate space ascii chr unicode md5 sha1 sha2 sha224 sha256 sha384 sha512 crc32
		encode decode to_hex hex unhex quote_ident quote_literal quote_nullable format
		starts_with string_to_array array_to_string lcase ucase field elt find_in_set soundex
		difference stuff quotename overlay normalize printf quote typeof string_split`)
	// Numbers.
	add(sqlFuncPure, `abs ceil ceiling floor round trunc truncate mod power pow sqrt cbrt exp ln
		log log10 log2 sign pi degrees radians sin cos tan asin acos atan atan2 cot sinh cosh
		tanh div gcd lcm width_bucket scale factorial square`)
	// Arrays and set-returning helpers.
	add(sqlFuncPure, `array_length cardinality array_upper array_lower array_position
		array_positions array_append array_prepend array_cat array_remove array_replace
		array_dims array_ndims unnest generate_series generate_subscripts`)
	// JSON.
	add(sqlFuncPure, `json_extract_path json_extract_path_text jsonb_extract_path
		jsonb_extract_path_text json_build_object jsonb_build_object json_build_array
		jsonb_build_array to_json to_jsonb row_to_json array_to_json json_array_length
		jsonb_array_length json_array_elements jsonb_array_elements json_array_elements_text
		jsonb_array_elements_text json_each jsonb_each json_each_text jsonb_each_text
		json_object_keys jsonb_object_keys json_typeof jsonb_typeof jsonb_set jsonb_insert
		jsonb_strip_nulls json_strip_nulls jsonb_pretty jsonb_path_query
		jsonb_path_query_array jsonb_path_query_first jsonb_path_exists jsonb_path_match
		json_object json_array json_extract json_unquote json_contains json_contains_path
		json_length json_keys json_value json_query json_quote json_valid isjson openjson`)
	// Full-text search.
	add(sqlFuncPure, `to_tsvector to_tsquery plainto_tsquery phraseto_tsquery
		websearch_to_tsquery ts_rank ts_rank_cd ts_headline setweight match against`)
	// Casts, and type names, which are casts when called (numeric(10,2) in
	// a cast, CONVERT(DECIMAL(10,2), x), TOP (n) in SQL Server).
	add(sqlFuncPure, `cast try_cast convert try_convert char varchar nchar nvarchar character
		varying numeric decimal dec float bit varbit binary varbinary datetime2
		datetimeoffset interval text int2 int4 int8 float4 float8 top`)
	// Date and time arithmetic on explicit arguments. The /n suffix is the
	// argument count below which the function reads the clock instead.
	add(sqlFuncPure, `date_trunc/2 date_part/2 extract to_char/2 to_date/2 to_number/2
		to_timestamp/1 make_date make_time make_timestamp make_timestamptz make_interval
		justify_days justify_hours justify_interval isfinite date_bin/3 age/2 timezone/2
		date_add/2 date_sub/2 adddate/2 subdate/2 addtime/2 subtime/2 datediff/2 timediff/2
		timestampdiff/3 timestampadd/3 date_format/2 time_format/2 str_to_date/2
		from_unixtime/1 unix_timestamp/1 convert_tz/3 year/1 month/1 day/1 dayofmonth/1
		dayofweek/1 dayofyear/1 dayname/1 monthname/1 weekday/1 week/1 weekofyear/1
		yearweek/1 hour/1 minute/1 second/1 microsecond/1 quarter/1 last_day/1 to_days/1
		from_days/1 makedate/2 maketime/3 sec_to_time/1 time_to_sec/1 period_add/2
		period_diff/2 dateadd/3 datepart/2 datename/2 eomonth/1 datefromparts/3 date/1
		time/1 datetime/1 timestamp/1 julianday/1 strftime/2 unixepoch/1`)

	add(sqlFuncClock, `now clock_timestamp statement_timestamp transaction_timestamp
		timeofday current_timestamp current_date current_time localtime localtimestamp
		sysdate systimestamp getdate getutcdate sysdatetime sysutcdatetime
		sysdatetimeoffset curdate curtime utc_date utc_time utc_timestamp random rand
		random_bytes randomblob newid newsequentialid uuid uuid_short gen_random_uuid
		gen_random_bytes uuid_generate_v1 uuid_generate_v1mc uuid_generate_v4 uuidv4 uuidv7
		txid_current txid_current_if_assigned pg_current_xact_id
		pg_current_xact_id_if_assigned`)
	add(sqlFuncSession, `current_user session_user user current_role current_schema
		current_schemas current_catalog current_database system_user database schema
		connection_id pg_backend_pid current_setting inet_client_addr inet_client_port
		inet_server_addr inet_server_port suser_sname suser_name user_name db_name host_name
		app_name session_context context_info found_rows row_count changes total_changes`)
	add(sqlFuncSequence, `nextval currval lastval setval last_insert_id last_insert_rowid
		scope_identity ident_current`)
	return m
}()

// sqlFrameKind is what a parenthesised region is.
type sqlFrameKind uint8

const (
	sqlFrameQuery sqlFrameKind = iota // a statement or subquery
	sqlFrameParen                     // an expression group or list
	sqlFrameCall                      // the arguments of a known function
	sqlFrameHint                      // a table hint list: WITH (NOLOCK)
	sqlFrameSub                       // a subscript or ARRAY[...]
)

// sqlClause is where a query frame is in its statement.
type sqlClause uint8

const (
	sqlClauseStart      sqlClause = iota // before the first token
	sqlClauseExpr                        // select list, WHERE, ORDER BY, ...
	sqlClauseGroupBy                     // GROUP BY items
	sqlClauseRef                         // a table reference is due (FROM, JOIN, ",")
	sqlClauseAfterRef                    // just after a table reference: an alias may follow
	sqlClauseAfterAlias                  // after the alias
	sqlClauseCond                        // a join condition
	sqlClauseTarget                      // an INTO / INSERT / MERGE target is due
	sqlClauseCTEName                     // a WITH query name is due
	sqlClauseCTEAs                       // AS is due
	sqlClauseCTEBody                     // the WITH query's "(" is due
	sqlClauseCTEAfter                    // after a WITH query: "," or the main statement
)

// sqlFrame is one open parenthesis (or the statement itself).
type sqlFrame struct {
	kind       sqlFrameKind
	clause     sqlClause
	top        bool // the statement itself
	cteBody    bool // a WITH query
	maybeQuery bool // a paren whose first token decides whether it is a subquery
	fromGroup  bool // ... or, in FROM, a parenthesised join: (a JOIN b ON ...)
	writeRefs  bool // UPDATE, DELETE, TRUNCATE: the table references are written
	asAlias    bool // AS seen after a table reference
	forXML     bool // FOR XML / FOR JSON seen: PATH(...) and ROOT(...) are syntax
	lockWords  bool // an alias list, where SQL Server also takes old-style hints
	grouping   bool // GROUPING SETS / ROLLUP / CUBE list
	nonEmpty   bool
	commas     int
	nameTok    int // call frames: the function name token
	fn         sqlFunc
}

// sqlScanResult is what one reading of a text yields.
type sqlScanResult struct {
	reason    string
	lexFailed bool
	// invalid: every server fails this reading of the text before running
	// any of it (unbalanced parentheses or brackets in a single
	// statement), so the reading neither accepts nor rejects.
	invalid       bool
	reads, writes []string
	unknownWrites bool
	// txControl is the first transaction-control statement (BEGIN,
	// START TRANSACTION, COMMIT, ...) as written, "" when there is none:
	// it writes no table but leaves the connection in or out of a
	// transaction.
	txControl string
}

// sqlTokenBuf is how many tokens fit in the buffer JudgeQuery and
// WrittenTables keep on the stack; longer texts grow it on the heap.
const sqlTokenBuf = 128

// sqlScan tokenizes q in one mode into toks and walks it.
func sqlScan(q string, mode sqlLexMode, nargs int, toks []sqlToken) sqlScanResult {
	toks, reason, fatal := sqlLex(q, mode, toks)
	if reason != "" {
		// MySQL runs the statements before a broken one; other servers
		// parse the whole text first.
		semi := false
		for i := range toks {
			semi = semi || toks[i].kind == sqlPunct && q[toks[i].off] == ';'
		}
		return sqlScanResult{reason: reason, lexFailed: true, invalid: fatal && !semi}
	}
	w := sqlWalker{q: q, toks: toks, nargs: nargs, qmark: strings.IndexByte(q, '?') >= 0}
	w.run()
	if w.res.invalid && w.statements() > 1 {
		// A server that runs statements one by one (MySQL) runs those
		// before the broken one: the reading counts.
		w.res.invalid = false
	}
	return w.res
}

// sqlWalker walks the tokens of one text, keeping a stack of open
// parentheses, records the first reason the text is not a read-only SELECT
// and collects the tables read and written.
type sqlWalker struct {
	q     string
	toks  []sqlToken
	nargs int
	qmark bool
	stack []sqlFrame
	res   sqlScanResult
	fold  [sqlMaxKeyword]byte
}

func (w *sqlWalker) reject(format string, args ...any) {
	if w.res.reason == "" {
		w.res.reason = fmt.Sprintf(format, args...)
	}
}

func (w *sqlWalker) text(i int) string { return w.q[w.toks[i].off:w.toks[i].end] }

func (w *sqlWalker) punct(i int, c byte) bool {
	return i >= 0 && i < len(w.toks) && w.toks[i].kind == sqlPunct && w.q[w.toks[i].off] == c
}

// kw returns the keyword of token i, or "" when it is not a keyword, is
// quoted or follows a "." (a name part, whatever it spells).
func (w *sqlWalker) kw(i int) string {
	if i < 0 || i >= len(w.toks) || w.toks[i].kind != sqlWord || w.punct(i-1, '.') {
		return ""
	}
	return w.toks[i].word()
}

func (w *sqlWalker) isName(i int) bool {
	return i >= 0 && i < len(w.toks) && (w.toks[i].kind == sqlWord || w.toks[i].kind == sqlQuoted)
}

func (w *sqlWalker) top() *sqlFrame { return &w.stack[len(w.stack)-1] }

func (w *sqlWalker) push(f sqlFrame) { w.stack = append(w.stack, f) }

func (w *sqlWalker) run() {
	if n := w.statements(); n > 1 {
		w.reject("has %d statements", n)
	}
	var frames [8]sqlFrame
	w.stack = append(frames[:0], sqlFrame{kind: sqlFrameQuery, top: true})
	for i := 0; i < len(w.toks); i++ {
		i = w.step(i)
	}
	if len(w.stack) > 1 {
		w.reject("has an unclosed (")
		w.res.invalid = true
	}
}

// statements counts the non-empty statements.
func (w *sqlWalker) statements() int {
	n, empty := 0, true
	for i := range w.toks {
		if w.punct(i, ';') {
			empty = true
			continue
		}
		if empty {
			n++
			empty = false
		}
	}
	return n
}

// step handles token i and returns the index of the last token it used.
func (w *sqlWalker) step(i int) int {
	t := w.toks[i]
	f := w.top()
	switch {
	case w.punct(i, ')'):
		return w.close(i)
	case w.punct(i, ';'):
		return w.punctuation(i)
	}
	f.nonEmpty = true
	if f.maybeQuery {
		f.maybeQuery = false
		if k := w.kw(i); k == "select" || k == "with" || k == "values" || k == "table" || w.flag(i)&sqlKwWrite != 0 {
			f.kind, f.clause = sqlFrameQuery, sqlClauseStart
		} else if f.fromGroup {
			f.kind, f.clause = sqlFrameQuery, sqlClauseRef
		}
	}
	if f.kind == sqlFrameQuery {
		switch f.clause {
		case sqlClauseStart:
			return w.start(i, f)
		case sqlClauseCTEName, sqlClauseCTEAs, sqlClauseCTEBody, sqlClauseCTEAfter:
			return w.cte(i, f)
		case sqlClauseTarget:
			return w.target(i, f)
		}
	}
	switch t.kind {
	case sqlPunct:
		return w.punctuation(i)
	case sqlOp:
		op := w.text(i)
		if !sqlOps[op] {
			w.reject("uses the operator %s, which is not a known built-in operator", op)
		}
		if op == "::" {
			w.castTo(i)
		}
	case sqlString:
		if i == 0 || w.toks[i-1].kind != sqlString {
			w.clockStrings(i)
		}
	case sqlQuoted:
		if w.punct(i+1, '(') {
			return w.callOrParen(i)
		}
		if w.q[t.off] == '"' && sqlClockWord(sqlLiteralValue(w.text(i))) {
			// SQLite reads an unknown "name" as a string.
			w.reject("has %s, which reads the clock when used as a date or time", sqlExcerpt(w.text(i), 32))
		}
		return w.name(i, f)
	case sqlWord:
		return w.word(i, f)
	case sqlAtName:
		if w.nargs < 1 || w.qmark {
			w.reject("uses %s, which MySQL reads as a session variable", w.text(i))
		}
	case sqlSysVar:
		w.reject("uses %s, which depends on the session", w.text(i))
	}
	return i
}

// start handles the first token of a statement or subquery.
func (w *sqlWalker) start(i int, f *sqlFrame) int {
	k := w.kw(i)
	f.clause = sqlClauseExpr
	switch {
	case w.punct(i, '('):
		return w.punctuation(i)
	case k == "select":
		return i
	case k == "with":
		f.clause = sqlClauseCTEName
		return i
	case k == "values" || k == "table":
		if f.top {
			w.reject("is %s, not a SELECT", w.text(i))
		}
		if k == "table" {
			f.clause = sqlClauseRef
		}
		return i
	case w.flag(i)&sqlKwWrite != 0:
		switch {
		case f.top:
			w.reject("is %s, which writes", w.text(i))
		case f.cteBody:
			w.reject("has %s inside WITH, which writes", w.text(i))
		default:
			w.reject("has %s, which writes", w.text(i))
		}
		return w.writeStmt(i, f)
	}
	if f.cteBody {
		w.reject("has %s inside WITH, not a SELECT", w.text(i))
	} else {
		w.reject("is %s, not a SELECT", sqlExcerpt(w.text(i), 24))
	}
	switch k {
	case "begin", "commit", "rollback", "start", "savepoint", "release", "end":
		// Transaction control writes no table.
		if w.res.txControl == "" {
			w.res.txControl = w.text(i)
		}
	default:
		w.res.unknownWrites = true
	}
	return i
}

// writeStmt sets up the walk of a data-modifying statement starting at i.
func (w *sqlWalker) writeStmt(i int, f *sqlFrame) int {
	switch w.kw(i) {
	case "insert", "upsert", "replace", "merge":
		f.clause = sqlClauseTarget
	case "update", "delete", "truncate":
		f.writeRefs = true
		f.clause = sqlClauseRef
		for j := i + 1; w.kw(i) == "truncate" && j < len(w.toks) && !w.punct(j, ';'); j++ {
			if w.kw(j) == "cascade" {
				w.res.unknownWrites = true // TRUNCATE ... CASCADE empties referencing tables
			}
		}
	case "copy":
		// COPY t [(cols)] FROM writes t; COPY t TO and COPY (query) TO read.
		f.clause = sqlClauseExpr
		if !w.isName(i + 1) {
			return i
		}
		j := w.dotted(i + 1)
		k := j + 1
		if w.punct(k, '(') {
			for depth := 0; k < len(w.toks); k++ {
				if w.punct(k, '(') {
					depth++
				} else if w.punct(k, ')') {
					if depth--; depth == 0 {
						break
					}
				}
			}
			k++
		}
		switch w.kw(k) {
		case "from":
			w.record(i+1, j, true)
		case "to":
			w.record(i+1, j, false)
		default:
			w.res.unknownWrites = true
		}
		return j
	}
	return i
}

// target handles the tokens where an INSERT, MERGE or INTO target is due.
func (w *sqlWalker) target(i int, f *sqlFrame) int {
	switch k := w.kw(i); k {
	case "into", "ignore", "low_priority", "delayed", "high_priority", "temp", "temporary",
		"unlogged", "table", "strict", "global", "local", "percent":
		return i
	case "or": // SQLite: INSERT OR REPLACE
		return i + 1
	case "top":
		if w.punct(i+1, '(') {
			w.push(sqlFrame{kind: sqlFrameParen})
			return i + 1
		}
		return i
	case "outfile", "dumpfile":
		f.clause = sqlClauseExpr
		return i
	}
	if w.isName(i) {
		j := w.dotted(i)
		if w.punct(j+1, '(') { // INSERT INTO t(a, b)
			w.record(i, j, true)
			f.clause = sqlClauseAfterAlias
			w.push(sqlFrame{kind: sqlFrameParen})
			return j + 1
		}
		w.record(i, j, true)
		f.clause = sqlClauseAfterRef
		return j
	}
	if w.toks[i].kind != sqlAtName { // INTO @var writes a variable, not a table
		w.res.unknownWrites = true
	}
	f.clause = sqlClauseExpr
	return w.step(i)
}

// cte handles the tokens of a WITH list.
func (w *sqlWalker) cte(i int, f *sqlFrame) int {
	k := w.kw(i)
	switch f.clause {
	case sqlClauseCTEName:
		if k == "recursive" {
			return i
		}
		if w.isName(i) {
			f.clause = sqlClauseCTEAs
			if w.punct(i+1, '(') {
				w.push(sqlFrame{kind: sqlFrameParen})
				return i + 1
			}
			return i
		}
	case sqlClauseCTEAs:
		if k == "as" {
			f.clause = sqlClauseCTEBody
			return i
		}
	case sqlClauseCTEBody:
		if k == "not" || k == "materialized" {
			return i
		}
		if w.punct(i, '(') {
			f.clause = sqlClauseCTEAfter
			w.push(sqlFrame{kind: sqlFrameQuery, cteBody: true})
			return i
		}
	case sqlClauseCTEAfter:
		switch {
		case w.punct(i, ','):
			f.clause = sqlClauseCTEName
			return i
		case k == "select":
			f.clause = sqlClauseExpr
			return i
		case w.punct(i, '('):
			f.clause = sqlClauseExpr
			return w.punctuation(i)
		case w.flag(i)&sqlKwWrite != 0:
			w.reject("has %s after WITH, which writes", w.text(i))
			return w.writeStmt(i, f)
		case k == "search" || k == "cycle":
			w.reject("has %s after a WITH query, which is not supported", w.text(i))
			f.clause = sqlClauseExpr
			return i
		}
		w.reject("has %s after WITH, not a SELECT", sqlExcerpt(w.text(i), 24))
		w.res.unknownWrites = true
		f.clause = sqlClauseExpr
		return i
	}
	w.reject("has %s where WITH expects a query name, AS or (", sqlExcerpt(w.text(i), 24))
	w.res.unknownWrites = true
	f.clause = sqlClauseExpr
	return w.step(i)
}

// punctuation handles ( [ , ; and the punctuation that needs nothing.
func (w *sqlWalker) punctuation(i int) int {
	f := w.top()
	switch w.q[w.toks[i].off] {
	case '(':
		nf := sqlFrame{kind: sqlFrameParen, maybeQuery: true}
		if f.kind == sqlFrameQuery {
			switch f.clause {
			case sqlClauseRef:
				f.clause = sqlClauseAfterRef
				nf.fromGroup, nf.writeRefs = true, f.writeRefs
			case sqlClauseAfterRef, sqlClauseAfterAlias:
				nf.lockWords = true // FROM t x (NOLOCK)
			}
		}
		w.push(nf)
	case '[':
		if f.kind == sqlFrameQuery && f.clause == sqlClauseRef {
			f.clause = sqlClauseAfterRef
		}
		w.push(sqlFrame{kind: sqlFrameSub})
	case ']':
		if f.kind != sqlFrameSub {
			w.reject("has an unmatched ]")
			w.res.invalid = true
			return i
		}
		w.stack = w.stack[:len(w.stack)-1]
	case ',':
		switch {
		case f.kind == sqlFrameCall:
			f.commas++
		case f.kind == sqlFrameQuery && (f.clause == sqlClauseAfterRef || f.clause == sqlClauseAfterAlias || f.clause == sqlClauseCond):
			f.clause = sqlClauseRef
		}
	case ';':
		if len(w.stack) > 1 {
			w.reject("has ; inside parentheses")
			w.res.unknownWrites = true
			w.stack = w.stack[:1]
		}
		w.stack[0] = sqlFrame{kind: sqlFrameQuery, top: true}
	}
	return i
}

// close handles ")".
func (w *sqlWalker) close(i int) int {
	if len(w.stack) == 1 {
		w.reject("has an unmatched )")
		w.res.invalid = true
		return i
	}
	f := w.top()
	if f.kind == sqlFrameSub {
		w.reject("has ) where ] is due")
	}
	if f.kind == sqlFrameCall && f.fn.minArgs > 0 {
		n := f.commas
		if f.nonEmpty {
			n++
		}
		if n < f.fn.minArgs {
			s := "s"
			if n == 1 {
				s = ""
			}
			w.reject("calls %s with %d argument%s, which reads the clock", w.text(f.nameTok), n, s)
		}
	}
	w.stack = w.stack[:len(w.stack)-1]
	return i
}

// word handles an unquoted word.
func (w *sqlWalker) word(i int, f *sqlFrame) int {
	if w.punct(i+1, '(') {
		return w.callOrParen(i)
	}
	if w.punct(i-1, '.') {
		return i // a part of a qualified name, whatever it spells
	}
	k := w.toks[i].word()
	fl := sqlKwFlags[w.toks[i].kw]
	if f.kind == sqlFrameQuery && f.clause == sqlClauseRef {
		// Only a table reference is valid here, so even a keyword is read
		// as a name: missing a table read is the unsafe direction.
		return w.ref(i, f)
	}
	if f.kind == sqlFrameHint {
		w.hint(i)
		return i
	}
	if f.lockWords && fl&sqlKwLockHint != 0 {
		w.reject("locks rows (%s)", w.text(i))
		return i
	}
	if j, done := w.keyword(i, f); done {
		return j
	}
	if f.kind == sqlFrameQuery {
		w.clause(i, f, k)
	}
	return i
}

// keyword judges the keywords that reject wherever they are: INTO, locking
// clauses, TABLESAMPLE, NEXT VALUE FOR, DML words and SQL-value functions.
// It returns the last token used and whether the caller is done with it.
func (w *sqlWalker) keyword(i int, f *sqlFrame) (int, bool) {
	k := w.toks[i].word()
	switch k {
	case "into":
		w.reject("has %s, which writes", w.text(i))
		if f.kind == sqlFrameQuery {
			f.clause = sqlClauseTarget
		} else {
			w.res.unknownWrites = true
		}
		return i, true
	case "for":
		return w.forClause(i), true
	case "lock":
		if w.kw(i+1) == "in" {
			j := i + 1
			for j+1 < len(w.toks) && j < i+4 && w.kw(j) != "mode" {
				j++
			}
			w.reject("locks rows (%s)", w.words(i, j))
			return j, true
		}
	case "tablesample":
		w.reject("has %s, which samples rows at random", w.text(i))
		return i, true
	case "next":
		if w.kw(i+1) == "value" && w.kw(i+2) == "for" {
			w.reject("uses %s, which advances a sequence", w.words(i, i+2))
			return i + 2, true
		}
	}
	if w.flag(i)&sqlKwDML != 0 {
		w.reject("has %s, which writes", w.text(i))
		return i, true
	}
	if why := w.valueWord(i); why != "" && w.kw(i-1) != "as" {
		w.reject("uses %s, which %s", w.text(i), why)
	}
	return i, false
}

// words returns tokens i..j as written, one space apart.
func (w *sqlWalker) words(i, j int) string {
	var b strings.Builder
	for k := i; k <= j && k < len(w.toks); k++ {
		if k > i {
			b.WriteByte(' ')
		}
		b.WriteString(w.text(k))
	}
	return b.String()
}

// forClause judges FOR at i: a locking clause, FOR XML/JSON, FOR SYSTEM_TIME,
// FOR ORDINALITY, SUBSTRING(x FROM a FOR b) or a MySQL index hint.
func (w *sqlWalker) forClause(i int) int {
	f := w.top()
	if f.kind == sqlFrameCall && (f.fn.name == "substring" || f.fn.name == "substr" || f.fn.name == "overlay") {
		return i
	}
	switch n := w.kw(i + 1); n {
	case "update", "share":
		w.reject("locks rows (%s)", w.words(i, i+1))
		return i + 1
	case "no", "key":
		j := i + 1
		for j < len(w.toks) && j < i+3 && w.kw(j) != "update" && w.kw(j) != "share" {
			j++
		}
		w.reject("locks rows (%s)", w.words(i, j))
		return j
	case "xml", "json":
		if f.kind == sqlFrameQuery {
			f.forXML = true
			f.clause = sqlClauseExpr
		}
		return i + 1
	case "system_time", "ordinality":
		return i + 1
	case "join", "order", "group":
		if p := w.kw(i - 1); p == "index" || p == "key" {
			return i
		}
	}
	if i+1 < len(w.toks) {
		w.reject("has %s, which is not a known read-only clause", w.words(i, i+1))
	} else {
		w.reject("has %s, which is not a known read-only clause", w.text(i))
	}
	return i
}

// hint judges a word inside WITH ( ... ) after a table.
func (w *sqlWalker) hint(i int) {
	switch {
	case i > 0 && w.toks[i-1].kind == sqlOp: // INDEX = ix
	case w.flag(i)&sqlKwReadHint != 0:
	case w.flag(i)&sqlKwLockHint != 0:
		w.reject("locks rows (%s)", w.text(i))
	default:
		w.reject("has the table hint %s, which is not known to only read", w.text(i))
	}
}

// clause follows the clauses of a query frame.
func (w *sqlWalker) clause(i int, f *sqlFrame, k string) {
	switch k {
	case "select", "union", "intersect", "except", "where", "having", "qualify", "window",
		"order", "limit", "offset", "fetch", "returning", "set", "values", "option":
		f.clause = sqlClauseExpr
	case "from":
		if w.kw(i-1) != "distinct" { // a IS DISTINCT FROM b
			f.clause = sqlClauseRef
		}
	case "join", "apply", "straight_join":
		f.clause = sqlClauseRef
	case "on":
		f.clause = sqlClauseCond
	case "using":
		if w.isName(i + 1) {
			f.clause = sqlClauseRef // DELETE ... USING t, MERGE ... USING t
		}
	case "group":
		if w.kw(i+1) == "by" {
			f.clause = sqlClauseGroupBy
		}
	case "as":
		if f.clause == sqlClauseAfterRef {
			f.asAlias = true
		}
	case "with", "ordinality":
		// WITH ORDINALITY keeps the alias due.
	default:
		// The alias, or a word such as LEFT or USE that ends the reference:
		// either way no alias is due any more.
		if f.clause == sqlClauseAfterRef {
			f.clause = sqlClauseAfterAlias
		}
	}
}

// name handles a quoted name that is not called.
func (w *sqlWalker) name(i int, f *sqlFrame) int {
	if f.kind != sqlFrameQuery || w.punct(i-1, '.') {
		return i
	}
	switch f.clause {
	case sqlClauseRef:
		return w.ref(i, f)
	case sqlClauseAfterRef:
		f.clause = sqlClauseAfterAlias
	}
	return i
}

// ref handles the start of a table reference.
func (w *sqlWalker) ref(i int, f *sqlFrame) int {
	switch k := w.kw(i); {
	case k == "only" || k == "lateral" || k == "table":
		return i
	case k == "rows" && w.kw(i+1) == "from", k == "from" && w.kw(i-1) == "rows": // ROWS FROM (f(), g())
		return i
	case f.writeRefs && (k == "low_priority" || k == "ignore" || k == "quick" || k == "from" || k == "percent"):
		return i // UPDATE IGNORE t, DELETE QUICK FROM t
	case f.writeRefs && k == "or": // SQLite: UPDATE OR REPLACE t
		return i + 1
	case f.writeRefs && k == "top": // UPDATE TOP (n) t
		if w.punct(i+1, '(') {
			w.push(sqlFrame{kind: sqlFrameParen})
			return i + 1
		}
		return i
	}
	if why := w.valueWord(i); why != "" {
		w.reject("uses %s, which %s", w.text(i), why)
	}
	j := w.dotted(i)
	f.clause = sqlClauseAfterRef
	f.asAlias = false
	if w.punct(j+1, '(') {
		return w.call(j) // a table function
	}
	w.record(i, j, f.writeRefs)
	return j
}

// dotted returns the last token of the qualified name starting at i.
func (w *sqlWalker) dotted(i int) int {
	j := i
	for w.punct(j+1, '.') {
		switch {
		case w.isName(j + 2):
			j += 2
		case w.punct(j+2, '.'): // SQL Server: db..t
			j++
		default:
			return j
		}
	}
	return j
}

// record notes the table named by tokens i..j as read, and written too when
// write is set.
func (w *sqlWalker) record(i, j int, write bool) {
	n := w.normName(i)
	if j > i {
		var b strings.Builder
		for k := i; k <= j; k++ {
			if w.punct(k, '.') {
				b.WriteByte('.')
				continue
			}
			b.WriteString(w.normName(k))
		}
		n = b.String()
	}
	w.res.reads = sqlAddName(w.res.reads, n)
	if write {
		w.res.writes = sqlAddName(w.res.writes, n)
	}
}

// normName returns name token k normalised: unquoted names in lower case,
// quoted names in double quotes unless they read the same unquoted.
func (w *sqlWalker) normName(k int) string {
	s := w.text(k)
	if w.toks[k].kind == sqlWord {
		if b, ok := sqlFold(w.fold[:], s); ok {
			return string(b)
		}
		return sqlLowerASCII(s)
	}
	var inner string
	switch s[0] {
	case '"':
		inner = strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
	case '`':
		inner = strings.ReplaceAll(s[1:len(s)-1], "``", "`")
	case '[':
		inner = strings.ReplaceAll(s[1:len(s)-1], "]]", "]")
	default: // U&"..."
		return s
	}
	plain := inner != ""
	for i := 0; i < len(inner); i++ {
		c := inner[i]
		if !('a' <= c && c <= 'z' || c == '_' || i > 0 && (sqlDigit(c) || c == '$')) {
			plain = false
			break
		}
	}
	if _, kw := sqlKeywords[inner]; plain && !kw {
		return inner
	}
	return `"` + strings.ReplaceAll(inner, `"`, `""`) + `"`
}

// callOrParen handles a name followed by "(": syntax, an alias list, a hint
// list, or a function call.
func (w *sqlWalker) callOrParen(i int) int {
	f := w.top()
	k := w.kw(i)
	paren := func(nf sqlFrame) int {
		w.push(nf)
		return i + 1
	}
	if f.kind == sqlFrameQuery {
		switch {
		case f.clause == sqlClauseRef:
			return w.ref(i, f)
		case f.clause == sqlClauseAfterRef && (f.asAlias || w.flag(i)&sqlKwRefStop == 0):
			f.clause = sqlClauseAfterAlias // FROM f(x) AS t(a int, b text)
			return paren(sqlFrame{kind: sqlFrameParen, lockWords: true})
		case (f.clause == sqlClauseAfterRef || f.clause == sqlClauseAfterAlias) &&
			(k == "index" || k == "key" || k == "partition" || k == "join" && w.kw(i-1) == "for"): // USE INDEX FOR JOIN (ix)
			return paren(sqlFrame{kind: sqlFrameParen})
		case (k == "rollup" || k == "cube") && f.clause == sqlClauseGroupBy:
			return paren(sqlFrame{kind: sqlFrameParen, grouping: true})
		case (k == "path" || k == "root" || k == "raw") && f.forXML:
			return paren(sqlFrame{kind: sqlFrameParen})
		case k == "on" || k == "using":
			if f.clause != sqlClauseExpr { // not DISTINCT ON (...)
				f.clause = sqlClauseCond
			}
			return paren(sqlFrame{kind: sqlFrameParen})
		case k == "join" && (f.clause == sqlClauseAfterRef || f.clause == sqlClauseAfterAlias || f.clause == sqlClauseCond):
			f.clause = sqlClauseAfterRef // a JOIN (b JOIN c ON ...)
			return paren(sqlFrame{kind: sqlFrameParen, maybeQuery: true, fromGroup: true, writeRefs: f.writeRefs})
		}
	}
	switch {
	case f.kind == sqlFrameHint && (k == "index" || w.toks[i].word() == "forceseek"):
		return paren(sqlFrame{kind: sqlFrameParen}) // INDEX(ix)
	case k == "by" && (w.kw(i-1) == "order" || w.kw(i-1) == "group" || w.kw(i-1) == "partition"):
		if f.kind == sqlFrameQuery && w.kw(i-1) == "group" {
			f.clause = sqlClauseGroupBy
		}
		return paren(sqlFrame{kind: sqlFrameParen, maybeQuery: true})
	case (k == "like" || k == "ilike") && w.afterOperand(i):
		return paren(sqlFrame{kind: sqlFrameParen, maybeQuery: true})
	case k == "sets" && w.kw(i-1) == "grouping",
		(k == "rollup" || k == "cube") && f.grouping:
		return paren(sqlFrame{kind: sqlFrameParen, grouping: true})
	case (k == "over" || k == "filter") && w.punct(i-1, ')'),
		k == "conflict" && w.kw(i-1) == "on": // INSERT ... ON CONFLICT (a)
		return paren(sqlFrame{kind: sqlFrameParen})
	case k == "with":
		return paren(sqlFrame{kind: sqlFrameHint})
	case k == "into" || k == "for" || k == "tablesample" || w.flag(i)&sqlKwDML != 0:
		// Never a call: judge the keyword, then walk the parenthesis.
		w.keyword(i, &sqlFrame{kind: sqlFrameParen})
		return paren(sqlFrame{kind: sqlFrameParen, maybeQuery: true})
	case w.flag(i)&sqlKwSyntaxParen != 0:
		nf := sqlFrame{kind: sqlFrameParen, maybeQuery: true}
		if f.kind == sqlFrameQuery {
			w.clause(i, f, k)
			if f.clause == sqlClauseRef { // FROM (SELECT ...), FROM (a JOIN b ...)
				f.clause = sqlClauseAfterRef
				nf.fromGroup, nf.writeRefs = true, f.writeRefs
			}
		}
		return paren(nf)
	}
	return w.call(i)
}

// afterOperand reports whether token i follows the end of an operand (or
// NOT), where LIKE is an operator rather than a function name.
func (w *sqlWalker) afterOperand(i int) bool {
	if i == 0 {
		return false
	}
	p := w.toks[i-1]
	switch p.kind {
	case sqlQuoted, sqlString, sqlNumber, sqlParam, sqlAtName:
		return true
	case sqlWord:
		return w.kw(i-1) == "" || w.kw(i-1) == "not"
	}
	return w.punct(i-1, ')') || w.punct(i-1, ']')
}

// call judges the call of the function named by token i (followed by "(")
// and opens its argument frame.
func (w *sqlWalker) call(i int) int {
	// Qualifiers: a.b.f(
	j := i
	for w.punct(j-1, '.') && w.isName(j-2) {
		j -= 2
	}
	var key string
	var b []byte
	ok := false
	if w.toks[i].kind == sqlQuoted {
		s := w.text(i)
		key, ok = s[1:len(s)-1], s[0] == '"' || s[0] == '`' || s[0] == '['
	} else {
		b, ok = sqlFold(w.fold[:], w.text(i))
	}
	var fn sqlFunc
	if ok {
		if b != nil {
			fn, ok = sqlFuncs[string(b)]
		} else {
			fn, ok = sqlFuncs[key]
		}
	}
	if ok && (j < i || w.punct(i-1, '.')) {
		// Only pg_catalog qualifies a built-in; anything else is a user
		// function whatever its name.
		ok = j == i-2 && w.isPgCatalog(j)
	}
	name := w.text(i)
	if j < i || w.punct(i-1, '.') {
		name = w.qualified(j, i)
	}
	switch {
	case !ok:
		w.reject("calls %s, which is not a known side-effect-free function", name)
		w.res.unknownWrites = true
		fn = sqlFunc{}
	case fn.class == sqlFuncClock:
		w.reject("uses %s(), which differs per call", name)
	case fn.class == sqlFuncSession:
		w.reject("uses %s(), which depends on the session", name)
	case fn.class == sqlFuncSequence:
		w.reject("uses %s(), which reads or advances a sequence", name)
	}
	if ok && fn.class == sqlFuncPure && (sqlDateParsers[fn.name] || fn.name == "cast" || fn.name == "try_cast") {
		w.checkDateCall(i, fn.name)
	}
	w.push(sqlFrame{kind: sqlFrameCall, fn: fn, nameTok: i})
	return i + 1
}

func (w *sqlWalker) isPgCatalog(i int) bool {
	s := w.text(i)
	if w.toks[i].kind == sqlQuoted {
		return s == `"pg_catalog"`
	}
	return strings.EqualFold(s, "pg_catalog")
}

// qualified returns the name i..j as written, parts joined by ".".
func (w *sqlWalker) qualified(i, j int) string {
	var b strings.Builder
	if w.punct(i-1, '.') {
		b.WriteByte('.')
	}
	for k := i; k <= j; k++ {
		b.WriteString(w.text(k))
	}
	return b.String()
}

// QueryArgReadsClock reports whether s, a constant string bound to a query
// placeholder, may be read as the current time: PostgreSQL reads 'now',
// 'today', 'tomorrow' and 'yesterday' (also with a time or surrounded by
// punctuation, as in 'now()' or 'today 10:00') as the clock when the
// parameter is a date or time, and SQLite's date functions read 'now'. A
// query whose arguments include such a string must not run early even when
// JudgeQuery accepts its text.
func QueryArgReadsClock(s string) bool { return sqlClockWord(s) }

// sqlClockWord reports whether s has one of PostgreSQL's relative date words
// as a whole word. Digits and underscores split words too, which errs
// towards the clock ('now1' fails in PostgreSQL, 'now_' is the clock).
func sqlClockWord(s string) bool {
	for j := 0; j < len(s); {
		if !sqlLetter(s[j]) || s[j] == '_' {
			j++
			continue
		}
		k := j
		for k < len(s) && sqlLetter(s[k]) && s[k] != '_' {
			k++
		}
		switch word := s[j:k]; {
		case strings.EqualFold(word, "now"), strings.EqualFold(word, "today"),
			strings.EqualFold(word, "tomorrow"), strings.EqualFold(word, "yesterday"):
			return true
		}
		j = k
	}
	return false
}

// clockStrings rejects the run of adjacent string literals starting at i
// (PostgreSQL and MySQL join 'n' 'ow' into one) when its value, escapes
// decoded, is one PostgreSQL reads as the clock when it becomes a date or
// time ('now', 'today', 'tomorrow', 'yesterday', also with a time:
// 'today 10:00'), or SQLite's date functions read as now. Any literal may
// become one through an implicit cast, so every literal is checked.
func (w *sqlWalker) clockStrings(i int) {
	j := i
	for j+1 < len(w.toks) && w.toks[j+1].kind == sqlString {
		j++
	}
	if w.kw(j+1) == "uescape" {
		w.reject("has %s UESCAPE, whose value is not checked", sqlExcerpt(w.text(j), 32))
		return
	}
	v := sqlLiteralValue(w.text(i))
	if j > i {
		var b strings.Builder
		for k := i; k <= j; k++ {
			b.WriteString(sqlLiteralValue(w.text(k)))
		}
		v = b.String()
	}
	if sqlClockWord(v) {
		w.reject("has %s, which reads the clock when used as a date or time", sqlExcerpt(w.words(i, j), 32))
	}
}

// sqlLiteralValue returns the value of a string token as the server reads
// it, as far as the clock check needs: quotes removed, PostgreSQL's E'...'
// and U&'...' escapes decoded, X'...' decoded as bytes (SQLite may read a blob as
// text).
func sqlLiteralValue(s string) string {
	unquote := func(s string) string {
		if len(s) < 2 {
			return s
		}
		q := s[:1]
		return strings.ReplaceAll(s[1:len(s)-1], q+q, q)
	}
	switch s[0] {
	case '\'', '"', '`', '[':
		return unquote(s)
	case '$':
		k := strings.IndexByte(s[1:], '$') + 2
		if 2*k > len(s) {
			return s
		}
		return s[k : len(s)-k]
	}
	switch s[0] | 0x20 {
	case 'u': // U&'...'
		return sqlDecodeEscapes(unquote(s[2:]), true)
	case 'e':
		return sqlDecodeEscapes(unquote(s[1:]), false)
	case 'x':
		body := unquote(s[1:])
		if len(body)%2 == 0 {
			b := make([]byte, 0, len(body)/2)
			for k := 0; k+1 < len(body) && sqlHex(body[k]) && sqlHex(body[k+1]); k += 2 {
				b = append(b, sqlHexVal(body[k])<<4|sqlHexVal(body[k+1]))
			}
			if 2*len(b) == len(body) {
				return string(b)
			}
		}
		return body
	}
	return unquote(s[1:])
}

// sqlDecodeEscapes decodes PostgreSQL's backslash escapes: those of E'...'
// strings (\n, \ooo, \xhh, \uXXXX, \UXXXXXXXX, \c for c), or with unicode
// set those of U&'...' strings (\XXXX, \+XXXXXX, \\).
func sqlDecodeEscapes(s string, unicode bool) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	hex := func(s string, n int) (rune, int) {
		var r rune
		k := 0
		for ; k < n && k < len(s) && sqlHex(s[k]); k++ {
			r = r<<4 | rune(sqlHexVal(s[k]))
		}
		return r, k
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		c := s[i+1]
		switch {
		case unicode && c == '+':
			r, n := hex(s[i+2:], 6)
			b.WriteRune(r)
			i += 1 + n
		case unicode && sqlHex(c):
			r, n := hex(s[i+1:], 4)
			b.WriteRune(r)
			i += n
		case unicode:
			b.WriteByte(c)
			i++
		case c >= '0' && c <= '7':
			var r byte
			n := 0
			for ; n < 3 && i+1+n < len(s) && s[i+1+n] >= '0' && s[i+1+n] <= '7'; n++ {
				r = r<<3 | (s[i+1+n] - '0')
			}
			b.WriteByte(r)
			i += n
		case c == 'x':
			r, n := hex(s[i+2:], 2)
			b.WriteByte(byte(r))
			i += 1 + n
		case c == 'u' || c == 'U':
			width := 4
			if c == 'U' {
				width = 8
			}
			r, n := hex(s[i+2:], width)
			b.WriteRune(r)
			i += 1 + n
		default: // \n, \t, ... are not letters; \c is c
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func sqlHexVal(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// sqlDateTypes are the types whose input PostgreSQL parses for 'now' and
// its kin (and SQL Server's, for good measure).
var sqlDateTypes = map[string]bool{
	"date": true, "time": true, "timetz": true, "timestamp": true, "timestamptz": true,
	"datetime": true, "datetime2": true, "smalldatetime": true, "datetimeoffset": true,
	"abstime": true,
}

// sqlDateParsers are the functions that parse a text argument as a date or
// time: PostgreSQL's function-style casts and SQLite's date functions.
var sqlDateParsers = map[string]bool{
	"date": true, "time": true, "timestamp": true, "timestamptz": true, "timetz": true,
	"datetime": true, "julianday": true, "strftime": true, "unixepoch": true,
}

// sqlDateSafe are the functions whose result cannot be text that spells
// 'now' when their own arguments are safe: they return dates, times or
// numbers, or one of their arguments.
var sqlDateSafe = map[string]bool{
	"date_trunc": true, "date_bin": true, "make_date": true, "make_time": true,
	"make_timestamp": true, "make_timestamptz": true, "to_timestamp": true, "to_date": true,
	"timezone": true, "date_part": true, "extract": true, "age": true, "justify_days": true,
	"justify_hours": true, "justify_interval": true, "date_add": true, "date_sub": true,
	"adddate": true, "subdate": true, "dateadd": true, "eomonth": true, "from_unixtime": true,
	"last_day": true, "datefromparts": true, "convert_tz": true, "date": true, "time": true,
	"timestamp": true, "datetime": true, "julianday": true, "unixepoch": true, "cast": true,
	"try_cast": true, "coalesce": true, "nullif": true, "greatest": true, "least": true,
	"min": true, "max": true, "abs": true, "ceil": true, "ceiling": true, "floor": true,
	"round": true, "trunc": true, "mod": true, "power": true, "sqrt": true, "sign": true,
	"ifnull": true, "isnull": true, "iif": true, "if": true,
}

// castTo checks the cast at the "::" token c: converting computed text to a
// date or time reads the clock if the text spells 'now' (('n'||'ow')::date).
func (w *sqlWalker) castTo(c int) {
	if !w.isName(c + 1) {
		return
	}
	e := w.dotted(c + 1)
	typ := w.typeName(e)
	if !sqlDateTypes[typ] || c == 0 {
		return
	}
	if what := w.computedText(w.primaryStart(c-1), c-1); what != "" {
		w.reject("converts %s to %s, which reads the clock if it spells 'now'", what, w.text(e))
	}
}

// typeName returns name token i folded (unquoted) or as quoted.
func (w *sqlWalker) typeName(i int) string {
	s := w.text(i)
	if w.toks[i].kind == sqlQuoted {
		return s[1 : len(s)-1]
	}
	if b, ok := sqlFold(w.fold[:], s); ok {
		return string(b)
	}
	return ""
}

// primaryStart returns the first token of the operand of a postfix cast
// whose last token is e: a name, a literal, a parenthesised expression or
// call, a subscripted operand, or a cast of one of these.
func (w *sqlWalker) primaryStart(e int) int {
	s := e
	switch {
	case w.punct(e, ')') || w.punct(e, ']'):
		depth := 0
		for s = e; s > 0; s-- {
			if w.punct(s, ')') || w.punct(s, ']') {
				depth++
			} else if w.punct(s, '(') || w.punct(s, '[') {
				if depth--; depth == 0 {
					break
				}
			}
		}
		switch {
		case w.punct(s, '[') && s > 0:
			s = w.primaryStart(s - 1)
		case w.punct(s, '(') && w.isName(s-1) && w.flag(s-1)&sqlKwSyntaxParen == 0:
			s--
		}
		for w.punct(s-1, '.') && w.isName(s-2) {
			s -= 2
		}
	case w.isName(e):
		for w.punct(s-1, '.') && w.isName(s-2) {
			s -= 2
		}
		// A type after "::" belongs to an earlier cast: x::text::date.
		if s >= 2 && w.toks[s-1].kind == sqlOp && w.text(s-1) == "::" {
			return w.primaryStart(s - 2)
		}
	}
	return s
}

// computedText says what in tokens a..b may compute text (text built with
// ||, the result of a function not known to return dates or numbers, a
// subquery), or "".
func (w *sqlWalker) computedText(a, b int) string {
	for k := a; k <= b && k < len(w.toks); k++ {
		switch {
		case w.toks[k].kind == sqlOp && w.text(k) == "||":
			return "text built with ||"
		case w.kw(k) == "select" || w.kw(k) == "values":
			return "a subquery"
		case w.isName(k) && w.punct(k+1, '(') && w.flag(k)&sqlKwSyntaxParen == 0:
			if w.punct(k-1, '.') || !sqlDateSafe[w.typeName(k)] {
				return "the result of " + w.text(k)
			}
		}
	}
	return ""
}

// checkDateCall checks the arguments of a call at i (name, then "(") that
// parses text as a date: CAST(x AS date) or a date function.
func (w *sqlWalker) checkDateCall(i int, fn string) {
	end, as := i+1, -1
	for depth := 0; end < len(w.toks); end++ {
		switch {
		case w.punct(end, '('):
			depth++
		case w.punct(end, ')'):
			depth--
		case depth == 1 && w.kw(end) == "as" && as < 0:
			as = end
		}
		if depth == 0 {
			break
		}
	}
	switch {
	case fn == "cast" || fn == "try_cast":
		if as < 0 || !w.isName(as+1) || !sqlDateTypes[w.typeName(w.dotted(as+1))] {
			return
		}
		if what := w.computedText(i+2, as-1); what != "" {
			w.reject("converts %s to %s, which reads the clock if it spells 'now'", what, w.text(w.dotted(as+1)))
		}
	case sqlDateParsers[fn]:
		if what := w.computedText(i+2, end-1); what != "" {
			w.reject("converts %s to %s(), which reads the clock if it spells 'now'", what, w.text(i))
		}
	}
}
