#!/usr/bin/env bash
# alpaca_run_bench.sh BUILD_DIR: section (c) of `make bench`: a whole `stratus run` of 50 symbols
# against the fake Alpaca (bars from its Market Data API, orders through its Trading API), timed
# against the same run on the CSV file with the paper broker (no HTTP at all), in the same run.
#
# Starts BUILD_DIR/tests/fakes/alpaca/alpaca_fake_server on 127.0.0.1 with the S&P 500 bars,
# auto-fill, no rate limit, ample cash and each watched symbol's close of the as-of session as its
# price, then hands over to bench/alpaca_run_report.py, which times N interleaved runs of each
# kind (cold, warm bar cache, re-run, baseline), counts the fake's requests per endpoint and
# checks the orders. The first 50 symbols of the file (byte order) are the watchlist; the run is
# at 2018-02-07T20:45:00Z (as of session 2018-02-06).
#
# Exits 1 when a run fails or a check does not hold (see alpaca_run_report.py); 0 otherwise,
# whatever the timings. Exits 0 with SKIPPED when the data set is absent.
#
# Environment: STRATUS_BENCH_DATA (default: ../shared/data/sp500-5yr/all_stocks_5yr.csv.gz),
# BENCH_RUNS_ALPACA (10), BENCH_PYTHON (/usr/bin/python3), BENCH_FAKE_SERVER (another
# alpaca_fake_server binary, e.g. one built differently, to compare fakes).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: bench/alpaca_run_bench.sh BUILD_DIR   (e.g. build/release)" >&2
  exit 2
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "$1" 2> /dev/null && pwd)" || { echo "bench: no build directory $1" >&2; exit 1; }
data="${STRATUS_BENCH_DATA:-$root/../shared/data/sp500-5yr/all_stocks_5yr.csv.gz}"
runs="${BENCH_RUNS_ALPACA:-10}"
python="${BENCH_PYTHON:-/usr/bin/python3}"
stratus="$build/apps/stratus/stratus"
fake_server="${BENCH_FAKE_SERVER:-$build/tests/fakes/alpaca/alpaca_fake_server}"

if [[ ! -f "$data" ]]; then
  echo "bench: SKIPPED: the data set $data is absent (set STRATUS_BENCH_DATA to all_stocks_5yr.csv[.gz])"
  exit 0
fi
for exe in "$stratus" "$fake_server"; do
  if [[ ! -x "$exe" ]]; then
    echo "bench: $exe is missing: build it first (cmake --build $1 --target stratus" \
         "alpaca_fake_server)" >&2
    exit 1
  fi
done
if [[ ! $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "bench: BENCH_RUNS_ALPACA=$runs: expected a positive number" >&2
  exit 2
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/stratus-alpaca-bench.XXXXXX")"
fake_pid=
cleanup() {
  if [[ -n $fake_pid ]]; then
    kill "$fake_pid" 2> /dev/null || true
    wait "$fake_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The watchlist and the fake's prices (untimed).
"$python" "$root/bench/alpaca_run_report.py" setup --data "$data" --out "$work/setup"
price_flags=()
while IFS= read -r price; do price_flags+=(--price "$price"); done < "$work/setup/prices.txt"

# One fake for every run. --rate-limit 0: no request budget (Alpaca's 200 a minute would make
# the figures measure the limiter); --cash: enough for every order of every run.
"$fake_server" --bars "$data" --auto-fill --rate-limit 0 --cash 1000000000 "${price_flags[@]}" \
  > "$work/fake.port" 2> "$work/fake.err" &
fake_pid=$!
port=
for _ in $(seq 1200); do  # Loading five years of bars takes a moment: up to 60 s.
  if [[ -s $work/fake.port ]]; then
    port=$(head -n 1 "$work/fake.port")
    break
  fi
  kill -0 "$fake_pid" 2> /dev/null || break
  sleep 0.05
done
if [[ ! $port =~ ^[0-9]+$ ]]; then
  echo "bench: FAILED: the fake Alpaca did not start:" >&2
  cat "$work/fake.err" >&2
  exit 1
fi
echo "fake Alpaca: $fake_server --bars $data --auto-fill --rate-limit 0 --cash 1000000000" \
     "--price SYMBOL=CLOSE x $(wc -l < "$work/setup/prices.txt") -> http://127.0.0.1:$port"

mkdir -p "$work/runs"
"$python" "$root/bench/alpaca_run_report.py" measure --stratus "$stratus" --data "$data" \
  --fake "http://127.0.0.1:$port" --setup-dir "$work/setup" --work "$work/runs" --runs "$runs"
