package envlib // want package:"hasEnvWrites"

// envlib changes the process environment for its callers, in ways a
// handler in another package cannot see from its own code.

import (
	"os"
	"syscall"
)

// UseRegion points the AWS SDK at a region.
func UseRegion(region string) { os.Setenv("AWS_REGION", region) } // want UseRegion:"writesEnv\\(os.Setenv\\)"

// Reset clears the environment through an unexported helper.
func Reset() { wipe() } // want Reset:"writesEnv\\(syscall.Clearenv\\)"

func wipe() { syscall.Clearenv() } // want wipe:"writesEnv\\(syscall.Clearenv\\)"

// Tenant sets the database a pool connects to.
type Tenant struct{ Name string }

// Use makes t the tenant of everything built afterwards.
func (t *Tenant) Use() { set := os.Setenv; set("PGDATABASE", t.Name) } // want Use:"writesEnv\\(os.Setenv\\)"

// Region reads the environment only.
func Region() string { return os.Getenv("AWS_REGION") }
