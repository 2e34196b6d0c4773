package codegen_test

import (
	"os"
	"strings"
	"testing"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/codegen/codegentest"
	"github.com/freshen-go/freshen/fr"
)

func TestTTLCopyableAgreesWithRuntime(t *testing.T) {
	// The runtime side of each row. The static side type-checks the very
	// same declarations (ttltypes_test.go, read as source), so the two
	// tables cannot drift apart.
	runtime := []func() error{
		func() error { _, err := fr.NewTTLCopier[t0](); return err },
		func() error { _, err := fr.NewTTLCopier[t1](); return err },
		func() error { _, err := fr.NewTTLCopier[t2](); return err },
		func() error { _, err := fr.NewTTLCopier[t3](); return err },
		func() error { _, err := fr.NewTTLCopier[t4](); return err },
		func() error { _, err := fr.NewTTLCopier[t5](); return err },
		func() error { _, err := fr.NewTTLCopier[t6](); return err },
		func() error { _, err := fr.NewTTLCopier[t7](); return err },
		func() error { _, err := fr.NewTTLCopier[t8](); return err },
		func() error { _, err := fr.NewTTLCopier[t9](); return err },
		func() error { _, err := fr.NewTTLCopier[t10](); return err },
		func() error { _, err := fr.NewTTLCopier[t11](); return err },
		func() error { _, err := fr.NewTTLCopier[t12](); return err },
		func() error { _, err := fr.NewTTLCopier[t13](); return err },
		func() error { _, err := fr.NewTTLCopier[t14](); return err },
		func() error { _, err := fr.NewTTLCopier[t15](); return err },
		func() error { _, err := fr.NewTTLCopier[t16](); return err },
		func() error { _, err := fr.NewTTLCopier[t17](); return err },
		func() error { _, err := fr.NewTTLCopier[t18](); return err },
		func() error { _, err := fr.NewTTLCopier[t19](); return err },
	}
	src, err := os.ReadFile("ttltypes_test.go")
	if err != nil {
		t.Fatal(err)
	}
	decls := strings.Replace(string(src), "package codegen_test", "package tt", 1)
	p := codegentest.Load(t, "example.com/tt", map[string]string{"tt.go": decls})
	for i, rt := range runtime {
		name := "t" + itoa2(i)
		obj := p.Types.Scope().Lookup(name)
		if obj == nil {
			t.Fatalf("%s not declared", name)
		}
		static := codegen.TTLCopyable(obj.Type())
		dynamic := rt()
		t.Logf("%s %s: static %v / runtime %v", name, obj.Type(), static, dynamic)
		if (static == nil) != (dynamic == nil) {
			t.Errorf("%s (%s): codegen says %v, runtime says %v", name, obj.Type(), static, dynamic)
		}
	}
}

func itoa2(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}
