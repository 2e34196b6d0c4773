package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// counters are one function's metrics, summed over its handlers and
// entries, by metric name.
type counters struct {
	sum     map[string]float64
	entries int // fr_state entries registered (lines of freshen_entry_runs_total)
}

// scrape reads a function's Prometheus endpoint.
func scrape(ctx context.Context, c *http.Client, addr, token string) (counters, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+"/_freshen/metrics", nil)
	if err != nil {
		return counters{}, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		return counters{}, fmt.Errorf("metrics of %s: %w", addr, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return counters{}, fmt.Errorf("metrics of %s: %s", addr, resp.Status)
	}
	out := counters{sum: map[string]float64{}}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		sp := strings.LastIndexByte(line, ' ')
		if sp < 0 {
			continue
		}
		name := line[:sp]
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name = name[:i]
		}
		v, err := strconv.ParseFloat(line[sp+1:], 64)
		if err != nil {
			return counters{}, fmt.Errorf("metrics of %s: %q: %w", addr, line, err)
		}
		out.sum[name] += v
		if name == "freshen_entry_runs_total" {
			out.entries++
		}
	}
	return out, sc.Err()
}

// minus returns the growth of each counter since before.
func (c counters) minus(before counters) counters {
	d := counters{sum: map[string]float64{}, entries: c.entries}
	for k, v := range c.sum {
		d.sum[k] = v - before.sum[k]
	}
	return d
}

func (c counters) count(name string) string { return fmt.Sprint(int64(c.sum[name] + 0.5)) }
