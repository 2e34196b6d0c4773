package codegen_test

import (
	"database/sql"
	"net"
	"net/http"
	"sync"
	"time"
	"unsafe"
)

// Runtime twins of the ttlTypes declarations.
type (
	ttPoint  struct{ X, Y int }
	ttWithMu struct {
		mu sync.Mutex
		n  []int
	}
	ttWithFunc struct{ F func() }
	ttTree     struct {
		Kids []*ttTree
		Tags map[string][]byte
	}
	ttObj struct {
		Body interface {
			Read([]byte) (int, error)
			Close() error
		}
		When time.Time
	}
)

type (
	t0  = *http.Response
	t1  = []byte
	t2  = string
	t3  = ttPoint
	t4  = *ttPoint
	t5  = map[string]int
	t6  = error
	t7  = chan int
	t8  = func()
	t9  = ttWithMu
	t10 = ttWithFunc
	t11 = *ttTree
	t12 = *sql.Row
	t13 = net.Conn
	t14 = unsafe.Pointer
	t15 = []any
	t16 = time.Time
	t17 = ttObj
	t18 = [0]func()
	t19 = *http.Request
)
