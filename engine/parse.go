package engine

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// goroot is the standard library's source directory, with a trailing
// separator.
var goroot = filepath.Clean(build.Default.GOROOT) + string(filepath.Separator)

// parseFile parses a file for the loader. Files of the standard library
// keep their declarations but their function bodies are cut to a panic: the analyzer
// needs only their types (it has no handlers to find there, and the
// catalogue names its APIs), and type-checking the bodies of everything
// net/http imports would be most of the run's time. go vet sees the
// standard library the same way, through export data.
func parseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	if !strings.HasPrefix(filename, goroot) {
		return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments)
	}
	f, err := parser.ParseFile(fset, filename, src, parser.SkipObjectResolution)
	if err != nil {
		return f, err
	}
	// A dot import (go/types has one) may be used by the bodies alone,
	// with nothing to tell: such files are checked whole.
	for _, imp := range f.Imports {
		if imp.Name != nil && imp.Name.Name == "." {
			return f, nil
		}
	}
	for _, d := range f.Decls {
		// A body that only panics type-checks for any signature (generic
		// functions and init need one).
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body != nil {
			fd.Body = &ast.BlockStmt{Lbrace: fd.Body.Lbrace, Rbrace: fd.Body.Rbrace, List: []ast.Stmt{
				&ast.ExprStmt{X: &ast.CallExpr{Fun: ast.NewIdent("panic"), Args: []ast.Expr{&ast.BasicLit{Kind: token.STRING, Value: `""`}}}},
			}}
		}
	}
	// Composite literals in package-level initialisers (Unicode, crypto and
	// HTTP/2 tables) are most of what remains to check; their elements do
	// not change their type, except for the length of a [...]T array.
	// (Not inside function literals, whose locals would go unused.)
	ast.Inspect(f, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false
		}
		if lit, ok := n.(*ast.CompositeLit); ok {
			if at, isArray := lit.Type.(*ast.ArrayType); !isArray || at.Len == nil || !isEllipsis(at.Len) {
				lit.Elts = nil
				return false
			}
		}
		return true
	})
	// Imports used only inside the bodies would now be unused, which the
	// type checker reports; a blank name keeps the import's effect on
	// package initialisation and silences that.
	used := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok {
				used[id.Name] = true
			}
		}
		return true
	})
	for _, imp := range f.Imports {
		path := strings.Trim(imp.Path.Value, "\"`")
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		} else {
			name = stdName(path)
		}
		if name == "_" || path == "C" || path == "unsafe" && used["unsafe"] {
			continue
		}
		if !used[name] {
			imp.Name = ast.NewIdent("_")
		}
	}
	return f, nil
}

func isEllipsis(e ast.Expr) bool {
	_, ok := e.(*ast.Ellipsis)
	return ok
}

// stdName is the package name of a standard-library import path: its last
// element, or the one before a major-version suffix (math/rand/v2).
func stdName(path string) string {
	dir, base := filepath.Split(path)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" && dir != "" {
		return filepath.Base(dir)
	}
	return base
}
