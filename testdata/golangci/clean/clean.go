// Package clean has nothing for freshen to say.
package clean

import "strings"

// Upper upper-cases s.
func Upper(s string) string { return strings.ToUpper(s) }
