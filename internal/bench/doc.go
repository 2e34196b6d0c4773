// Package bench is freshen-bench: it reproduces the paper's Figures 4–6 on
// the kernel's own TCP stack. The parent process builds a netlab.Lab per
// location (local, edge, remote), starts this same binary again inside the
// server namespace as the file and sink server, and inside the function
// namespace as the client that times each variant, then aggregates the
// samples with benchreport.
//
// Retrieval (Fig. 4) times connect-to-last-byte of an HTTP GET: cold (the
// function fetches itself), freshened (fr.FrFetch hit after fr's freshen
// completed) and floor (the same bytes copied from memory); the last two
// take microseconds at small sizes, so they take turns at being timed first
// after the freshen's network wait, each after the same warm-up. Send (Figs. 5–6)
// times a payload to the server's completion reply: cold (new connection),
// idle (runtime-scoped connection left idle until the kernel's
// slow-start-after-idle has decayed its window), warmed (fr.FrWarm right
// after a freshen Warm that pushed a discarded burst through the same
// connection) and provider (tcp_slow_start_after_idle=0 plus a per-route
// initcwnd, what a provider can set today in place of the paper's
// warm_cwnd); its floor is RTT + size ÷ link rate.
package bench
