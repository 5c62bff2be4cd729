# Samantha. `make run` sets everything up and starts a conversation; `make test` sets everything
# up and runs the tests. Both install missing Debian packages first (tools/bootstrap.sh).

PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
SAMANTHA := $(BUILD_DIR)/apps/samantha/samantha

.PHONY: all bootstrap configure build run serve test bench format format-check clean

all: build

bootstrap:
	@tools/bootstrap.sh

$(BUILD_DIR)/CMakeCache.txt: | bootstrap
	@cmake --preset $(PRESET) >/dev/null

configure: bootstrap $(BUILD_DIR)/CMakeCache.txt

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	@$(SAMANTHA) chat $(ARGS)

# The web companion: serves web/ on http://127.0.0.1:8080 and prints the link to open (with a fresh
# token for the local person "me"). PORT=… to change the port.
PORT ?= 8080
serve: build
	@$(SAMANTHA) serve --port $(PORT) --local-user me --voice --web-root web $(ARGS)

test: bootstrap
	@tools/build_llama.sh --tools >/dev/null || echo "make test: llama-bench and llama-server could not be built; their tests skip" >&2
	@$(MAKE) --no-print-directory build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS) -LE 'model|gpu|slow|postgres'

bench: build
	@$(BUILD_DIR)/bench/turn_pipeline

format:
	@tools/format.sh

format-check:
	@tools/format.sh --check

clean:
	@rm -rf build
