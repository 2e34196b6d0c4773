package infer

import (
	"go/ast"
	"go/token"
	"go/types"
	"sort"
)

// The environment. A constructor may read the process environment
// (AWS_REGION, PGHOST, GOOGLE_APPLICATION_CREDENTIALS), so a handler that
// changes it, directly or through code of any package, keeps its
// constructors per invocation. Functions that may change it are found
// within a package here and exported to importers as facts, so that a
// call into another package's helper is judged by what the helper does.

// envWriters change the process environment.
var envWriters = map[string]bool{
	"os.Setenv": true, "os.Unsetenv": true, "os.Clearenv": true,
	"syscall.Setenv": true, "syscall.Unsetenv": true, "syscall.Clearenv": true,
	"(*testing.common).Setenv": true, "(*testing.T).Setenv": true, "(*testing.B).Setenv": true, "(*testing.F).Setenv": true,
}

// envRef says whether a reference to fn (a call, or the function taken as
// a value) may change the environment: the writer it reaches
// ("os.Setenv"), or "". imported answers for functions of other packages
// (facts); local for functions of this package.
func envRef(fn *types.Func, pkg *types.Package, imported, local func(*types.Func) string) string {
	fn = fn.Origin()
	if name := funcName(fn); envWriters[name] {
		return shortName(fn)
	}
	if fn.Pkg() == nil {
		return ""
	}
	if fn.Pkg() == pkg {
		if local != nil {
			return local(fn)
		}
		return ""
	}
	if imported != nil {
		return imported(fn)
	}
	return ""
}

// EnvWriters returns the functions and methods declared in files (of
// package pkg) that may change the process environment when called: those
// whose body (function literals included) refers to an environment writer
// (os.Setenv, os.Unsetenv, os.Clearenv, their syscall counterparts), to a
// function of another package that imported reports (analysis facts of
// the dependencies), or to a function of the package that may. Each maps
// to the writer it reaches ("os.Setenv"). Calls through interfaces and
// function values are not followed.
func EnvWriters(pkg *types.Package, info *types.Info, files []*ast.File, imported func(*types.Func) string) map[*types.Func]string {
	type decl struct {
		fn   *types.Func
		body *ast.BlockStmt
	}
	var decls []decl
	for _, f := range files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			if fn, ok := info.Defs[fd.Name].(*types.Func); ok {
				decls = append(decls, decl{fn, fd.Body})
			}
		}
	}
	sort.SliceStable(decls, func(i, j int) bool { return decls[i].fn.Pos() < decls[j].fn.Pos() })
	out := map[*types.Func]string{}
	refs := make([][]*types.Func, len(decls))
	for i, d := range decls {
		ast.Inspect(d.body, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			fn, ok := info.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			if fn.Origin().Pkg() == pkg {
				refs[i] = append(refs[i], fn.Origin())
			} else if via := envRef(fn, pkg, imported, nil); via != "" && out[d.fn] == "" {
				out[d.fn] = via
			}
			return true
		})
	}
	for changed := true; changed; {
		changed = false
		for i, d := range decls {
			if out[d.fn] != "" {
				continue
			}
			for _, r := range refs[i] {
				if via := out[r]; via != "" {
					out[d.fn], changed = via, true
					break
				}
			}
		}
	}
	return out
}

// envWrite finds a reference in the handler, or the functions of the
// package it refers to, to a function that may change the environment:
// an environment writer, or a function of another package that may call
// one (ImportedEnv). It returns its position and how to name it.
func (a *analysis) envWrite(root *ast.FuncDecl) (token.Pos, string) {
	visited := map[*ast.FuncDecl]bool{}
	queue := []*ast.FuncDecl{root}
	pos, name := token.NoPos, ""
	for len(queue) > 0 && !pos.IsValid() {
		fd := queue[0]
		queue = queue[1:]
		if visited[fd] || fd.Body == nil {
			continue
		}
		visited[fd] = true
		ast.Inspect(fd.Body, func(n ast.Node) bool {
			if pos.IsValid() {
				return false
			}
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			fn, ok := a.info.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			fn = fn.Origin()
			if via := envRef(fn, a.pkg, a.importedEnv, nil); via != "" {
				pos, name = id.Pos(), shortName(fn)
				if !envWriters[funcName(fn)] {
					name += ", which calls " + via
				}
				return false
			}
			if d := a.decls[fn]; d != nil && a.userFile(d.Pos()) {
				queue = append(queue, d)
			}
			return true
		})
	}
	return pos, name
}
