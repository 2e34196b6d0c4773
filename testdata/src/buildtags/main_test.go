package main

import (
	"net/http"
	"os"
	"testing"
)

var testPath = "/tmp/x"

// Test files neither register handlers nor count as writes.
func TestHandle(t *testing.T) {
	testPath = t.TempDir()
	http.HandleFunc("/t", testHandler)
}

func testHandler(w http.ResponseWriter, r *http.Request) { os.ReadFile(testPath) }
