package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"
)

// function is one running step of the chain: a separate process.
type function struct {
	name string
	addr string // host:port it listens on
	cmd  *exec.Cmd
	done chan struct{}
}

// startFunction runs bin with env, waits for its "listening on" line and
// forwards the rest of its log to logw.
func startFunction(ctx context.Context, name, bin string, env []string, logw io.Writer) (*function, error) {
	cmd := exec.Command(bin)
	cmd.Env = env
	setProcessGroup(cmd)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = logw
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	f := &function{name: name, cmd: cmd, done: make(chan struct{})}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if i := strings.Index(line, "listening on "); i >= 0 && !sent {
				addrc <- strings.TrimSpace(line[i+len("listening on "):])
				sent = true
				continue
			}
			fmt.Fprintf(logw, "  [%s] %s\n", name, line)
		}
	}()
	go func() { cmd.Wait(); close(f.done) }()
	select {
	case f.addr = <-addrc:
		return f, nil
	case <-f.done:
		return nil, fmt.Errorf("%s exited before listening: %v", name, cmd.ProcessState)
	case <-time.After(30 * time.Second):
		f.stop()
		return nil, fmt.Errorf("%s did not start listening within 30s", name)
	case <-ctx.Done():
		f.stop()
		return nil, ctx.Err()
	}
}

// stop ends the function's process group: politely, then for good.
func (f *function) stop() {
	if f == nil || f.cmd.Process == nil {
		return
	}
	signalGroup(f.cmd, false)
	select {
	case <-f.done:
	case <-time.After(3 * time.Second):
		signalGroup(f.cmd, true)
		<-f.done
	}
}

// killGroupOnCancel makes cancelling cmd's context kill its whole process
// group rather than only cmd itself.
func killGroupOnCancel(cmd *exec.Cmd) {
	setProcessGroup(cmd)
	cmd.Cancel = func() error {
		signalGroup(cmd, true)
		return nil
	}
}
