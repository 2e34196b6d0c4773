package fr

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// ErrBodyTooLarge is returned when a body exceeds the State's body limit;
// such results are not prefetched or cached.
var ErrBodyTooLarge = errors.New("body over the freshen buffer limit")

// errNoSafeCopy: a value of a copyable type holds, behind an interface, a
// value that has none. Such a value is handed out once instead of cached.
var errNoSafeCopy = errors.New("no safe copy")

// copier knows how to keep values of one type and hand out copies.
type copier struct {
	typ reflect.Type
	ok  bool  // values have a safe per-caller copy
	why error // when !ok: the reason, for codegen and docs

	// freeze makes a value safe to keep after the call that produced it:
	// bodies are read into memory. nil: keep as is. On error the value
	// returned is still usable by a caller (a body is restored).
	freeze func(v any, limit int64) (any, int64, error)
	// clone returns a per-caller copy of a frozen value. nil with ok:
	// returning the value itself is a copy (no shared mutable memory).
	clone func(any) any
	// typed is clone as a func(T) T, which spares the hit path boxing
	// the value twice; set once by typedCopier.
	typed     any
	typedOnce sync.Once
	bytesLike bool // T's underlying type is a slice of bytes
	// closable: a value of the type may hold something closeValue
	// closes (it is an interface, an io.Closer, or has a response body).
	closable bool
}

// copies returns c when its values need copying, else nil.
func (c *copier) copies() *copier {
	if c.clone == nil {
		return nil
	}
	return c
}

// typedCopier returns the copier of T with its typed clone set.
func typedCopier[T any]() *copier {
	c := lookupCopier(reflect.TypeFor[T]())
	c.typedOnce.Do(func() {
		switch {
		case c.clone == nil:
		case c.bytesLike:
			// Same layout as []byte whatever T's name: copy the bytes
			// without going through an interface.
			c.typed = func(v T) T {
				b := bytes.Clone(*(*[]byte)(unsafe.Pointer(&v)))
				return *(*T)(unsafe.Pointer(&b))
			}
		default:
			c.typed = func(v T) T { return c.clone(v).(T) }
		}
	})
	return c
}

func (c *copier) freezeValue(v any, limit int64) (any, int64, error) {
	if c.freeze == nil {
		if c.bytesLike && c.typ != bytesType {
			return v, int64(reflect.ValueOf(v).Len()), nil
		}
		return v, sizeOf(v), nil
	}
	return c.freeze(v, limit)
}

func sizeOf(v any) int64 {
	switch x := v.(type) {
	case string:
		return int64(len(x))
	case []byte:
		return int64(len(x))
	}
	return 0
}

var copiers sync.Map // reflect.Type → *copier

func lookupCopier(t reflect.Type) *copier {
	if c, ok := copiers.Load(t); ok {
		return c.(*copier)
	}
	c := buildCopier(t)
	actual, _ := copiers.LoadOrStore(t, c)
	return actual.(*copier)
}

var (
	responseType = reflect.TypeFor[*http.Response]()
	timeType     = reflect.TypeFor[time.Time]()
	locationType = reflect.TypeFor[*time.Location]()
	bytesType    = reflect.TypeFor[[]byte]()
	readCloser   = reflect.TypeFor[io.ReadCloser]()
	closerType   = reflect.TypeFor[io.Closer]()
)

// NewTTLCopier returns the function that copies values of type T for
// callers of an entry with a TTL, or an error when T has no safe copy
// (funcs, channels, unsafe pointers, or T itself an interface); codegen
// refuses a TTL for such a T with that error as the reason.
//
// Copies share no mutable memory: []byte is copied, strings are shared
// (immutable), pointer-free values are copied by assignment, pointers,
// slices and maps are copied deeply. An *http.Response, or a struct with an
// exported Body io.ReadCloser field (such as an S3 GetObjectOutput), has its
// body read into memory once (at most DefaultBodyLimit bytes, else
// ErrBodyTooLarge) and each copy gets a fresh reader over it. Interface
// values inside T are checked when copied; one holding an uncopyable value
// yields an error. The function consumes the argument's body: for a
// pointer argument it is replaced by an in-memory reader, for a struct
// value use the returned copy.
func NewTTLCopier[T any]() (func(T) (T, error), error) {
	c := typedCopier[T]()
	if !c.ok {
		return nil, c.why
	}
	return func(v T) (T, error) {
		fv, _, err := c.freezeValue(v, DefaultBodyLimit)
		if err != nil {
			var zero T
			return zero, err
		}
		return copyOf(fv.(T), c.copies()), nil
	}, nil
}

