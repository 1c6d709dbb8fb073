#!/usr/bin/env bash
# backtest_bench.sh STRATUS DATA RUNS: part (g) of `make bench`. Times `stratus backtest` over
# every symbol of DATA (the S&P 500 five-year set: 619,040 bars, 505 symbols, 1,259 sessions)
# through the full pipeline, RUNS times, and reports the median, bars per second and the
# ratio to the 2-second target; the same with limits.check_buying_power = false (every signal
# the caps allow is sent to the broker, which refuses what the cash cannot cover); then the
# bundled 16-symbol set over four years, for scale.
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
unchecked=$(STRATUS_LIMITS__CHECK_BUYING_POWER=false median_seconds "$stratus" --profile dev \
  backtest --from 2013-02-08 --to 2018-02-07 --data "$data" --symbols all --contribution 1000 \
  --quiet --json)
"$python" - "$work/out.json" "$unchecked" "$full" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
seconds, checked = float(sys.argv[2]), float(sys.argv[3])
a = result["activity"]
print(f"  without the buying-power check: {a['reserved']} orders ({a['rejected']} refused by the "
      f"broker): median {seconds:.3f} s = {result['data']['bars'] / seconds:,.0f} bars/s, "
      f"{seconds / checked:.2f}x the checked run")
PY
bundled=$(median_seconds "$stratus" --profile dev backtest --from 2014-01-02 --to 2017-12-29 \
  --contribution 500 --quiet --json)
echo "bundled 16-symbol set, 2014-2017: median $bundled s"

# The same backtests in Python: tests/backtest/backtest_oracle.py, the pandas program the
# regression test checks stratus against (the same plan, account and metrics, independently
# written), timed once on the bundled set; on the full set with BENCH_PYTHON_FULL=1 (minutes).
root=$(cd "$(dirname "$0")/.." && pwd)
bundled_symbols=AAPL,MSFT,AMZN,GOOGL,JPM,XOM,CVX,GE,JNJ,PFE,KO,WMT,BA,CAT,NFLX,NVDA
start=$(date +%s%N)
"$python" "$root/tests/backtest/backtest_oracle.py" "$root/data/bars/sp500-16.csv.gz" 2014-01-02 \
  2017-12-29 --symbols "$bundled_symbols" --tiers 10:1,20:2,30:3 --contribution 500 > /dev/null
end=$(date +%s%N)
python_bundled=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')
awk -v p="$python_bundled" -v s="$bundled" 'BEGIN {
  printf "  Python/pandas (tests/backtest/backtest_oracle.py): %.3f s: stratus is %.1fx faster\n", p, p / s }'
if [[ ${BENCH_PYTHON_FULL:-0} == 1 ]]; then
  symbols=$(gzip -dc "$data" | tail -n +2 | cut -d, -f7 | sort -u | paste -sd,)
  start=$(date +%s%N)
  "$python" "$root/tests/backtest/backtest_oracle.py" "$data" 2013-02-11 2018-02-07 \
    --symbols "$symbols" --tiers 10:1,20:2,30:3 --contribution 1000 > /dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) -v s="$full" 'BEGIN {
    printf "full set in Python/pandas: %.1f s: stratus is %.1fx faster\n", ns / 1e9, ns / 1e9 / s }'
fi

# A sweep of 1,000 configurations (tier 1 drop x tier 2 drop x monthly cap, 10 values each) on
# every core, over the bundled set; and of 10 over the full set, for the time per configuration
# (with BENCH_SWEEP_FULL=1, the 1,000 over the full set).
grid=(--grid tier1_drop=3,4,5,6,7,8,9,10,11,12 --grid tier2_drop=15,16,17,18,19,20,21,22,23,24
      --grid monthly_share_cap=1,2,3,4,5,6,7,8,9,10)
sweep=$(median_seconds "$stratus" --profile dev sweep --from 2014-01-02 --to 2017-12-29 \
  --contribution 500 "${grid[@]}" --quiet --json)
echo "sweep of 1,000 configurations, bundled set, $(nproc) cores: median $sweep s" \
     "($(awk -v s="$sweep" 'BEGIN { printf "%.1f", 1000 / s }') configurations/s)"
runs=1
if [[ ${BENCH_SWEEP_FULL:-0} == 1 ]]; then
  # The target itself: the same 1,000 configurations over the full set, once (about 2 minutes).
  sweep_full=$(median_seconds "$stratus" --profile dev sweep --from 2013-02-08 --to 2018-02-07 \
    --data "$data" --symbols all --contribution 1000 "${grid[@]}" --quiet --json)
  awk -v s="$sweep_full" 'BEGIN {
    printf "sweep of 1,000 configurations, full set: %.1f s (%.3f s per configuration; %.2fx the 60 s target)\n", s, s / 1000, s / 60 }'
else
  sweep_full=$(median_seconds "$stratus" --profile dev sweep --from 2013-02-08 --to 2018-02-07 \
    --data "$data" --symbols all --contribution 1000 --grid tier1_drop=5,6,7,8,9,10,11,12,13,14 --quiet --json)
  awk -v s="$sweep_full" 'BEGIN {
    printf "sweep of 10 configurations, full set: %.1f s (%.2f s per configuration, loading included; BENCH_SWEEP_FULL=1 runs the 1,000)\n", s, s / 10 }'
fi
