# Stratus: the two commands a new user needs are `make demo` and `make test`.
# Both install missing Debian packages first (scripts/install-deps.sh), then build.

PRESET ?= release
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)

.PHONY: all deps configure build test demo bench soak format format-check sanitize clean

all: build

deps:
	@scripts/install-deps.sh

configure: deps
	@cmake --preset $(PRESET) > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

# Every unit, integration, contract, end-to-end, race and bad-input test.
test: build
	@ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# Replays August 2015 for the bundled symbols on the dev profile.
demo: build
	@scripts/demo.sh $(BUILD_DIR)/apps/stratus/stratus

# Benchmarks: evaluate in memory (Google Benchmark) and whole-process against Python/pandas.
bench: build
	@scripts/bench.sh $(BUILD_DIR)

# The AWS Lambda deployment package dist/stratus-lambda.zip (provided.al2023, x86_64), from a
# release build of stratus: see scripts/package-lambda.sh.
.PHONY: package
package: deps
	@cmake --preset release > /dev/null
	@cmake --build build/release -j $(JOBS) --target stratus
	@scripts/package-lambda.sh build/release/apps/stratus/stratus dist

# Long-running checks kept out of `make test`: repeated races.
soak: build
	@scripts/soak.sh $(BUILD_DIR)

sanitize:
	@$(MAKE) test PRESET=asan-ubsan

format:
	@git ls-files '*.h' '*.cc' | xargs clang-format -i

format-check:
	@git ls-files '*.h' '*.cc' | xargs clang-format --dry-run --Werror

clean:
	@rm -rf build var
