#!/usr/bin/env bash
# Builds golangci-lint with the freshen module plugin the way users do
# (`golangci-lint custom` with testdata/golangci/.custom-gcl.yml) and runs the
# golangci package's end-to-end test with it: the custom binary must report
# what `go vet -vettool=freshen-vet` reports.
#
# The binary is cached under $FRESHEN_GOLANGCI_CACHE (default
# ~/.cache/freshen/golangci-lint), keyed by the golangci-lint and Go versions
# and the freshen sources linked into it, so a second run only runs the test.
#
# `golangci-lint custom` clones golangci-lint's repository from GitHub. The
# clone is served instead from a local git repository holding the same tag
# as the Go module proxy serves it (checksum-verified by the go command), so
# the build needs nothing but the module proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export GOWORK=off

cfg=testdata/golangci/.custom-gcl.yml
version=$(sed -n 's/^version: *//p' "$cfg")
[ -n "$version" ] || { echo "golangci-check: $cfg: no version" >&2; exit 2; }
gover=$(go env GOVERSION)
cache=${FRESHEN_GOLANGCI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/freshen/golangci-lint}
mkdir -p "$cache"

# The key covers everything the plugin links from this module.
files=$(go list -deps -f '{{if and .Module (eq .Module.Path "github.com/freshen-go/freshen")}}{{range .GoFiles}}{{$.Dir}}/{{.}}
{{end}}{{end}}' ./golangci | sed '/^$/d' | sort)
key=$({
	echo "golangci-lint $version $gover $(go env GOOS)/$(go env GOARCH)"
	sha256sum go.mod go.sum
	# shellcheck disable=SC2086 # one path per line, no spaces in this tree
	sha256sum $files | sed "s|$root/||"
} | sha256sum | cut -c1-16)
bin=$cache/$key/custom-gcl

if [ -x "$bin" ]; then
	echo "golangci-check: using $bin"
else
	work=$(mktemp -d /tmp/freshen-gcl.XXXXXX)
	trap 'rm -rf "$work"' EXIT

	# golangci-lint's source at $version, from the module proxy, as a git
	# repository with that tag.
	mirror=$cache/src/golangci-lint-$version
	if [ ! -d "$mirror/.git" ]; then
		src=$(go mod download -json "github.com/golangci/golangci-lint/v2@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
		[ -d "$src" ] || { echo "golangci-check: cannot download golangci-lint $version" >&2; exit 2; }
		mkdir -p "$cache/src"
		tmp=$(mktemp -d "$cache/src/.tmp.XXXXXX")
		cp -R "$src/." "$tmp/"
		chmod -R u+w "$tmp"
		git -C "$tmp" init -q
		git -C "$tmp" add -A -f
		git -C "$tmp" -c user.name=freshen -c user.email=ci@freshen.invalid -c commit.gpgsign=false \
			commit -q -m "golangci-lint $version as served by the Go module proxy"
		git -C "$tmp" tag "$version"
		mv "$tmp" "$mirror" 2>/dev/null || rm -rf "$tmp" # another run made it first
	fi

	# The released golangci-lint, to run `custom` with.
	boot=$cache/bootstrap/$version-$gover
	t0=$(date +%s)
	if [ ! -x "$boot/golangci-lint" ]; then
		GOBIN=$boot go install "github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$version"
	fi
	t1=$(date +%s)

	(
		cd testdata/golangci
		GIT_CONFIG_COUNT=1 \
			GIT_CONFIG_KEY_0="url.file://$mirror.insteadOf" \
			GIT_CONFIG_VALUE_0=https://github.com/golangci/golangci-lint.git \
			"$boot/golangci-lint" custom -v --destination "$work/out"
	)
	t2=$(date +%s)
	echo "golangci-check: go install golangci-lint $version: $((t1 - t0))s; golangci-lint custom: $((t2 - t1))s"

	mkdir -p "$cache/$key"
	mv "$work/out/custom-gcl" "$bin.tmp"
	mv -f "$bin.tmp" "$bin"
	echo "golangci-check: built $bin"

	# Keep the three newest binaries (about 50 MB each): enough for a few
	# checkouts on one machine.
	# shellcheck disable=SC2012 # names are hex keys
	ls -1dt "$cache"/*/custom-gcl | tail -n +4 | while read -r old; do
		rm -rf "$(dirname "$old")"
	done
fi

FRESHEN_GOLANGCI_LINT=$bin go test -count=1 -run 'TestGolangciLint' ./golangci/