func buildCopier(t reflect.Type) *copier {
	c := &copier{typ: t}
	switch {
	case t == responseType:
		c.ok, c.freeze, c.clone = true, freezeResponse, cloneResponse
	case t == bytesType:
		c.ok, c.bytesLike = true, true
		c.clone = func(v any) any { return bytes.Clone(v.([]byte)) }
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		// A named byte slice type: copied like []byte.
		c.ok, c.bytesLike = true, true
		c.clone = func(v any) any {
			rv := reflect.ValueOf(v)
			if rv.IsNil() {
				return v
			}
			out := reflect.MakeSlice(t, rv.Len(), rv.Len())
			reflect.Copy(out, rv)
			return out.Interface()
		}
	case shareable(t):
		c.ok = true
	case t.Kind() == reflect.Interface:
		c.why = fmt.Errorf("type %v is an interface: its dynamic value has no known safe copy", t)
	default:
		if err := deepCopyable(t, map[reflect.Type]bool{}); err != nil {
			c.why = fmt.Errorf("type %v has no safe copy: %w", t, err)
			break
		}
		c.ok = true
		c.clone = func(v any) any {
			out, err := deepClone(reflect.ValueOf(v))
			if err != nil {
				// freeze validated this value; a failure here is a bug.
				panic(fmt.Sprintf("fr: copying %v: %v", t, err))
			}
			return out.Interface()
		}
		c.freeze = func(v any, limit int64) (any, int64, error) {
			fv, n, err := freezeBody(v, limit)
			if err != nil {
				return fv, 0, err
			}
			// Validate the dynamic parts now, so that clones on the hit
			// path cannot fail.
			if _, err := deepClone(reflect.ValueOf(fv)); err != nil {
				return fv, n, fmt.Errorf("%w: %w", errNoSafeCopy, err)
			}
			return fv, n, nil
		}
	}
	_, _, hasBody := bodyField(t)
	if c.ok && c.freeze == nil && hasBody {
		c.freeze = freezeBody
	}
	c.closable = t.Kind() == reflect.Interface || t.Implements(closerType) || t == responseType || hasBody
	return c
}

// shareable reports whether values of t share no mutable memory once
// assigned: no pointers, or only pointers to immutable data (strings,
// time zones).
func shareable(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		return true
	case reflect.Array:
		return t.Len() == 0 || shareable(t.Elem())
	case reflect.Struct:
		if t == timeType {
			return true
		}
		for i := range t.NumField() {
			if !shareable(t.Field(i).Type) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		return t == locationType
	}
	return false
}

// deepCopyable reports why t cannot be deep-copied, if it cannot.
func deepCopyable(t reflect.Type, seen map[reflect.Type]bool) error {
	if seen[t] || shareable(t) {
		return nil
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return deepCopyable(t.Elem(), seen)
	case reflect.Map:
		if err := deepCopyable(t.Key(), seen); err != nil {
			return err
		}
		return deepCopyable(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			f := t.Field(i)
			if err := deepCopyable(f.Type, seen); err != nil {
				return fmt.Errorf("field %s: %w", f.Name, err)
			}
		}
		return nil
	case reflect.Interface:
		return nil // checked per value
	}
	return fmt.Errorf("%v is a %v", t, t.Kind())
}

// deepClone copies v so that the copy shares no mutable memory with it.
func deepClone(v reflect.Value) (reflect.Value, error) {
	out := reflect.New(v.Type()).Elem()
	err := (&cloner{memo: map[ptrKey]reflect.Value{}}).copy(out, v)
	return out, err
}

