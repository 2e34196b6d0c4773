// Package tenant imports no environment writer itself: it reaches one
// through awsenv.
package tenant

import "example.com/hoistenv/awsenv"

// Select makes name the tenant of what is built afterwards.
func Select(name string) { awsenv.UseDatabase("tenant_" + name) }
