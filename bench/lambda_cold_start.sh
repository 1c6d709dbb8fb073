#!/usr/bin/env bash
# lambda_cold_start.sh BUILD_DIR: section (d) of `make bench`: the packaged Lambda function
# (scripts/package-lambda.sh, unzipped) against the Runtime API emulator: its cold start (spawn
# of bootstrap -> first GET .../invocation/next) and the latency of each of the five functions
# (event handed out -> response received), against a Python function that imports pandas
# (bench/lambda_python_handler.py) started the same way, in the same run.
#
# Untimed setup: the package from BUILD_DIR/apps/stratus/stratus, unzipped into an empty
# directory; the five events of 2015-08-24 on the bundled data (data/bars/sp500-16.csv.gz) made
# by `stratus invoke` down the chain (as tests/lambda/bootstrap_test.sh does); the Python task
# root (a bootstrap that execs /usr/bin/python3 on the handler, and bench/evaluate_pandas.py).
# Then bench/lambda_cold_start_report.py times BENCH_RUNS_LAMBDA interleaved runs.
#
# Exits 1 when a function does not answer every event with an accepted response; 0 otherwise,
# whatever the timings (target: cold start < 20 ms and >= 20x faster than Python).
#
# Environment: BENCH_RUNS_LAMBDA (20), BENCH_PYTHON (/usr/bin/python3: Debian's, with pandas).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: bench/lambda_cold_start.sh BUILD_DIR   (e.g. build/release)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "$1" 2> /dev/null && pwd)" || { echo "bench: no build directory $1" >&2; exit 1; }
runs="${BENCH_RUNS_LAMBDA:-20}"
python="${BENCH_PYTHON:-/usr/bin/python3}"
stratus="$build/apps/stratus/stratus"
emulator="$build/tests/fakes/lambda/lambda_runtime_emulator"

for exe in "$stratus" "$emulator"; do
  if [[ ! -x "$exe" ]]; then
    echo "bench: $exe is missing: build it first (cmake --build $1 --target stratus" \
         "lambda_runtime_emulator)" >&2
    exit 1
  fi
done
if [[ ! $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "bench: BENCH_RUNS_LAMBDA=$runs: expected a positive number" >&2
  exit 2
fi
if ! "$python" -c 'import pandas' 2> /dev/null; then
  echo "bench: $python cannot import pandas (Debian: apt-get install python3-pandas)" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/stratus-lambda-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$root/scripts/package-lambda.sh" "$stratus" "$work/dist"
mkdir "$work/task"
(cd "$work/task" && unzip -q "$work/dist/stratus-lambda.zip")

# The Python function: the same layout, started by a bootstrap that execs the interpreter.
mkdir "$work/python"
cp "$root/bench/lambda_python_handler.py" "$root/bench/evaluate_pandas.py" "$work/python/"
printf '#!/bin/sh\nexec %s "${0%%/*}/lambda_python_handler.py"\n' "$python" \
  > "$work/python/bootstrap"
chmod 755 "$work/python/bootstrap"

# The events: the trading day 2015-08-24 down the chain, on the bundled data.
state="$work/state"
mkdir -p "$state" "$work/events"
settings=(STRATUS_DATA__PATH="$root/data/bars/sp500-16.csv.gz"
          STRATUS_LEDGER__PATH="$state/ledger.sqlite" STRATUS_AUDIT__PATH="$state/audit.jsonl")
echo '{"version": 1, "run": {"id": "bench-2015-08-24", "profile": "dev", "at": "2015-08-24T19:45:00Z"}}' \
  > "$work/events/market-check.json"
previous=market-check
for step in evaluate check-limits execute record; do
  (cd "$work/task" && env -i "${settings[@]}" "$stratus" invoke "$previous" \
     --event "$work/events/$previous.json") > "$work/events/$step.json"
  previous=$step
done
echo "events: $work/events/{market-check,evaluate,check-limits,execute,record}.json" \
     "($(jq '.signals | length' "$work/events/check-limits.json") signals on 2015-08-24)"

settings_json=$(printf '%s\n' "${settings[@]}" |
  jq -R 'split("=") | {(.[0]): (.[1:] | join("="))}' | jq -s 'add')
mkdir "$work/runs"
"$python" "$root/bench/lambda_cold_start_report.py" --stratus-root "$work/task" \
  --stratus "$stratus" --python-root "$work/python" --events "$work/events" --emulator "$emulator" \
  --settings "$settings_json" --work "$work/runs" --runs "$runs"