type ptrKey struct {
	p unsafe.Pointer
	t reflect.Type
}

type cloner struct {
	memo map[ptrKey]reflect.Value // keeps aliasing and ends cycles
}

// copy sets dst (settable, same type as src) to a deep copy of src.
func (c *cloner) copy(dst, src reflect.Value) error {
	t := src.Type()
	if shareable(t) {
		dst.Set(src)
		return nil
	}
	switch t.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return nil
		}
		k := ptrKey{src.UnsafePointer(), t}
		if p, ok := c.memo[k]; ok {
			dst.Set(p)
			return nil
		}
		p := reflect.New(t.Elem())
		c.memo[k] = p
		dst.Set(p)
		return c.copy(p.Elem(), src.Elem())
	case reflect.Slice:
		if src.IsNil() {
			return nil
		}
		s := reflect.MakeSlice(t, src.Len(), src.Cap())
		dst.Set(s)
		if shareable(t.Elem()) {
			reflect.Copy(s, src)
			return nil
		}
		for i := range src.Len() {
			if err := c.copy(s.Index(i), src.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Array:
		for i := range src.Len() {
			if err := c.copy(dst.Index(i), src.Index(i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if src.IsNil() {
			return nil
		}
		m := reflect.MakeMapWithSize(t, src.Len())
		dst.Set(m)
		it := src.MapRange()
		for it.Next() {
			k := reflect.New(t.Key()).Elem()
			if err := c.copy(k, it.Key()); err != nil {
				return err
			}
			val := reflect.New(t.Elem()).Elem()
			if err := c.copy(val, it.Value()); err != nil {
				return err
			}
			m.SetMapIndex(k, val)
		}
		return nil
	case reflect.Struct:
		// Assignment copies every field, unexported ones included; then
		// the fields holding pointers are replaced by deep copies.
		if !src.CanAddr() {
			// Fields of an unaddressable struct cannot be opened; work
			// on an addressable copy.
			tmp := reflect.New(t).Elem()
			tmp.Set(src)
			src = tmp
		}
		dst.Set(src)
		for i := range t.NumField() {
			ft := t.Field(i).Type
			if shareable(ft) {
				continue
			}
			if err := c.copy(settable(dst.Field(i)), readable(src.Field(i))); err != nil {
				return fmt.Errorf("%v.%s: %w", t, t.Field(i).Name, err)
			}
		}
		return nil
	case reflect.Interface:
		if src.IsNil() {
			return nil
		}
		e := src.Elem()
		if b, ok := e.Interface().(*bodyBuf); ok {
			dst.Set(reflect.ValueOf(newBodyBuf(b.b)))
			return nil
		}
		if err := deepCopyable(e.Type(), map[reflect.Type]bool{}); err != nil {
			return err
		}
		cp := reflect.New(e.Type()).Elem()
		if err := c.copy(cp, e); err != nil {
			return err
		}
		dst.Set(cp)
		return nil
	}
	return fmt.Errorf("%v is a %v", t, t.Kind())
}

// settable and readable open unexported fields of values the cloner itself
// allocated (dst) or only reads (src).
func settable(v reflect.Value) reflect.Value {
	if v.CanSet() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

func readable(v reflect.Value) reflect.Value {
	if v.CanInterface() {
		return v
	}
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// bodyBuf is a buffered body: every copy reads the same bytes from the start.
type bodyBuf struct {
	b []byte
	bytes.Reader
}

func newBodyBuf(b []byte) *bodyBuf {
	x := &bodyBuf{b: b}
	x.Reset(b)
	return x
}

// Close does nothing: the bytes are in memory.
func (*bodyBuf) Close() error { return nil }

// restoredBody gives a caller the bytes already read followed by the rest
// of the original body.
type restoredBody struct {
	io.Reader
	io.Closer
}

// readBody reads rc into memory, at most limit bytes. Over the limit or on
// a read error, it returns a body that still yields everything.
func readBody(rc io.ReadCloser, limit int64) (io.ReadCloser, []byte, error) {
	if rc == nil || rc == http.NoBody {
		return rc, nil, nil
	}
	if b, ok := rc.(*bodyBuf); ok {
		return b, b.b, nil
	}
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	if err != nil {
		return restoredBody{io.MultiReader(bytes.NewReader(b), rc), rc}, nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(b)) > limit {
		return restoredBody{io.MultiReader(bytes.NewReader(b), rc), rc}, nil, fmt.Errorf("%w (%d bytes)", ErrBodyTooLarge, limit)
	}
	_ = rc.Close()
	return newBodyBuf(b), b, nil
}

func freezeResponse(v any, limit int64) (any, int64, error) {
	r := v.(*http.Response)
	if r == nil {
		return v, 0, nil
	}
	body, b, err := readBody(r.Body, limit)
	r.Body = body
	return r, int64(len(b)), err
}

func cloneResponse(v any) any {
	r := v.(*http.Response)
	if r == nil {
		return r
	}
	cp := *r
	cp.Header = r.Header.Clone()
	cp.Trailer = r.Trailer.Clone()
	cp.TransferEncoding = append([]string(nil), r.TransferEncoding...)
	if b, ok := r.Body.(*bodyBuf); ok {
		cp.Body = newBodyBuf(b.b)
	}
	if r.Request != nil {
		cp.Request = r.Request.Clone(r.Request.Context())
	}
	return &cp
}

// bodyField finds an exported field Body of type io.ReadCloser in a struct
// or pointer-to-struct type.
func bodyField(t reflect.Type) (int, bool, bool) {
	ptr := false
	if t.Kind() == reflect.Pointer {
		t, ptr = t.Elem(), true
	}
	if t.Kind() != reflect.Struct {
		return 0, false, false
	}
	f, ok := t.FieldByName("Body")
	if !ok || len(f.Index) != 1 || !f.IsExported() || f.Type != readCloser {
		return 0, false, false
	}
	return f.Index[0], ptr, true
}

// freezeBody buffers the Body field of a struct or pointer to struct.
func freezeBody(v any, limit int64) (any, int64, error) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return v, 0, nil
	}
	idx, ptr, ok := bodyField(rv.Type())
	if !ok {
		return v, 0, nil
	}
	var sv reflect.Value
	if ptr {
		if rv.IsNil() {
			return v, 0, nil
		}
		sv = rv.Elem()
	} else {
		sv = reflect.New(rv.Type()).Elem()
		sv.Set(rv)
	}
	f := sv.Field(idx)
	rc, _ := f.Interface().(io.ReadCloser)
	body, b, err := readBody(rc, limit)
	if body != nil {
		f.Set(reflect.ValueOf(body))
	}
	if ptr {
		return v, int64(len(b)), err
	}
	return sv.Interface(), int64(len(b)), err
}

// bodyOf returns the body of a response or Body-struct value, or nil.
func bodyOf(v any) io.Closer {
	if r, ok := v.(*http.Response); ok {
		if r == nil || r.Body == nil {
			return nil
		}
		return r.Body
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return nil
	}
	idx, ptr, ok := bodyField(rv.Type())
	if !ok {
		return nil
	}
	if ptr {
		if rv.IsNil() {
			return nil
		}
		rv = rv.Elem()
	}
	rc, _ := rv.Field(idx).Interface().(io.ReadCloser)
	if rc == nil {
		return nil
	}
	return rc
}

// failure reports results that succeeded as calls but must not be served
// to a later caller: a server error now says nothing about a call later.
func failure(v any) error {
	if r, ok := v.(*http.Response); ok && r != nil && r.StatusCode >= 500 {
		return fmt.Errorf("server answered %s", r.Status)
	}
	return nil
}

// errOf returns v.Err() for single-result calls whose result carries its
// error (redis commands, *sql.Row).
func errOf(v any) (err error) {
	e, ok := v.(interface{ Err() error })
	if !ok || isNilPtr(v) {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("Err: panic: %v", r)
		}
	}()
	return e.Err()
}
