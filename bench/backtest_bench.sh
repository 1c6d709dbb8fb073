#!/usr/bin/env bash
# backtest_bench.sh STRATUS DATA RUNS: part (g) of `make bench`. Times `stratus backtest` over
# every symbol of DATA (the S&P 500 five-year set: 619,040 bars, 505 symbols, 1,259 sessions)
# through the full pipeline, RUNS times, and reports the median, bars per second and the
# ratio to the 2-second target; then the bundled 16-symbol set over four years, for scale.
set -euo pipefail
stratus=$1
data=$2
runs=${3:-3}
python=${BENCH_PYTHON:-/usr/bin/python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/stratus-backtest-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Prints the median wall time in seconds of RUNS runs of the command.
median_seconds() {
  local times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" > "$work/out.json"
    end=$(date +%s%N)
    times+=("$(( (end - start) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "%.3f\n", a[int((NR + 1) / 2)] / 1000 }'
}

full=$(median_seconds "$stratus" --profile dev backtest --from 2013-02-08 --to 2018-02-07 \
  --data "$data" --symbols all --contribution 1000 --quiet --json)
"$python" - "$work/out.json" "$full" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
seconds = float(sys.argv[2])
bars = result["data"]["bars"]
a = result["activity"]
print(f"full S&P 500 set: {result['data']['symbols']} symbols, {bars} bars, "
      f"{result['period']['sessions']} sessions, {a['runs']} runs, {a['signals']} signals, "
      f"{a['reserved']} orders")
print(f"  median {seconds:.3f} s = {bars / seconds:,.0f} bars/s; target 2 s: "
      f"{seconds / 2:.2f}x the target")
PY
bundled=$(median_seconds "$stratus" --profile dev backtest --from 2014-01-02 --to 2017-12-29 \
  --contribution 500 --quiet --json)
echo "bundled 16-symbol set, 2014-2017: median $bundled s"
