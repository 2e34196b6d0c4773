// Command infer is step 2 of the image pipeline. It loads a small neural
// network and its config from the object store, classifies the validated
// image, stores the result and returns it.
//
// Request:  validate's response
// Response: {"image": "...", "label": "seven", "score": 0.93, "model": "digits-v3"}
//
// The model and the config are the same for every request: exactly the
// reads freshen can do before the function is called.
package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/freshen-go/freshen/fr/frhttp"
)

const (
	store      = "http://127.0.0.1:28087"
	modelURL   = store + "/models/digits-v3.bin"
	configURL  = store + "/models/digits-v3.json"
	resultsURL = store + "/results"
)

type request struct {
	Image  string `json:"image"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Pixels []byte `json:"pixels"`
}

type result struct {
	Image string  `json:"image"`
	Label string  `json:"label"`
	Score float64 `json:"score"`
	Model string  `json:"model"`
}

// config describes the model file: a 2-layer perceptron stored as
// little-endian float32 W1[in*hidden], b1[hidden], W2[hidden*classes], b2[classes].
type config struct {
	Version    string   `json:"version"`
	Inputs     int      `json:"inputs"`
	Hidden     int      `json:"hidden"`
	Labels     []string `json:"labels"`
	InputScale float64  `json:"input_scale"`
}

func handle(w http.ResponseWriter, r *http.Request) {
	var req request
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&req); err != nil {
		http.Error(w, "bad request: "+err.Error(), http.StatusBadRequest)
		return
	}

	resp, err := http.Get(modelURL)
	if err != nil {
		http.Error(w, "load model: "+err.Error(), http.StatusBadGateway)
		return
	}
	weights, err := readFloats(resp)
	if err != nil {
		http.Error(w, "load model: "+err.Error(), http.StatusBadGateway)
		return
	}

	cresp, err := http.Get(configURL)
	if err != nil {
		http.Error(w, "load config: "+err.Error(), http.StatusBadGateway)
		return
	}
	var cfg config
	err = json.NewDecoder(cresp.Body).Decode(&cfg)
	cresp.Body.Close()
	if err != nil {
		http.Error(w, "load config: "+err.Error(), http.StatusBadGateway)
		return
	}

	label, score, err := classify(cfg, weights, req.Pixels)
	if err != nil {
		http.Error(w, "classify: "+err.Error(), http.StatusUnprocessableEntity)
		return
	}
	res := result{Image: req.Image, Label: label, Score: score, Model: cfg.Version}
	body, err := json.Marshal(res)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}

	// The result differs per request; only the connection can be warmed.
	presp, err := http.Post(resultsURL, "application/json", bytes.NewReader(body))
	if err != nil {
		http.Error(w, "store result: "+err.Error(), http.StatusBadGateway)
		return
	}
	io.Copy(io.Discard, presp.Body)
	presp.Body.Close()
	if presp.StatusCode/100 != 2 {
		http.Error(w, "store result: "+presp.Status, http.StatusBadGateway)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(body, '\n'))
}

func readFloats(resp *http.Response) ([]float32, error) {
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s", resp.Status)
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, err
	}
	if len(raw)%4 != 0 {
		return nil, fmt.Errorf("model size %d is not a multiple of 4", len(raw))
	}
	out := make([]float32, len(raw)/4)
	for i := range out {
		out[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return out, nil
}

// classify runs the perceptron and returns the best label and its softmax
// probability.
func classify(cfg config, wts []float32, pixels []byte) (string, float64, error) {
	in, hid, out := cfg.Inputs, cfg.Hidden, len(cfg.Labels)
	if len(pixels) != in {
		return "", 0, fmt.Errorf("got %d pixels, model takes %d", len(pixels), in)
	}
	if want := in*hid + hid + hid*out + out; len(wts) != want {
		return "", 0, fmt.Errorf("model has %d weights, config says %d", len(wts), want)
	}
	w1, b1 := wts[:in*hid], wts[in*hid:in*hid+hid]
	rest := wts[in*hid+hid:]
	w2, b2 := rest[:hid*out], rest[hid*out:]

	h := make([]float64, hid)
	for j := range h {
		s := float64(b1[j])
		for i, p := range pixels {
			s += float64(w1[i*hid+j]) * float64(p) * cfg.InputScale
		}
		h[j] = math.Max(0, s) // ReLU
	}
	logits := make([]float64, out)
	best := 0
	for k := range logits {
		s := float64(b2[k])
		for j, v := range h {
			s += float64(w2[j*out+k]) * v
		}
		logits[k] = s
		if s > logits[best] {
			best = k
		}
	}
	var sum float64
	for _, l := range logits {
		sum += math.Exp(l - logits[best])
	}
	return cfg.Labels[best], 1 / sum, nil
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
