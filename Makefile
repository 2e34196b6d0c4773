GO ?= go
BIN := $(CURDIR)/bin

.PHONY: all build test vet demo bench tools clean fmt

all: build

build:
	$(GO) build ./...

tools:
	$(GO) build -o $(BIN)/ ./cmd/...

# The whole suite: vet plus race-enabled tests.
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

# Runs the example chain (examples/pipeline) without and with freshen:
# freshen-gen fix on a copy, three functions as processes, an object store
# with latency and a bandwidth cap; see cmd/freshen-demo for flags.
demo: tools
	$(BIN)/freshen-demo -gen $(BIN)/freshen-gen $(DEMOFLAGS)

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^testdata/')

clean:
	rm -rf $(BIN)
