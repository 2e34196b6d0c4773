package codegen_test

import (
	"testing"

	"github.com/freshen-go/freshen/codegen"
	"github.com/freshen-go/freshen/codegen/codegentest"
	"github.com/freshen-go/freshen/fr"
)

// ttlTypes declares one type per row of the agreement table.
const ttlTypes = `package tt

import (
	"database/sql"
	"net"
	"net/http"
	"sync"
	"time"
	"unsafe"
)

type point struct{ X, Y int }
type withMu struct {
	mu sync.Mutex
	n  []int
}
type withFunc struct{ F func() }
type tree struct {
	Kids []*tree
	Tags map[string][]byte
}
type obj struct {
	Body interface{ Read([]byte) (int, error); Close() error }
	When time.Time
}

type (
	t0  = *http.Response
	t1  = []byte
	t2  = string
	t3  = point
	t4  = *point
	t5  = map[string]int
	t6  = error
	t7  = chan int
	t8  = func()
	t9  = withMu
	t10 = withFunc
	t11 = *tree
	t12 = *sql.Row
	t13 = net.Conn
	t14 = unsafe.Pointer
	t15 = []any
	t16 = time.Time
	t17 = obj
	t18 = [0]func()
	t19 = *http.Request
)
`

func TestTTLCopyableAgreesWithRuntime(t *testing.T) {
	// The runtime side of each row: the aliases in ttltypes_test.go mirror
	// ttlTypes declaration by declaration.
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
	p := codegentest.Load(t, "example.com/tt", map[string]string{"tt.go": ttlTypes})
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
