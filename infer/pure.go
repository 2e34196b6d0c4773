package infer

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// pureFuncs are the functions whose result depends only on their
// arguments and that do no I/O and change nothing: an explicit allow-list
// of FullNames. Two conditions come on top, checked at each call
// (pureCall): a function-typed argument must itself name a pure function
// (strings.Map(unicode.ToUpper, s)), and the operands of the formatting
// functions (reflective below) must be of inert types, because fmt calls
// their String, Error, Format and GoString methods. strconv's Append*
// write into their destination and filepath.Abs reads the working
// directory: they are not here.
var pureFuncs = func() []string {
	var out []string
	add := func(pkg string, names string) {
		for _, n := range strings.Fields(names) {
			out = append(out, pkg+"."+n)
		}
	}
	add("fmt", "Sprintf Sprint Sprintln")
	add("strings", `Clone Compare Contains ContainsAny ContainsFunc ContainsRune Count Cut CutPrefix
		CutSuffix EqualFold Fields FieldsFunc HasPrefix HasSuffix Index IndexAny IndexByte IndexFunc
		IndexRune Join LastIndex LastIndexAny LastIndexByte LastIndexFunc Map Repeat Replace ReplaceAll
		Split SplitAfter SplitAfterN SplitN Title ToLower ToTitle ToUpper ToValidUTF8 Trim TrimFunc
		TrimLeft TrimLeftFunc TrimPrefix TrimRight TrimRightFunc TrimSpace TrimSuffix`)
	add("strconv", `Atoi CanBackquote FormatBool FormatComplex FormatFloat FormatInt FormatUint IsGraphic
		IsPrint Itoa ParseBool ParseComplex ParseFloat ParseInt ParseUint Quote QuoteRune QuoteRuneToASCII
		QuoteRuneToGraphic QuoteToASCII QuoteToGraphic QuotedPrefix Unquote UnquoteChar`)
	add("path", "Base Clean Dir Ext IsAbs Join Match Split")
	add("path/filepath", "Base Clean Dir Ext FromSlash IsAbs IsLocal Join Match Rel Split SplitList ToSlash VolumeName")
	add("net/url", "JoinPath PathEscape PathUnescape QueryEscape QueryUnescape")
	add("net", "JoinHostPort SplitHostPort")
	add("unicode/utf8", `DecodeLastRuneInString DecodeRuneInString FullRuneInString RuneCountInString
		RuneLen RuneStart ValidRune ValidString`)
	add("unicode", `IsControl IsDigit IsGraphic IsLetter IsLower IsMark IsNumber IsPrint IsPunct IsSpace
		IsSymbol IsTitle IsUpper SimpleFold To ToLower ToTitle ToUpper`)
	add("time", "ParseDuration")
	add("errors", "New")
	add("context", "Background TODO")
	add(awsV2+"/aws", "String Int32 Int64 Bool Float64 Int StringSlice")
	add(awsV1+"/aws", "String Int64 Bool Float64 Int StringSlice StringValue BoolValue Int64Value IntValue")
	out = append(out, "(time.Duration).String", "(time.Duration).Seconds", "(time.Duration).Milliseconds")
	out = append(out, otherClientPure...)
	return out
}()

// otherClientPure are value builders of other clients' APIs: they wrap
// their arguments in a new value and do nothing else. Of the Google API
// client options only those carrying plain data are here; an option
// carrying a token source, an HTTP client, a gRPC connection or a
// callback hides a value whose methods freshen would have to judge.
var otherClientPure = slices.Concat(
	qualify("cloud.google.com/go/spanner", "StrongRead ExactStaleness MaxStaleness ReadTimestamp MinReadTimestamp"),
	qualify("google.golang.org/api/option", `WithEndpoint WithCredentialsFile WithCredentialsJSON WithScopes
		WithUserAgent WithoutAuthentication WithQuotaProject WithAPIKey WithGRPCConnectionPool`),
	// The source returns the *Token it was given: the token is judged as
	// its argument (a literal, or a variable that must stay frozen).
	qualify("golang.org/x/oauth2", "StaticTokenSource"),
)

// qualify prefixes each of the space-separated names with pkg + ".".
func qualify(pkg, names string) []string {
	var out []string
	for _, n := range strings.Fields(names) {
		out = append(out, pkg+"."+n)
	}
	return out
}

// reflectiveFuncs format their operands through reflection.
var reflectiveFuncs = map[string]bool{"fmt.Sprintf": true, "fmt.Sprint": true, "fmt.Sprintln": true}

// pureCall checks the per-call conditions of a pure function: function
// arguments name pure functions, formatted operands are inert.
func (a *analysis) pureCall(call *ast.CallExpr, name string) *blocker {
	for i, arg := range call.Args {
		t := a.info.TypeOf(arg)
		if t == nil {
			continue
		}
		if _, isFunc := t.Underlying().(*types.Signature); isFunc {
			if fn := a.funcRef(ast.Unparen(arg)); fn == nil || !a.cat.Pure(funcName(fn)) {
				return &blocker{pos: arg.Pos(), phrase: fmt.Sprintf("passes %s to %s, and it is not a function known to be pure", oneLine(a.text(arg), 30), shortCallee(name))}
			}
		}
		if reflectiveFuncs[name] && (i > 0 || name != "fmt.Sprintf") && !inert(t) {
			return &blocker{pos: arg.Pos(), phrase: fmt.Sprintf("formats %s with %s, which may call its methods (a %s is not a type freshen knows to print the same way every time)",
				oneLine(a.text(arg), 30), shortCallee(name), types.TypeString(t, types.RelativeTo(a.pkg)))}
		}
	}
	return nil
}

func shortCallee(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 && !strings.HasPrefix(full, "(") {
		return full[i+1:]
	}
	return full
}
