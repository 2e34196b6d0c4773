//go:build !freshen_never

package main

import "os"

func helper() {
	os.ReadFile("/etc/on") // want `fetch #1`
}
