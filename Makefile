GO ?= go
BIN := $(CURDIR)/bin

.PHONY: all build test vet demo bench bench-quick tools freshen-gen clean fmt

all: build

build:
	$(GO) build ./...

tools:
	$(GO) build -o $(BIN)/ ./cmd/...

freshen-gen:
	$(GO) build -o $(BIN)/freshen-gen ./cmd/freshen-gen

# The whole suite: vet plus race-enabled tests. The timeout is per test
# binary and sits under the 10 minutes the suite has on two cores, so a
# hung test fails with its goroutines dumped rather than being killed.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 9m ./...

# Runs the example chain (examples/pipeline) without and with freshen:
# freshen-gen fix on a copy, three functions as processes, an object store
# with latency and a bandwidth cap; see cmd/freshen-demo for flags.
demo: tools
	$(BIN)/freshen-demo -gen $(BIN)/freshen-gen $(DEMOFLAGS)

# Reproduces the paper's Figures 4-6 on the kernel's TCP stack in network
# namespaces (root; about 20 minutes) and writes docs/bench/. Installs
# iproute2 from Debian's packages when ip or tc is missing.
bench:
	@command -v ip >/dev/null 2>&1 && command -v tc >/dev/null 2>&1 || \
		(apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y iproute2)
	$(GO) build -o $(BIN)/freshen-bench ./cmd/freshen-bench
	$(BIN)/freshen-bench -json docs/bench/results.json -md docs/bench/results.md -plots docs/bench

# The same in under two minutes, for CI smoke tests; skips without root.
bench-quick:
	$(GO) build -o $(BIN)/freshen-bench ./cmd/freshen-bench
	$(BIN)/freshen-bench -quick

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^testdata/')

clean:
	rm -rf $(BIN)

# Times go vet -vettool=bin/freshen-vet against plain go vet on this repo.
.PHONY: vetbench
vetbench:
	scripts/vetbench.sh $(RUNS)

# freshen-gen list (empty and warm analysis cache, and without it) next to
# go vet -vettool=freshen-vet (cold and cached) and the loading floor,
# go list -deps -export: wall, CPU and peak memory on this repository and
# on github.com/aws/aws-lambda-go (LAMBDA_VERSION, from the module proxy).
# Installs GNU time from Debian's packages when it is missing.
.PHONY: perfbench
perfbench:
	@test -x /usr/bin/time || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y time)
	scripts/perfbench.sh $(RUNS)
