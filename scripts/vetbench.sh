#!/usr/bin/env bash
# vetbench: time `go vet -vettool=bin/freshen-vet ./...` against plain
# `go vet ./...` on this repository (examples included), and print the ratio
# of the medians.
#
# go vet caches its results, so every timed run starts from a copy of a
# build cache that holds compiled packages but no vet results: both sides
# do all of their vet work (dependencies' facts included) and no compiling.
#
# Usage: scripts/vetbench.sh [runs]   (default 7)
set -euo pipefail

runs=${1:-7}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

go build -o "$root/bin/freshen-vet" ./cmd/freshen-vet
tool="$root/bin/freshen-vet"

# A cache with every package (and test variant) compiled, and nothing vetted.
seed="$work/seed"
# (Errors are tolerated: a package that does not build costs both sides the
# same.)
GOCACHE="$seed" go build ./... >/dev/null 2>&1 || true
GOCACHE="$seed" go test -count=1 -run '^$' ./... >/dev/null 2>&1 || true

# timeit CMD...: "wall cpu" seconds of one run on a fresh copy of the seed
# cache; cpu is user+sys of all child processes, which contention from
# other work on the machine disturbs less than wall time.
timeit() {
	rm -rf "$work/cache"
	cp -r "$seed" "$work/cache"
	local TIMEFORMAT='%R %U %S' t
	# findings make go vet exit non-zero: not an error here
	t=$({ time GOCACHE="$work/cache" "$@" >/dev/null 2>&1 || true; } 2>&1)
	read -r real user sys <<<"$t"
	echo "$real $(echo "$user + $sys" | bc)"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

plain_wall=() plain_cpu=() tool_wall=() tool_cpu=()
run_plain() { read -r w c <<<"$(timeit go vet ./...)"; plain_wall+=("$w"); plain_cpu+=("$c"); }
run_tool() { read -r w c <<<"$(timeit go vet -vettool="$tool" ./...)"; tool_wall+=("$w"); tool_cpu+=("$c"); }
for i in $(seq "$runs"); do
	# Alternate the order so drift in machine load hits both sides.
	if ((i % 2)); then run_plain; run_tool; else run_tool; run_plain; fi
done

report() {
	local name=$1 a b
	shift
	a=$(printf '%s\n' "${@:1:$runs}" | median)
	b=$(printf '%s\n' "${@:$((runs + 1))}" | median)
	echo "$name: go vet median ${a}s (${*:1:$runs}); freshen-vet median ${b}s (${*:$((runs + 1))}); ratio $(echo "scale=3; $b / $a" | bc)"
}
echo "load average before/after: $load0 / $(cut -d' ' -f1-3 /proc/loadavg)"
report wall "${plain_wall[@]}" "${tool_wall[@]}"
report cpu "${plain_cpu[@]}" "${tool_cpu[@]}"
