package infer

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"testing"
)

// TestAsksStrong covers the literal forms of ConsistentRead, elided
// pointer literals included, on types shaped like the SDKs' inputs.
func TestAsksStrong(t *testing.T) {
	const awsSrc = `package aws

func Bool(v bool) *bool { return &v }
`
	const src = `package p

import "github.com/aws/aws-sdk-go/aws"

var Bool = aws.Bool

type KeysAndAttributes struct {
	Keys           []map[string]string
	ConsistentRead *bool
}

type Input struct {
	TableName      *string
	ConsistentRead *bool
	RequestItems   map[string]*KeysAndAttributes
	Values         map[string]KeysAndAttributes
}

const eventual = false

var strong = true

func cases(dyn *Input) []*Input {
	built := &Input{ConsistentRead: Bool(true)}
	return []*Input{
		&Input{},                                 // ok
		&Input{ConsistentRead: nil},              // ok
		&Input{ConsistentRead: aws.Bool(false)},    // ok
		&Input{ConsistentRead: aws.Bool(eventual)}, // ok
		&Input{ConsistentRead: Bool(false)},        // asks
		&Input{ConsistentRead: Bool(true)},       // asks
		&Input{ConsistentRead: Bool(strong)},     // asks
		&Input{RequestItems: map[string]*KeysAndAttributes{"t": {ConsistentRead: Bool(true)}}},  // asks
		&Input{RequestItems: map[string]*KeysAndAttributes{"t": &KeysAndAttributes{ConsistentRead: Bool(true)}}}, // asks
		&Input{RequestItems: map[string]*KeysAndAttributes{"t": {Keys: nil}}}, // ok
		&Input{Values: map[string]KeysAndAttributes{"t": {ConsistentRead: Bool(true)}}}, // asks
		built,                                    // asks
		dyn,                                      // unknown
	}
}
`
	fset := token.NewFileSet()
	af, err := parser.ParseFile(fset, "aws.go", awsSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	awsPkg, err := (&types.Config{}).Check(awsV1+"/aws", fset, []*ast.File{af}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parser.ParseFile(fset, "p.go", src, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{},
		Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	imp := importerFunc(func(path string) (*types.Package, error) {
		if path == awsV1+"/aws" {
			return awsPkg, nil
		}
		return importer.Default().Import(path)
	})
	pkg, err := (&types.Config{Importer: imp}).Check("p", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	a := newAnalysis(&Config{Fset: fset, Pkg: pkg, Info: info, Files: []*ast.File{f}})
	a.collect()
	var lit *ast.CompositeLit
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CompositeLit); ok && lit == nil && types.ExprString(c.Type) == "[]*Input" {
			lit = c
		}
		return true
	})
	lines := strings.Split(src, "\n")
	for _, el := range lit.Elts {
		line := lines[fset.Position(el.Pos()).Line-1]
		want := strings.TrimSpace(line[strings.LastIndex(line, "//")+2:])
		why, _ := a.asksStrong(el, 0)
		got := "ok"
		switch {
		case strings.HasPrefix(why, "freshen cannot see"):
			got = "unknown"
		case why != "":
			got = "asks"
		}
		if got != want {
			t.Errorf("%s: %s, want %s (%q)", types.ExprString(el), got, want, why)
		}
	}
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }
