package benchreport

import (
	"fmt"
	"strconv"
	"strings"
)

// LocationInfo describes how one location was built and what it measured.
type LocationInfo struct {
	Name     string  `json:"name"`
	OneWayMs float64 `json:"one_way_ms"`
	RTTms    float64 `json:"rtt_ms"` // median TCP connect time
	Mode     string  `json:"mode"`   // veth, veth+netem, tun+delayline
	InitCwnd int     `json:"provider_initcwnd"`
}

// Meta is what the tables need besides the rows.
type Meta struct {
	Locations []LocationInfo
	Rate      string
	RateBits  float64
}

// Goals, from the issues that asked for this benchmark.
const (
	RetrievalGoal = 1.1 // freshened ≤ 1.1 × floor, every size and location
	SendGoal      = 1.3 // min(warmed, provider) ≤ 1.3 × floor at the far location, sizes ≥ SendGoalMin
	SendGoalMin   = 100 << 10
)

// Markdown renders the setup, both experiments and the goal check.
func Markdown(rows []Row, meta Meta) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Link: %s token-bucket cap on each direction.\n\n", meta.Rate)
	b.WriteString("| location | one-way delay | measured RTT (connect) | link | provider initcwnd |\n|---|---|---|---|---|\n")
	for _, l := range meta.Locations {
		fmt.Fprintf(&b, "| %s | %s ms | %s ms | %s | %d |\n", l.Name, ms(l.OneWayMs), ms(l.RTTms), l.Mode, l.InitCwnd)
	}

	b.WriteString("\n### Retrieval (Fig. 4): connect to last byte, p50 ms (p95)\n\n")
	b.WriteString("| location | size | cold | freshened | floor | saved by freshen | freshened ÷ floor | server cwnd (cold) |\n|---|---|---|---|---|---|---|---|\n")
	for _, loc := range Locations(rows, Retrieval) {
		for _, size := range Sizes(rows, Retrieval) {
			cold, okC := Find(rows, Retrieval, loc, size, Cold, "")
			fr, okF := Find(rows, Retrieval, loc, size, Freshened, "")
			fl, okL := Find(rows, Retrieval, loc, size, Floor, "")
			if !okC && !okF {
				continue
			}
			saved, ratio := "–", "–"
			if okC && okF {
				saved = ms(cold.P50 - fr.P50)
			}
			if okF && okL && fl.P50 > 0 {
				ratio = fmt.Sprintf("%.2f×", fr.P50/fl.P50)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", loc, HumanSize(size),
				cell(cold, okC), cell(fr, okF), cell(fl, okL), saved, ratio, cwnd(cold, okC))
		}
	}
	orderCheck(&b, rows)

	b.WriteString("\n### Send (Figs. 5–6): start of send to the server's completion reply, p50 ms (p95), CUBIC\n\n")
	b.WriteString("| location | size | cold | idle | warmed | provider | floor | best ÷ floor | best vs idle | cwnd before: cold / idle / warmed / provider |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, loc := range Locations(rows, Send) {
		for _, size := range Sizes(rows, Send) {
			get := func(v string) (Row, bool) { return Find(rows, Send, loc, size, v, "") }
			cold, okC := get(Cold)
			idle, okI := get(Idle)
			warm, okW := get(Warmed)
			prov, okP := get(Provider)
			fl, okL := get(Floor)
			if !okC && !okI {
				continue
			}
			best, okB := bestOf(warm, okW, prov, okP)
			ratio, vsIdle := "–", "–"
			if okB && okL && fl.P50 > 0 {
				ratio = fmt.Sprintf("%.2f×", best.P50/fl.P50)
			}
			if okB && okI && idle.P50 > 0 {
				vsIdle = fmt.Sprintf("%+.0f%%", 100*(best.P50/idle.P50-1))
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s / %s |\n", loc, HumanSize(size),
				cell(cold, okC), cell(idle, okI), cell(warm, okW), cell(prov, okP), cell(fl, okL), ratio, vsIdle,
				cwnd(cold, okC), cwnd(idle, okI), cwnd(warm, okW), cwnd(prov, okP))
		}
	}

	if hasCC(rows, "bbr") {
		b.WriteString("\n### Send with BBR (extra column): p50 ms (p95), cwnd before\n\n")
		b.WriteString("| location | size | cold (BBR) | idle (BBR) | warmed (BBR) | idle: CUBIC → BBR |\n|---|---|---|---|---|---|\n")
		for _, loc := range Locations(rows, Send) {
			for _, size := range Sizes(rows, Send) {
				cold, okC := Find(rows, Send, loc, size, Cold, "bbr")
				idle, okI := Find(rows, Send, loc, size, Idle, "bbr")
				warm, okW := Find(rows, Send, loc, size, Warmed, "bbr")
				if !okC && !okI && !okW {
					continue
				}
				cub, okU := Find(rows, Send, loc, size, Idle, "")
				change := "–"
				if okU && okI {
					change = fmt.Sprintf("%s → %s", ms(cub.P50), ms(idle.P50))
				}
				fmt.Fprintf(&b, "| %s | %s | %s, cwnd %s | %s, cwnd %s | %s, cwnd %s | %s |\n", loc, HumanSize(size),
					cell(cold, okC), cwnd(cold, okC), cell(idle, okI), cwnd(idle, okI), cell(warm, okW), cwnd(warm, okW), change)
			}
		}
	}

	b.WriteString("\n### Goals\n\n")
	for _, g := range CheckGoals(rows) {
		mark := "met"
		if !g.Met {
			mark = "**missed**"
		}
		fmt.Fprintf(&b, "- %s: %s (%s)\n", g.Name, mark, g.Detail)
	}
	return b.String()
}

// orderCheck shows the in-memory retrieval variants split by when they
// were timed in their iteration, so a reader can see that the order did
// not decide the comparison.
func orderCheck(b *strings.Builder, rows []Row) {
	var lines []string
	for _, loc := range Locations(rows, Retrieval) {
		for _, size := range Sizes(rows, Retrieval) {
			fr, okF := Find(rows, Retrieval, loc, size, Freshened, "")
			fl, okL := Find(rows, Retrieval, loc, size, Floor, "")
			if !okF || !okL || len(fr.P50ByOrder) != 2 || len(fl.P50ByOrder) != 2 {
				continue
			}
			lines = append(lines, fmt.Sprintf("| %s | %s | %s / %s | %s / %s |\n", loc, HumanSize(size),
				ms(fr.P50ByOrder[0]), ms(fr.P50ByOrder[1]), ms(fl.P50ByOrder[0]), ms(fl.P50ByOrder[1])))
		}
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("\nfreshened and floor take turns at being timed first after the freshen's network wait, each after the same warm-up; p50 ms by turn:\n\n")
	b.WriteString("| location | size | freshened: first / second | floor: first / second |\n|---|---|---|---|\n")
	for _, l := range lines {
		b.WriteString(l)
	}
}

// Goal is one checked goal.
type Goal struct {
	Name   string
	Met    bool
	Detail string
}

// CheckGoals checks the retrieval goal at every location and size, and
// the send goal at the farthest location.
func CheckGoals(rows []Row) []Goal {
	var goals []Goal
	for _, loc := range Locations(rows, Retrieval) {
		for _, size := range Sizes(rows, Retrieval) {
			fr, okF := Find(rows, Retrieval, loc, size, Freshened, "")
			fl, okL := Find(rows, Retrieval, loc, size, Floor, "")
			if !okF || !okL || fl.P50 <= 0 {
				continue
			}
			r := fr.P50 / fl.P50
			goals = append(goals, Goal{
				Name:   fmt.Sprintf("retrieval %s %s freshened ≤ %.1f× floor", loc, HumanSize(size), RetrievalGoal),
				Met:    r <= RetrievalGoal,
				Detail: fmt.Sprintf("%.2f×: %s ms vs %s ms", r, ms(fr.P50), ms(fl.P50)),
			})
		}
	}
	loc := farthest(rows)
	for _, size := range Sizes(rows, Send) {
		if size < SendGoalMin {
			continue
		}
		warm, okW := Find(rows, Send, loc, size, Warmed, "")
		prov, okP := Find(rows, Send, loc, size, Provider, "")
		fl, okL := Find(rows, Send, loc, size, Floor, "")
		best, okB := bestOf(warm, okW, prov, okP)
		if !okB || !okL || fl.P50 <= 0 {
			continue
		}
		r := best.P50 / fl.P50
		goals = append(goals, Goal{
			Name:   fmt.Sprintf("send %s %s best of warmed/provider ≤ %.1f× floor", loc, HumanSize(size), SendGoal),
			Met:    r <= SendGoal,
			Detail: fmt.Sprintf("%.2f× (%s %s ms vs floor %s ms)", r, best.Variant, ms(best.P50), ms(fl.P50)),
		})
	}
	return goals
}

func bestOf(a Row, okA bool, b Row, okB bool) (Row, bool) {
	switch {
	case okA && okB:
		if b.P50 < a.P50 {
			return b, true
		}
		return a, true
	case okA:
		return a, true
	case okB:
		return b, true
	}
	return Row{}, false
}

func farthest(rows []Row) string {
	far := ""
	for _, r := range rows {
		if far == "" || LocationOrder[r.Location] > LocationOrder[far] {
			far = r.Location
		}
	}
	return far
}

func hasCC(rows []Row, cc string) bool {
	for _, r := range rows {
		if r.CC == cc {
			return true
		}
	}
	return false
}

func cell(r Row, ok bool) string {
	if !ok {
		return "–"
	}
	if r.Iterations <= 1 || r.P95 == r.P50 {
		return ms(r.P50)
	}
	return fmt.Sprintf("%s (%s)", ms(r.P50), ms(r.P95))
}

func cwnd(r Row, ok bool) string {
	if !ok || r.CwndBefore == nil {
		return "–"
	}
	return fmt.Sprint(*r.CwndBefore)
}

func ms(x float64) string {
	switch {
	case x < 0:
		return "-" + ms(-x)
	case x == 0:
		return "0"
	case x < 1:
		return strconv.FormatFloat(x, 'g', 3, 64)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}
