#!/usr/bin/env bash
# Regression: `stratus backtest --json` against an independent oracle and against fixed results.
# For each case below, runs the backtest in an isolated environment and
#   a. compares with what tests/backtest/backtest_oracle.py computes from the raw CSV and the
#      documented rules (pandas and Decimal, no Stratus code or output): every order, the daily
#      equity of the strategy and both benchmarks, the strategy's cash, flows and positions, and
#      every metric (money exactly, ratios within 1e-9 relative);
#   b. compares both the backtest and the oracle with the key results fixed in
#      tests/backtest/regression_expected.json, so that a change of results is noticed even when
#      the code and the oracle change together.
# Cases:
#   main         the dev profile of stratus.toml, 2014-01-02..2017-12-29, 10000.00 at the start and
#                500.00 a month, fills at the close (the README's example);
#   commissions  2015-01-02..2016-06-30, fills at the next open, 2000.00 and 300.00 on each month's
#                first session from the 15th, 10 bps slippage, 1.00 per order + 0.005 per share
#                (a temporary config file);
#   open_at_end  2015-08-03..2015-08-24, fills at the next open, 100000.00: the orders of the last
#                session are still open at the end.
# Usage: backtest_regression_test.sh path/to/stratus   (working directory: the repository root)
#        backtest_regression_test.sh --regenerate       rewrites regression_expected.json from the
#                                                       oracle alone (review the diff before keeping it)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment

here=tests/backtest
expected=$here/regression_expected.json
csv=data/bars/sp500-16.csv.gz
# The plan of the dev profile (config/defaults.toml), as the oracle takes it.
plan=(--symbols AAPL,MSFT,AMZN,GOOGL,JPM,XOM,CVX,GE,JNJ,PFE,KO,WMT,BA,CAT,NFLX,NVDA
      --tiers 10:1,20:2,30:3 --window 252 --min-sessions 252 --cap 4 --strategy dip)

cat > "$tmp/commissions.toml" <<EOF
[dev.data]
path = "$PWD/$csv"

[dev.backtest]
commission_per_order = "1.00"
commission_per_share = "0.005"
contribution_day = 15
slippage_bps = 10
EOF

cases=(main commissions open_at_end)
# Sets stratus_args and oracle_args for case $1.
case_args() {
  case $1 in
    main)
      stratus_args=(--config stratus.toml backtest --from 2014-01-02 --to 2017-12-29
                    --contribution 500)
      oracle_args=(2014-01-02 2017-12-29 --cash 10000 --contribution 500 --contribution-day 1
                   --fill close --slippage-bps 5 --commission-per-order 0
                   --commission-per-share 0) ;;
    commissions)
      stratus_args=(--config "$tmp/commissions.toml" backtest --from 2015-01-02 --to 2016-06-30
                    --fill next_open --cash 2000 --contribution 300)
      oracle_args=(2015-01-02 2016-06-30 --cash 2000 --contribution 300 --contribution-day 15
                   --fill next_open --slippage-bps 10 --commission-per-order 1.00
                   --commission-per-share 0.005) ;;
    open_at_end)
      stratus_args=(--config stratus.toml backtest --from 2015-08-03 --to 2015-08-24
                    --fill next_open --cash 100000)
      oracle_args=(2015-08-03 2015-08-24 --cash 100000 --contribution 0 --contribution-day 1
                   --fill next_open --slippage-bps 5 --commission-per-order 0
                   --commission-per-share 0) ;;
  esac
}

# Runs the oracle of case $1 into $tmp/$1.oracle.json; false (with its stderr shown) on failure.
run_oracle() {
  case_args "$1"
  if ! /usr/bin/python3 $here/backtest_oracle.py "$csv" "${oracle_args[@]}" "${plan[@]}" \
       > "$tmp/$1.oracle.json" 2> "$tmp/$1.oracle.err"; then
    fail "$1: the oracle failed:"; cat "$tmp/$1.oracle.err"; return 1
  fi
}

if [[ $stratus == --regenerate ]]; then
  pairs=()
  for name in "${cases[@]}"; do
    run_oracle "$name" || exit 1
    pairs+=("$name=$tmp/$name.oracle.json")
  done
  /usr/bin/python3 $here/check_backtest.py regenerate "$expected" "${pairs[@]}" || exit 1
  echo "wrote $expected; review it with: git diff $expected"
  exit 0
fi

for name in "${cases[@]}"; do
  case_args "$name"
  if ! "$stratus" "${stratus_args[@]}" --json --quiet > "$tmp/$name.result.json" \
       2> "$tmp/$name.stderr"; then
    fail "$name: stratus ${stratus_args[*]} --json --quiet failed:"; cat "$tmp/$name.stderr"
    continue
  fi
  run_oracle "$name" || continue
  if /usr/bin/python3 $here/check_backtest.py check "$name" "$tmp/$name.result.json" \
       "$tmp/$name.oracle.json" "$expected"; then
    ok
  else
    fail "$name: the backtest differs from the oracle or from $expected"
  fi
done

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
