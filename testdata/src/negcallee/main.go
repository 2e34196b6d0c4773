// Package main hands constant-looking memory to functions that write
// through their pointer arguments.
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
)

type header struct{ N uint32 }

type config struct{ Path string }

var (
	port     = "8080"
	decoded  = &config{Path: "/data/a"}
	buf      = make([]byte, 8)
	flagged  = "/data/b"
	hdr      header
	paths    = []string{"/data/c", "/data/d"}
	printed  = &config{Path: "/data/e"}
	lines    = []string{"/data/f"}
	joined   = []string{"/data", "g"}
	readerOf = []byte("/data/h")
)

func init() {
	flag.StringVar(&flagged, "path", "/data/b", "path")
}

func main() {
	http.HandleFunc("/", Handle)
	flag.Parse()
}

func Handle(w http.ResponseWriter, r *http.Request) {
	fmt.Sscan(r.URL.Query().Get("port"), &port)
	json.NewDecoder(r.Body).Decode(decoded)
	io.ReadFull(r.Body, buf)
	binary.Read(r.Body, binary.LittleEndian, &hdr)
	sort.Slice(paths, func(i, j int) bool { return paths[i] > paths[j] })
	fmt.Println(printed)
	fmt.Fprintln(w, lines)
	rd := bytes.NewReader(readerOf)
	io.Copy(w, rd)

	os.ReadFile("/data/" + port)           // reject `depends on port, which is passed to fmt.Sscan in Handle, which may change it`
	os.ReadFile(decoded.Path)              // reject `depends on decoded, which is passed to json.\(\*Decoder\).Decode in Handle, which may change it`
	os.ReadFile(string(buf))               // reject `depends on buf, which is passed to io.ReadFull in Handle, which may change it`
	os.ReadFile(flagged)                   // reject `argument flagged is passed to flag.StringVar in init, which may change it`
	os.ReadFile(fmt.Sprint(hdr.N))         // reject `depends on hdr, which is passed to binary.Read in Handle, which may change it`
	os.ReadFile(paths[0])                  // reject `depends on paths, which is passed to sort.Slice in Handle, which may change it`
	os.ReadFile(printed.Path)              // want `fetch #0`
	os.ReadFile(lines[0])                  // want `fetch #1`
	os.ReadFile(strings.Join(joined, "/")) // want `fetch #2`
	os.ReadFile(string(readerOf))          // want `fetch #3`
}
