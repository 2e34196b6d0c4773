// Package lib has a fetch helper that app calls across the package boundary.
package lib

import "os"

// Load reads a configuration file.
func Load(name string) ([]byte, error) { return os.ReadFile("/etc/vetmod/" + name) }
