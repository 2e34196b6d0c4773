// Command validate is step 1 of the image pipeline. It fetches the upload
// named in the request from the object store and checks that it is a
// 16×16 8-bit grayscale PGM before later steps spend money on it.
//
// Request:  {"image": "uploads/0007.pgm"}
// Response: {"image": "...", "width": 16, "height": 16, "pixels": "<base64>"}
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/freshen-go/freshen/fr/frhttp"
)

// store is the object store the pipeline reads from.
const store = "http://127.0.0.1:28087"

const side = 16

type request struct {
	Image string `json:"image"`
}

type response struct {
	Image  string `json:"image"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Pixels []byte `json:"pixels"`
}

func handle(w http.ResponseWriter, r *http.Request) {
	var req request
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&req); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	if !strings.HasPrefix(req.Image, "uploads/") || strings.Contains(req.Image, "..") {
		http.Error(w, "image must be under uploads/", http.StatusBadRequest)
		return
	}
	// The key comes from the request: this call cannot run early, but its
	// connection to the store can be opened early.
	resp, err := http.Get(store + "/" + req.Image)
	if err != nil {
		http.Error(w, "fetch image: "+err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		http.Error(w, "fetch image: "+resp.Status, http.StatusBadGateway)
		return
	}
	pixels, err := decodePGM(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		http.Error(w, "invalid image: "+err.Error(), http.StatusUnprocessableEntity)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(response{Image: req.Image, Width: side, Height: side, Pixels: pixels})
}

// decodePGM reads a binary (P5) PGM of side×side pixels with maxval 255.
func decodePGM(r io.Reader) ([]byte, error) {
	br := bufio.NewReader(r)
	var magic string
	var wd, ht, maxval int
	if _, err := fmt.Fscan(br, &magic, &wd, &ht, &maxval); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if magic != "P5" || wd != side || ht != side || maxval != 255 {
		return nil, fmt.Errorf("want P5 %dx%d maxval 255, got %s %dx%d maxval %d", side, side, magic, wd, ht, maxval)
	}
	if _, err := br.ReadByte(); err != nil { // the single whitespace after maxval
		return nil, fmt.Errorf("header: %w", err)
	}
	px := make([]byte, side*side)
	if _, err := io.ReadFull(br, px); err != nil {
		return nil, fmt.Errorf("pixels: %w", err)
	}
	if bytes.Count(px, []byte{0}) == len(px) {
		return nil, fmt.Errorf("blank image")
	}
	return px, nil
}

func main() {
	http.HandleFunc("/", handle)
	fh := frhttp.Mount(http.DefaultServeMux, frhttp.Options{})
	serve(fh.Observe(http.DefaultServeMux))
}

// serve listens on LISTEN_ADDR, else on PORT (as Cloud Run and Knative
// set it), else on :8080, and says where on stderr.
func serve(h http.Handler) {
	addr := os.Getenv("LISTEN_ADDR")
	if addr == "" {
		addr = ":" + envOr("PORT", "8080")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("listening on %s", ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
