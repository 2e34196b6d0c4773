package infer

import "strings"

// HandlerNamed reports whether q names the handler whose full name is full
// (package path, dot, function or Type.Method) in package pkgPath, the way
// freshen-gen --handlers, the analyzer's settings and the runtime triggers
// accept names: the full name; the name within the package ("Handle",
// "Server.Handle"); or a tail of the full name that starts at a path
// element ("app.Handle", "api/app.Handle").
func HandlerNamed(full, pkgPath, q string) bool {
	if q == "" {
		return false
	}
	return q == full || q == strings.TrimPrefix(full, pkgPath+".") || strings.HasSuffix(full, "/"+q)
}

// HandlerSelected reports whether any name of filter names the handler;
// an empty filter selects every handler.
func HandlerSelected(full, pkgPath string, filter []string) bool {
	if len(filter) == 0 {
		return true
	}
	for _, q := range filter {
		if HandlerNamed(full, pkgPath, q) {
			return true
		}
	}
	return false
}
