package chain

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Lookahead is how far ahead of a starting step the predictor freshens:
// a number of successors, or Auto.
type Lookahead int

// Auto freshens each step as late as its measured freshen time allows:
// at the start of the latest predecessor from which the measured run times
// of the steps in between still cover the time its freshen takes (see
// Predictor). A step whose freshen takes longer than the chain gives it is
// freshened when the chain starts. In a spec: "lookahead": "auto".
const Auto Lookahead = -1

func (l Lookahead) String() string {
	if l == Auto {
		return "auto"
	}
	return strconv.Itoa(int(l))
}

// MarshalJSON writes a number, or "auto".
func (l Lookahead) MarshalJSON() ([]byte, error) {
	if l == Auto {
		return []byte(`"auto"`), nil
	}
	return strconv.AppendInt(nil, int64(l), 10), nil
}

// UnmarshalJSON reads a number of successors or the string "auto".
func (l *Lookahead) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte(`"auto"`)) {
		*l = Auto
		return nil
	}
	var n int
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("lookahead: want a number of steps or \"auto\", got %s", b)
	}
	if n < 0 {
		// -1 is Auto in Go, but a spec says "auto".
		return fmt.Errorf("lookahead %d < 0: want a number of steps or \"auto\"", n)
	}
	*l = Lookahead(n)
	return nil
}

// What Auto measures and how it reads the measurements. A freshen is
// judged by its slow side and a step by its fast side, so that a plan
// errs towards firing early: firing early costs at most a wasted freshen
// when the chain stops before the step, firing late costs the step's
// caller the wait.
const (
	leadWindow   = 16  // measurements kept per step
	leadMin      = 3   // measurements needed before they are trusted
	needQuantile = 0.9 // of a step's freshen durations
	runQuantile  = 0.1 // of a step's run times
)

// window keeps the last leadWindow durations of one quantity.
type window struct {
	d    [leadWindow]time.Duration
	n    int // values stored, at most leadWindow
	next int
}

func (w *window) add(d time.Duration) {
	w.d[w.next] = d
	w.next = (w.next + 1) % leadWindow
	w.n = min(w.n+1, leadWindow)
}

// quantile returns the nearest-rank q-quantile, or 0 with fewer than
// leadMin values.
func (w *window) quantile(q float64) time.Duration {
	if w.n < leadMin {
		return 0
	}
	s := slices.Clone(w.d[:w.n])
	slices.Sort(s)
	k := int(q*float64(len(s))+0.999999) - 1
	return s[min(max(k, 0), len(s)-1)]
}

// estimate is what a plan is made from, per step: how long its freshen
// takes (need; 0: not measured) and how long the step runs until the next
// one starts, hand-over included (run; 0: not measured).
type estimate struct {
	need, run time.Duration
	trigger   bool // the step can be freshened
}

// planFire returns, for each step j, the step whose start fires j's
// freshen, or -1 when j is not freshened (the first step, or no trigger).
// It fires j at the latest step i in [j-maxK, j) whose run time, with
// those of the steps up to j, covers j's freshen; when none does, or
// j's freshen or a run time in between is not measured yet, at j-maxK
// (but not before the first step).
func planFire(est []estimate, maxK int) []int {
	fire := make([]int, len(est))
	for j := range est {
		fire[j] = -1
		if j == 0 || !est[j].trigger {
			continue
		}
		earliest := max(j-maxK, 0)
		fire[j] = earliest
		need := est[j].need
		if need <= 0 {
			continue
		}
		var lead time.Duration
		for i := j - 1; i >= earliest; i-- {
			if est[i].run <= 0 {
				break // unknown: only earliest is safe
			}
			lead += est[i].run
			if lead >= need {
				fire[j] = i
				break
			}
		}
	}
	return fire
}

// PlanStep says when an Auto predictor freshens one step, and why.
type PlanStep struct {
	Step string `json:"step"`
	// FireAt is the step whose start fires this step's freshen; empty when
	// it is never freshened (the first step, or no trigger).
	FireAt string `json:"fire_at,omitempty"`
	// Need is the measured time its freshen takes (a high quantile of
	// recent ones); 0 until measured.
	Need time.Duration `json:"need_ns"`
	// Lead is the expected time from FireAt's start to this step's start
	// (a low quantile of recent run times); 0 until measured.
	Lead time.Duration `json:"lead_ns"`
}

// Short is how long the step is expected to wait for its freshen: the part
// of Need that Lead does not cover. 0 when it is covered or not measured.
func (s PlanStep) Short() time.Duration {
	if s.Need <= 0 || s.Lead <= 0 || s.Lead >= s.Need {
		return 0
	}
	return s.Need - s.Lead
}
