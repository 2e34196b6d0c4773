#!/usr/bin/env bash
# perfbench: what freshen-gen list costs next to go vet with freshen-vet
# and next to the loading floor, go list -deps -export, on this repository
# and on a large real module (github.com/aws/aws-lambda-go at a pinned
# version, from the module proxy). For each: wall time, CPU (user+sys of
# the command and everything it ran) and peak memory (the largest single
# process), as medians of RUNS runs taken in alternating order.
#
#   floor            go list -deps -export ./...       (build cache warm)
#   vet cold         go vet -vettool=freshen-vet ./... (packages built, nothing vetted)
#   vet cached       the same again                    (vet results cached)
#   list cold        freshen-gen list ./...            (empty freshen cache)
#   list warm        the same again                    (unchanged tree)
#   list no-cache    freshen-gen list --no-cache ./...
#   list full-load   the same, every dependency type-checked from source
#                    (how freshen-gen loaded before it read export data)
#
# Usage: scripts/perfbench.sh [runs]   (default 5)
#   LAMBDA_VERSION=v1.55.1   the aws-lambda-go version to measure
set -euo pipefail

runs=${1:-5}
lambda_version=${LAMBDA_VERSION:-v1.55.1}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [[ ! -x /usr/bin/time ]]; then
	echo "perfbench: needs GNU time (/usr/bin/time): apt-get install time" >&2
	exit 2
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

go build -o "$work/bin/freshen-gen" ./cmd/freshen-gen
go build -o "$work/bin/freshen-vet" ./cmd/freshen-vet
gen=$work/bin/freshen-gen
vet=$work/bin/freshen-vet

# The large module: its own tree from the module cache, made writable, in
# a directory of its own (its go.mod is the main module).
mod=$(go mod download -json "github.com/aws/aws-lambda-go@$lambda_version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [[ -z $mod ]]; then
	echo "perfbench: go mod download github.com/aws/aws-lambda-go@$lambda_version failed" >&2
	exit 2
fi
cp -r "$mod" "$work/lambda"
chmod -R u+w "$work/lambda"

# measure DIR GOCACHE FRESHEN_CACHE CMD...: prints "wall cpu peakMB".
measure() {
	local dir=$1 gocache=$2 fcache=$3 out
	shift 3
	out=$(cd "$dir" && GOCACHE=$gocache FRESHEN_CACHE=$fcache GOFLAGS=-mod=mod \
		/usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null | tail -1)
	read -r wall user sys kb <<<"$out"
	echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}') $((kb / 1024))"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

bench() {
	local name=$1 dir=$2
	local seed=$work/seed-$name
	echo
	echo "== $name ($(cd "$dir" && go list ./... 2>/dev/null | wc -l) packages, $(cd "$dir" && go list -deps ./... 2>/dev/null | wc -l) with dependencies)"
	# A build cache with every package compiled and nothing vetted: the
	# starting point of each cold run, so that no side compiles.
	(cd "$dir" && GOCACHE=$seed GOFLAGS=-mod=mod go list -deps -export ./... >/dev/null 2>&1 || true)
	(cd "$dir" && GOCACHE=$seed GOFLAGS=-mod=mod go test -count=1 -vet=off -run '^$' ./... >/dev/null 2>&1 || true)

	declare -A res=()
	local i gc fc
	for i in $(seq "$runs"); do
		gc=$work/gocache
		fc=$work/fcache
		rm -rf "$gc" "$fc"
		cp -r "$seed" "$gc"
		# Alternate the order so drift in the machine's load hits all.
		if ((i % 2)); then
			res[floor]+="$(measure "$dir" "$gc" off go list -deps -export ./...)"$'\n'
			res[vet_cold]+="$(measure "$dir" "$gc" off go vet -vettool="$vet" ./...)"$'\n'
			res[vet_cached]+="$(measure "$dir" "$gc" off go vet -vettool="$vet" ./...)"$'\n'
			res[list_cold]+="$(measure "$dir" "$gc" "$fc" "$gen" list ./...)"$'\n'
			res[list_warm]+="$(measure "$dir" "$gc" "$fc" "$gen" list ./...)"$'\n'
			res[list_nocache]+="$(measure "$dir" "$gc" off "$gen" list ./...)"$'\n'
			res[list_fullload]+="$(measure "$dir" "$gc" off "$gen" list --full-load ./...)"$'\n'
		else
			res[list_fullload]+="$(measure "$dir" "$gc" off "$gen" list --full-load ./...)"$'\n'
			res[list_cold]+="$(measure "$dir" "$gc" "$fc" "$gen" list ./...)"$'\n'
			res[list_warm]+="$(measure "$dir" "$gc" "$fc" "$gen" list ./...)"$'\n'
			res[list_nocache]+="$(measure "$dir" "$gc" off "$gen" list ./...)"$'\n'
			res[vet_cold]+="$(measure "$dir" "$gc" off go vet -vettool="$vet" ./...)"$'\n'
			res[vet_cached]+="$(measure "$dir" "$gc" off go vet -vettool="$vet" ./...)"$'\n'
			res[floor]+="$(measure "$dir" "$gc" off go list -deps -export ./...)"$'\n'
		fi
	done

	col() { printf '%s' "${res[$1]}" | awk -v c="$2" 'NF {print $c}' | median; }
	local floor_cpu vet_cpu k
	floor_cpu=$(col floor 2)
	vet_cpu=$(col vet_cached 2)
	printf '%-14s %8s %8s %8s %10s %15s\n' "" "wall s" "cpu s" "peak MB" "cpu/floor" "cpu/vet-cached"
	for k in floor vet_cold vet_cached list_cold list_warm list_nocache list_fullload; do
		printf '%s %s %s\n' "$(col "$k" 1)" "$(col "$k" 2)" "$(col "$k" 3)" |
			awk -v k="$k" -v f="$floor_cpu" -v v="$vet_cpu" \
				'{printf "%-14s %8.2f %8.2f %8d %10.2f %15.2f\n", k, $1, $2, $3, $2 / f, $2 / v}'
	done
}

echo "perfbench: $runs runs each, medians; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench freshen "$root"
bench aws-lambda-go@"$lambda_version" "$work/lambda"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
