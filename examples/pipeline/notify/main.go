// Command notify is step 3 of the image pipeline. It loads the alert
// thresholds from the object store and, for a confident enough result,
// posts a notification.
//
// Request:  infer's response
// Response: {"image": "...", "notified": true, "reason": "..."}
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/freshen-go/freshen/fr/frhttp"
)

const (
	store         = "http://127.0.0.1:28087"
	thresholdsURL = store + "/config/thresholds.json"
	notifyURL     = store + "/notifications"
)

type request struct {
	Image string  `json:"image"`
	Label string  `json:"label"`
	Score float64 `json:"score"`
	Model string  `json:"model"`
}

// thresholds say which labels are worth a notification, and how sure the
// model must be.
type thresholds struct {
	MinScore float64            `json:"min_score"`
	PerLabel map[string]float64 `json:"per_label"`
	Channel  string             `json:"channel"`
}

type response struct {
	Image    string `json:"image"`
	Notified bool   `json:"notified"`
	Reason   string `json:"reason"`
}

func handle(w http.ResponseWriter, r *http.Request) {
	var req request
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&req); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}
	resp, err := http.Get(thresholdsURL)
	if err != nil {
		http.Error(w, "load thresholds: "+err.Error(), http.StatusBadGateway)
		return
	}
	var th thresholds
	err = json.NewDecoder(resp.Body).Decode(&th)
	resp.Body.Close()
	if err != nil {
		http.Error(w, "load thresholds: "+err.Error(), http.StatusBadGateway)
		return
	}

	min := th.MinScore
	if v, ok := th.PerLabel[req.Label]; ok {
		min = v
	}
	out := response{Image: req.Image}
	if req.Score < min {
		out.Reason = fmt.Sprintf("score %.2f below %.2f for %q", req.Score, min, req.Label)
	} else {
		msg, _ := json.Marshal(map[string]string{
			"channel": th.Channel,
			"text":    fmt.Sprintf("%s looks like %q (%.0f%%, model %s)", req.Image, req.Label, 100*req.Score, req.Model),
		})
		nresp, err := http.Post(notifyURL, "application/json", bytes.NewReader(msg))
		if err != nil {
			http.Error(w, "notify: "+err.Error(), http.StatusBadGateway)
			return
		}
		io.Copy(io.Discard, nresp.Body)
		nresp.Body.Close()
		if nresp.StatusCode/100 != 2 {
			http.Error(w, "notify: "+nresp.Status, http.StatusBadGateway)
			return
		}
		out.Notified, out.Reason = true, "sent to "+th.Channel
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(out)
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
