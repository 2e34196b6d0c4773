package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/freshen-go/freshen/fr/chain"
)

// storeAddr is the object store's address: the one the example's
// constants name, since freshen can only prefetch from constant URLs.
const storeAddr = "127.0.0.1:28087"

// steps are the chain's functions, in order; each is a directory of
// examples/pipeline.
var steps = []string{"validate", "infer", "notify"}

const modulePath = "github.com/freshen-go/freshen"

// run does the whole demo. Progress goes to logw. A non-nil result is
// printable even when err is set (it then says what is missing).
func run(ctx context.Context, c config, logw io.Writer) (*result, error) {
	if c.runs < 1 {
		return nil, errors.New("-n must be at least 1")
	}
	progress := func(format string, args ...any) { fmt.Fprintf(logw, "freshen-demo: "+format+"\n", args...) }
	repo, err := findRepo(c.repo)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "freshen-demo-")
	if err != nil {
		return nil, err
	}
	if c.keep {
		progress("keeping %s", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	res := &result{cfg: c}

	// 1. A copy of the example, its own module using this checkout of freshen.
	src := filepath.Join(tmp, "pipeline")
	progress("copying examples/pipeline to %s", src)
	if err := copyExample(repo, src); err != nil {
		return nil, err
	}
	// Record the copy's indirect requirements, as a real module would
	// have them; package loading (freshen-gen) insists on a tidy go.mod.
	if out, err := goCmd(ctx, src, "mod", "tidy"); err != nil {
		return nil, fmt.Errorf("go mod tidy in the copy: %w\n%s", err, out)
	}

	// 2. freshen-gen fix on the copy.
	if c.noGen {
		res.gen = "not run (-no-gen): the functions run as written, without freshen code"
	} else {
		res.gen, err = generate(ctx, c, repo, tmp, src, progress)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err != nil {
			res.gen = "FAILED: " + err.Error()
			progress("%s", res.gen)
			progress("going on with the example as written, so freshen has nothing to do")
		}
	}
	for _, s := range steps {
		if _, err := os.Stat(filepath.Join(src, s, "freshen_gen.go")); err == nil {
			res.generated = append(res.generated, s)
		}
	}
	if len(res.generated) > 0 {
		// A rewritten package must still pass its own tests.
		progress("testing the rewritten copy")
		if out, err := goCmd(ctx, src, "test", "./..."); err != nil {
			return nil, fmt.Errorf("the rewritten example fails its own tests: %w\n%s", err, out)
		}
		res.gen += "\n  the rewritten copy passes its own tests (go test ./...)"
	}

	// 3. Build the three functions from the copy.
	bin := filepath.Join(tmp, "bin")
	progress("building %s", strings.Join(steps, ", "))
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, s := range steps {
		args = append(args, "./"+s)
	}
	if out, err := goCmd(ctx, src, args...); err != nil {
		return nil, fmt.Errorf("build the copied example: %w\n%s", err, out)
	}

	// 4. The object store and the functions.
	store := newObjectStore(c.latency, c.bandwidth, 64, c.rejectEvery)
	stopStore, err := serveStore(store, storeAddr)
	if err != nil {
		return nil, err
	}
	defer stopStore()
	progress("object store on %s: %v per request, %.1f MiB/s", storeAddr, c.latency, c.bandwidth/(1<<20))

	token, err := newToken()
	if err != nil {
		return nil, err
	}
	env := append(slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "FRESHEN_TOKEN=") || strings.HasPrefix(kv, "LISTEN_ADDR=") || strings.HasPrefix(kv, "PORT=")
	}), "FRESHEN_TOKEN="+token, "LISTEN_ADDR=127.0.0.1:0")
	logs := io.Discard
	if c.verbose {
		logs = logw
	}
	fns := make([]*function, len(steps))
	defer func() {
		for _, f := range fns {
			f.stop()
		}
	}()
	for i, s := range steps {
		fns[i], err = startFunction(ctx, s, filepath.Join(bin, exeName(s)), env, logs)
		if err != nil {
			return nil, err
		}
		res.pids = append(res.pids, fns[i].cmd.Process.Pid)
		progress("%s listening on %s (pid %d)", s, fns[i].addr, fns[i].cmd.Process.Pid)
	}

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 8, IdleConnTimeout: time.Minute},
	}
	spec := chain.Spec{Name: "image-pipeline", Lookahead: c.lookahead}
	for i, s := range steps {
		spec.Steps = append(spec.Steps, chain.StepSpec{Name: s, HTTP: &chain.HTTPSpec{
			URL: "http://" + fns[i].addr + "/_freshen", TokenEnv: "FRESHEN_TOKEN",
		}})
	}
	ch, err := spec.Build(chain.Options{HTTPClient: client, Getenv: func(string) string { return token }})
	if err != nil {
		return nil, err
	}

	d := &driver{client: client, fns: fns, token: token, store: store, hop: c.hop}
	for _, f := range fns {
		m, err := scrape(ctx, client, f.addr, token)
		if err != nil {
			return nil, err
		}
		res.entries = append(res.entries, m.entries)
	}

	// 5. Drive the chain: without freshen, with predicted freshen, and
	// with every freshen completed before the chain starts.
	pred := chain.NewPredictor(ch, chain.PredictorOptions{OnFired: res.recordTrigger})
	var answers map[string]string
	for _, ph := range []struct {
		name string
		how  how
	}{
		{"freshen off", how{}},
		{"freshen on", how{pred: pred}},
		{"ideal", how{prepare: res.freshenAll(ch)}},
	} {
		progress("%s: %d warm-up and %d measured chain runs", ph.name, c.warmup, c.runs)
		p, err := d.phase(ctx, ph.name, ph.how, c.warmup, c.runs, func(i int) {
			if (i+1)%10 == 0 {
				progress("%s: %d/%d", ph.name, i+1, c.runs)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ph.name, err)
		}
		if answers == nil {
			answers = p.answers
		} else {
			for k, v := range p.answers {
				if answers[k] != v {
					res.mismatch = append(res.mismatch, fmt.Sprintf("%s: %s vs %s", k, answers[k], v))
				}
			}
		}
		res.phases = append(res.phases, p)
		if ph.how.pred != nil {
			ph.how.pred.Wait()
			res.plan = ph.how.pred.Plan()
		}
	}
	progress("done; stopping the functions and the object store")
	if len(res.mismatch) > 0 {
		return res, fmt.Errorf("%d chain results differ with freshen on", len(res.mismatch))
	}
	return res, nil
}

