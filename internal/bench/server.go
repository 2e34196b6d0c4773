//go:build linux

package bench

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/freshen-go/freshen/fr"
)

type connKey struct{}

// serverMain is the hidden `_serve` subcommand: the file server (HTTP) and
// the sink, run inside the server namespace. It prints "ready" once both
// listen and stops when its stdin closes (the parent's way to stop it).
func serverMain(args []string) error {
	fs := flag.NewFlagSet("_serve", flag.ContinueOnError)
	addr := fs.String("addr", "", "address to listen on (inside the lab)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *addr == "" {
		return errors.New("_serve: -addr is required")
	}
	block := pattern(chunk)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /file", func(w http.ResponseWriter, r *http.Request) {
		size, err := strconv.ParseInt(r.URL.Query().Get("size"), 10, 64)
		if err != nil || size < 0 {
			http.Error(w, "bad size", http.StatusBadRequest)
			return
		}
		// The server is the sender here: report its window before the body.
		if c, ok := r.Context().Value(connKey{}).(net.Conn); ok {
			if facts, err := fr.TCPInfo(c); err == nil {
				w.Header().Set("X-Sender-Cwnd", strconv.Itoa(int(facts.SndCwnd)))
			}
		}
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.Header().Set("Content-Type", "application/octet-stream")
		for left := size; left > 0; {
			n := min(left, int64(len(block)))
			if _, err := w.Write(block[:n]); err != nil {
				return
			}
			left -= n
		}
	})
	hl, err := net.Listen("tcp", net.JoinHostPort(*addr, strconv.Itoa(httpPort)))
	if err != nil {
		return fmt.Errorf("listen http: %w", err)
	}
	sl, err := net.Listen("tcp", net.JoinHostPort(*addr, strconv.Itoa(sinkPort)))
	if err != nil {
		hl.Close()
		return fmt.Errorf("listen sink: %w", err)
	}
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, connKey{}, c)
		},
	}
	go srv.Serve(hl)
	go func() {
		for {
			c, err := sl.Accept()
			if err != nil {
				return
			}
			go func() {
				if err := serveSink(c); err != nil {
					fmt.Fprintln(os.Stderr, "sink:", err)
				}
			}()
		}
	}()
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	sl.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	return nil
}
