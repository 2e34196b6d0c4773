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

# Runs the main job on the bundled example.
demo: tools
	$(BIN)/freshen-gen list ./examples/...

fmt:
	gofmt -w $$(git ls-files '*.go' | grep -v '^testdata/')

clean:
	rm -rf $(BIN)