// freshenAll returns the ideal phase's preparation: it freshens every
// step, the first one too, and waits until all have completed, so that
// each step of the chain run that follows finds its freshen done however
// long it took. The triggers are synchronous, so a trigger that returns
// with a report saying "ok" has completed; any other outcome is counted.
func (r *result) freshenAll(ch *chain.Chain) func(context.Context) error {
	return func(ctx context.Context) error {
		var wg sync.WaitGroup
		for _, s := range ch.Steps {
			tt, ok := s.Trigger.(chain.TimedTrigger)
			if !ok {
				continue
			}
			wg.Go(func() {
				if took, err := tt.FireTimed(ctx); err != nil || took <= 0 {
					r.idealIncomplete.Add(1)
				}
			})
		}
		wg.Wait()
		return ctx.Err()
	}
}

// generate runs freshen-gen fix on the copy and describes what it did.
func generate(ctx context.Context, c config, repo, tmp, src string, progress func(string, ...any)) (string, error) {
	gen := c.gen
	if gen != "" {
		// It runs in the copy's directory.
		abs, err := filepath.Abs(gen)
		if err != nil {
			return "", err
		}
		gen = abs
	} else {
		gen = filepath.Join(tmp, "tools", exeName("freshen-gen"))
		progress("building freshen-gen")
		if out, err := goCmd(ctx, repo, "build", "-o", gen, "./cmd/freshen-gen"); err != nil {
			return "", fmt.Errorf("build freshen-gen: %w: %s", err, firstLines(out, 3))
		}
	}
	progress("running freshen-gen fix ./... on the copy")
	cmd := exec.CommandContext(ctx, gen, "fix", "./...")
	cmd.Dir = src
	killGroupOnCancel(cmd)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("freshen-gen fix: %w: %s", err, firstLines(out, 5))
	}
	msg := "freshen-gen fix ./... applied to a copy of examples/pipeline"
	// Its summary lines, e.g. "…/infer: 1 handler, 2 fetch, 1 warm, …".
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			msg += "\n  " + strings.TrimPrefix(l, "freshen.demo/pipeline/")
		}
	}
	return msg, nil
}

// copyExample copies examples/pipeline into dst as a module of its own
// that uses the freshen module at repo.
func copyExample(repo, dst string) error {
	from := filepath.Join(repo, "examples", "pipeline")
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o755)
		}
		if d.Name() == "freshen_gen.go" {
			return nil // the copy gets its own, from freshen-gen
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o644)
	})
	if err != nil {
		return fmt.Errorf("copy example: %w", err)
	}
	gomod := fmt.Sprintf("module freshen.demo/pipeline\n\ngo 1.26.0\n\nrequire %s v0.0.0\n\nreplace %s => %s\n",
		modulePath, modulePath, filepath.ToSlash(repo))
	if err := os.WriteFile(filepath.Join(dst, "go.mod"), []byte(gomod), 0o644); err != nil {
		return err
	}
	// The freshen module's checksums cover everything the copy builds with.
	sum, err := os.ReadFile(filepath.Join(repo, "go.sum"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dst, "go.sum"), sum, 0o644)
}

// findRepo returns the root of the freshen module: dir if set, else the
// first parent of the working directory whose go.mod declares it.
func findRepo(dir string) (string, error) {
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return "", err
		}
		for d := wd; ; d = filepath.Dir(d) {
			if isRepo(d) {
				return d, nil
			}
			if filepath.Dir(d) == d {
				return "", fmt.Errorf("no go.mod of %s above %s: run from the checkout or pass -repo", modulePath, wd)
			}
		}
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if !isRepo(dir) {
		return "", fmt.Errorf("%s is not the root of %s", dir, modulePath)
	}
	return dir, nil
}

func isRepo(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	return err == nil && bytes.HasPrefix(bytes.TrimSpace(b), []byte("module "+modulePath+"\n"))
}

func goCmd(ctx context.Context, dir string, args ...string) ([]byte, error) {
	gobin := filepath.Join(os.Getenv("GOROOT"), "bin", "go")
	if os.Getenv("GOROOT") == "" {
		gobin = "go"
	}
	cmd := exec.CommandContext(ctx, gobin, args...)
	cmd.Dir = dir
	killGroupOnCancel(cmd) // the go command's compilers go too
	return cmd.CombinedOutput()
}

func exeName(s string) string {
	if filepath.Separator == '\\' {
		return s + ".exe"
	}
	return s
}

func firstLines(b []byte, n int) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) > n {
		lines = append(lines[:n], "…")
	}
	return strings.Join(lines, " | ")
}

func newToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}
