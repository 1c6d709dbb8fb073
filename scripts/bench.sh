#!/usr/bin/env bash
# bench.sh BUILD_DIR: the `make bench` benchmarks: the NYSE calendar, the evaluate step over
# 500 symbols x 5 years, and a whole run of 50 symbols against the fake Alpaca.
#   (0) the calendar: BUILD_DIR/bench/calendar_bench (all sessions 1990-2035, a million is_open
#       queries) against its baselines in the same binary;
#   (a) in memory: BUILD_DIR/bench/evaluate_bench (Google Benchmark), against a 10 ms target and
#       against baselines measured in the same binary;
#   (b) whole process: `stratus invoke evaluate` against bench/evaluate_pandas.py (Python/pandas)
#       on the same uncompressed CSV (and on the .gz), timed in the same run, target >= 20x;
#   (c) a whole `stratus run` of 50 symbols against the fake Alpaca (bench/alpaca_run_bench.sh:
#       bars, evaluation and orders over HTTP; cold, warm bar cache and re-run) against the same
#       run on the CSV with the paper broker, with the HTTP requests per endpoint;
#   (d) the packaged Lambda function (bench/lambda_cold_start.sh): cold start (spawn of bootstrap
#       -> first GET invocation/next) and the latency of each of the five functions against the
#       Runtime API emulator, against a Python handler importing pandas, target < 20 ms and >= 20x;
#   (e) the audit log: BUILD_DIR/bench/audit_verify_bench (`stratus audit verify` on 100,000
#       lines, ~58 MB) against parsing every line and against hashing each line once.
#   (f) indicators and entry rules: BUILD_DIR/bench/indicators_bench (each indicator's batch and
#       streaming forms over all 505 symbols) and rules_bench (two filters at every session, and
#       at the last session over 500) against TA-Lib 0.4.0's C library (built by the npm talib
#       package in tests/tools) in the same binaries, reported by bench/indicators_report.py as
#       ratios; target: batch forms within 1.5x of TA-Lib.
#   (g) the backtest (bench/backtest_bench.sh): `stratus backtest --symbols all` over the whole
#       data set through the five functions, bars per second against a 2-second target.
# Exits 1 when stratus and pandas disagree on the signals, a run fails, or a check of (c) does
# not hold (orders, requests: see bench/alpaca_run_bench.sh); 0 otherwise (a missed timing target
# is reported, not failed: timings depend on the machine). Exits 0 with SKIPPED when the data set
# is absent.
#
# Environment: STRATUS_BENCH_DATA (default: ../shared/data/sp500-5yr/all_stocks_5yr.csv.gz),
# BENCH_RUNS_STRATUS (10), BENCH_RUNS_PANDAS (5), BENCH_MIN_TIME (Google Benchmark seconds per
# benchmark, 0.5), BENCH_PYTHON (/usr/bin/python3: Debian's, which has pandas),
# BENCH_RUNS_ALPACA (10 runs of each kind in (c)), BENCH_RUNS_LAMBDA (20 runs of each function
# in (d)).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: scripts/bench.sh BUILD_DIR   (e.g. build/release)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "$1" 2>/dev/null && pwd)" || { echo "bench: no build directory $1" >&2; exit 1; }
data="${STRATUS_BENCH_DATA:-$root/../shared/data/sp500-5yr/all_stocks_5yr.csv.gz}"
runs_stratus="${BENCH_RUNS_STRATUS:-10}"
runs_pandas="${BENCH_RUNS_PANDAS:-5}"
min_time="${BENCH_MIN_TIME:-0.5}"
python="${BENCH_PYTHON:-/usr/bin/python3}"
stratus="$build/apps/stratus/stratus"
bench="$build/bench/evaluate_bench"

echo "== (0) NYSE calendar: $build/bench/calendar_bench"
"$build/bench/calendar_bench" --benchmark_min_time="$min_time"
echo

echo "== (e) audit log verification: $build/bench/audit_verify_bench"
"$build/bench/audit_verify_bench" --benchmark_min_time="$min_time"
echo

echo "== (f) indicators and entry rules against TA-Lib's C library: indicators_bench, rules_bench"
ind_work="$(mktemp -d "${TMPDIR:-/tmp}/stratus-bench-ind.XXXXXX")"
[[ -f "$data" ]] && export STRATUS_BENCH_DATA="$data"
"$build/bench/indicators_bench" --benchmark_min_time="$min_time" \
  --benchmark_out="$ind_work/indicators.json" --benchmark_out_format=json > /dev/null
"$build/bench/rules_bench" --benchmark_min_time="$min_time" \
  --benchmark_out="$ind_work/rules.json" --benchmark_out_format=json > /dev/null
"$python" "$root/bench/indicators_report.py" "$ind_work/indicators.json" "$ind_work/rules.json"
rm -rf "$ind_work"
echo

if [[ ! -f "$data" ]]; then
  echo "bench: SKIPPED: the data set $data is absent (set STRATUS_BENCH_DATA to all_stocks_5yr.csv[.gz])"
  exit 0
fi
for exe in "$stratus" "$bench"; do
  if [[ ! -x "$exe" ]]; then
    echo "bench: $exe is missing: build it first (cmake --build $1 --target stratus evaluate_bench;" \
         "evaluate_bench needs libbenchmark-dev)" >&2
    exit 1
  fi
done
if ! "$python" -c 'import pandas' 2>/dev/null; then
  echo "bench: $python cannot import pandas (Debian: apt-get install python3-pandas)" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/stratus-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# One uncompressed copy shared by both sides, so neither pays for gzip in the fair comparison.
plain="$work/all_stocks_5yr.csv"
gz="$work/all_stocks_5yr.csv.gz"
if gzip -t "$data" 2>/dev/null; then
  gzip -dc "$data" > "$plain"
  ln -s "$(cd "$(dirname "$data")" && pwd)/$(basename "$data")" "$gz"
else
  cp "$data" "$plain"
  gzip -c "$data" > "$gz"
fi

echo "== (a) in memory: $bench"
"$bench" --data="$gz" --data_plain="$plain" --benchmark_min_time="$min_time" \
  --benchmark_out="$work/gbench.json" --benchmark_out_format=json

echo
echo "== (b) whole process: stratus x $runs_stratus, pandas x $runs_pandas per input (interleaved)"
"$python" "$root/bench/bench_report.py" --stratus "$stratus" --plain "$plain" --gz "$gz" \
  --gbench-json "$work/gbench.json" --work "$work" \
  --runs-stratus "$runs_stratus" --runs-pandas "$runs_pandas" --python "$python"

echo
echo "== (c) a whole stratus run, 50 symbols, against the fake Alpaca: bench/alpaca_run_bench.sh"
"$root/bench/alpaca_run_bench.sh" "$build"

echo
echo "== (d) the packaged Lambda function against the Runtime API emulator: bench/lambda_cold_start.sh"
"$root/bench/lambda_cold_start.sh" "$build"

echo
echo "== (g) the backtest over every symbol of the data set: bench/backtest_bench.sh"
"$root/bench/backtest_bench.sh" "$stratus" "$gz" "${BENCH_RUNS_BACKTEST:-3}"
