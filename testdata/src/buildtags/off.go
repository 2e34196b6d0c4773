//go:build freshen_never

package main

import "os"

func helper() {
	os.ReadFile("/etc/off") // excluded by its build tag: never analysed
}
