package engine

import (
	"go/ast"
	"go/importer"
	"go/token"
	"go/types"
	"path/filepath"
	"testing"
)

// TestParseFileStdlib: a standard-library file keeps its declarations,
// its bodies become a panic, imports used only in bodies become blank, and
// the result still type-checks.
func TestParseFileStdlib(t *testing.T) {
	src := `package x

import (
	"math/rand/v2"
	"strings"
	"unsafe"
)

func init() { _ = strings.ToUpper("a") }

func Max[T int | float64](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func R() *rand.Rand { return rand.New(rand.NewPCG(1, 2)) }

func Size() uintptr { return unsafe.Sizeof(0) }

func asm() int
`
	fset := token.NewFileSet()
	name := filepath.Join(goroot, "src", "x", "x.go")
	f, err := parseFile(fset, name, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, imp := range f.Imports {
		n := ""
		if imp.Name != nil {
			n = imp.Name.Name
		}
		names[imp.Path.Value] = n
	}
	if names[`"strings"`] != "_" || names[`"math/rand/v2"`] != "" || names[`"unsafe"`] != "_" {
		t.Errorf("import names %v: want strings and unsafe blank, rand kept", names)
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name != "asm" {
			if fd.Body == nil || len(fd.Body.List) != 1 {
				t.Errorf("%s: body %v, want a single panic", fd.Name.Name, fd.Body)
			}
		}
	}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	if _, err := conf.Check("x", fset, []*ast.File{f}, nil); err != nil {
		t.Errorf("stripped file does not type-check: %v", err)
	}

	// Other files are parsed whole.
	f, err = parseFile(fset, "/src/app/main.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if fd := f.Decls[2].(*ast.FuncDecl); len(fd.Body.List) != 2 || f.Imports[1].Name != nil {
		t.Errorf("user file changed")
	}
}

// TestParseFileDotImport: a file with a dot import is left whole, since
// its bodies may be the only users of the import.
func TestParseFileDotImport(t *testing.T) {
	src := "package x\n\nimport . \"strings\"\n\nfunc F() string { return ToUpper(\"a\") }\n"
	f, err := parseFile(token.NewFileSet(), filepath.Join(goroot, "src", "x", "x.go"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if body := f.Decls[1].(*ast.FuncDecl).Body; len(body.List) != 1 {
		t.Fatal("no body")
	} else if _, isReturn := body.List[0].(*ast.ReturnStmt); !isReturn {
		t.Errorf("the body of a file with a dot import was cut")
	}
}

func TestStdName(t *testing.T) {
	for path, want := range map[string]string{"strings": "strings", "net/http": "http", "math/rand/v2": "rand", "vendor/golang.org/x/net/http2/hpack": "hpack", "v2": "v2"} {
		if got := stdName(path); got != want {
			t.Errorf("stdName(%q) = %q, want %q", path, got, want)
		}
	}
}
