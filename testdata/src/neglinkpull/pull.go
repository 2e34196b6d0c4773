// Package neglinkpull writes a variable of another package through a
// //go:linkname pull.
package neglinkpull

import _ "unsafe"

//go:linkname stolen neglink.target
var stolen string

// Set changes neglink.target behind its package's back.
func Set(s string) { stolen = s }
