package main

import udiff "github.com/aymanbagabas/go-udiff"

// unified is the unified diff (three lines of context) that turns a into b,
// labelled oldName and newName; "" when they are equal.
func unified(oldName, newName string, a, b []byte) string {
	return udiff.Unified(oldName, newName, string(a), string(b))
}
