#!/usr/bin/env bash
# vetbench: time `go vet -vettool=bin/freshen-vet ./...` against plain
# `go vet ./...` on this repository (examples included), and print the ratio
# of the medians.
#
# go vet caches its results, so every timed run starts from a copy of a
# build cache that holds compiled packages but no vet results: both sides
# do all of their vet work (dependencies' facts included) and no compiling.
#
# Usage: scripts/vetbench.sh [runs]   (default 5)
set -euo pipefail

runs=${1:-5}
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

# timeit CMD...: seconds of one run on a fresh copy of the seed cache.
timeit() {
	rm -rf "$work/cache"
	cp -r "$seed" "$work/cache"
	local start end
	start=$(date +%s.%N)
	GOCACHE="$work/cache" "$@" >/dev/null 2>&1 || true # findings exit non-zero
	end=$(date +%s.%N)
	echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

plain=()
fresh=()
for i in $(seq "$runs"); do
	# Alternate the order so drift in machine load hits both sides.
	if ((i % 2)); then
		plain+=("$(timeit go vet ./...)")
		fresh+=("$(timeit go vet -vettool="$tool" ./...)")
	else
		fresh+=("$(timeit go vet -vettool="$tool" ./...)")
		plain+=("$(timeit go vet ./...)")
	fi
done

p=$(printf '%s\n' "${plain[@]}" | median)
f=$(printf '%s\n' "${fresh[@]}" | median)
echo "go vet ./...                      runs: ${plain[*]}  median ${p}s"
echo "go vet -vettool=freshen-vet ./... runs: ${fresh[*]}  median ${f}s"
echo "ratio freshen-vet / go vet: $(echo "scale=3; $f / $p" | bc)"
