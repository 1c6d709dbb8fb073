#!/usr/bin/env bash
# `stratus backtest` and `stratus sweep` from the command line: bad input is exit 2 with a message
# naming the option, the value and what was expected, and writes nothing; a backtest prints the
# comparison, writes its four files (the CSVs agreeing with result.json), warns of suspicious
# one-day moves, and shows progress as plain lines when stderr is not a terminal; a sweep ranks
# its grid and writes its document and page.
# Usage: backtest_cli_test.sh path/to/stratus (cwd: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment
period=(--from 2016-01-04 --to 2016-06-30)

# --- Bad input ------------------------------------------------------------------------------------
expect bad_from 2 '--from' -- "$stratus" backtest --from 2016-02-30 --to 2016-06-30
expect reversed 2 '--to 2016-01-01 is before --from 2016-06-30' -- \
  "$stratus" backtest --from 2016-06-30 --to 2016-01-01
expect no_to 2 '--to is required' -- "$stratus" backtest --from 2016-01-04
expect bad_cash 2 '--cash "ten": expected a dollar amount' -- "$stratus" backtest "${period[@]}" --cash ten
expect no_money 2 'the account never receives money' -- \
  "$stratus" backtest "${period[@]}" --cash 0 --contribution 0
expect bad_fill 2 'fill point "noon": expected "close" or "next_open"' -- \
  "$stratus" backtest "${period[@]}" --fill noon
expect bad_symbols 2 '--symbols "AAPL,,MSFT"' -- "$stratus" backtest "${period[@]}" --symbols AAPL,,MSFT
expect unknown_symbol 2 'ZZZZ' -- "$stratus" backtest "${period[@]}" --symbols AAPL,ZZZZ
expect missing_file 2 "$tmp/none.csv" -- "$stratus" backtest "${period[@]}" --data "$tmp/none.csv"
expect holiday_only 2 'no XNYS session from 2016-12-25 to 2016-12-26' -- \
  "$stratus" backtest --from 2016-12-25 --to 2016-12-26
printf '[dev.backtest]\nfill = "noon"\n' > "$tmp/bad.toml"
expect bad_config 2 'backtest.fill' -- "$stratus" --config "$tmp/bad.toml" backtest "${period[@]}"
printf '[dev.backtest]\nrisk_free_rate = 4.5\n' > "$tmp/float.toml"
expect float_rate 2 'write decimals as strings' -- "$stratus" --config "$tmp/float.toml" backtest "${period[@]}"
expect unknown_param 2 'unknown sweep parameter "stop_loss"' -- \
  "$stratus" sweep "${period[@]}" --grid stop_loss=5,10
expect bad_value 2 'tier1_drop = "150"' -- "$stratus" sweep "${period[@]}" --grid tier1_drop=5,150
expect bad_metric 2 '--metric "luck": expected one of xirr' -- \
  "$stratus" sweep "${period[@]}" --grid tier1_drop=5,10 --metric luck
expect no_grid 2 '--grid is required' -- "$stratus" sweep "${period[@]}"
[[ ! -e $tmp/out ]] && ok || fail "bad input wrote $tmp/out"

# --- A backtest --------------------------------------------------------------------------------------
expect backtest 0 'money-weighted return (XIRR)' -- \
  "$stratus" backtest "${period[@]}" --contribution 250 --out "$tmp/out"
grep -q '^backtest 100% (125/125)$' "$tmp/all" && ok || { fail "no plain progress lines"; cat "$tmp/all"; }
for file in result.json equity.csv orders.csv report.html; do
  [[ -s $tmp/out/$file ]] && ok || fail "backtest --out wrote no $file"
done
if /usr/bin/python3 - "$tmp/out" <<'PY'
import csv, json, sys
out = sys.argv[1]
result = json.load(open(out + "/result.json"))
equity = list(csv.DictReader(open(out + "/equity.csv")))
orders = list(csv.DictReader(open(out + "/orders.csv")))
assert [r["session"] for r in equity] == result["equity"]["sessions"], "equity.csv sessions"
assert [r["strategy"] for r in equity] == result["equity"]["strategy"], "equity.csv values"
assert [o["client_order_id"] for o in orders] == [o["client_order_id"] for o in result["orders"]]
assert result["period"]["sessions"] == 125 and result["data"]["symbols"] == 16
assert [s["name"] for s in result["strategies"]] == ["strategy", "dca", "buy_and_hold"]
html = open(out + "/report.html").read()
assert "http://" not in html and "https://" not in html, "the page refers to the network"
PY
then ok; else fail "the backtest's files disagree"; fi

# A split in unadjusted data is named: AAPL's 7-for-1 of 2014-06-09, made by hand in a copy.
gzip -dc data/bars/sp500-16.csv.gz | awk -F, 'BEGIN { OFS = "," }
  $7 == "AAPL" && $1 < "2014-06-09" { for (i = 2; i <= 5; i++) $i = sprintf("%.4f", $i * 7) } { print }' \
  > "$tmp/unadjusted.csv"
expect split_warning 0 'AAPL closed 85.' -- "$stratus" backtest --from 2014-05-01 --to 2014-07-31 \
  --data "$tmp/unadjusted.csv" --symbols AAPL,MSFT --quiet
grep -q 'a split in unadjusted data?' "$tmp/all" && ok || fail "split_warning: no explanation"

# --- A sweep -----------------------------------------------------------------------------------------
expect sweep 0 'combinations ranked by sharpe' -- "$stratus" sweep "${period[@]}" --contribution 250 \
  --grid tier1_drop=5,10 --grid monthly_share_cap=2,4 --metric sharpe --jobs 2 --quiet \
  --out "$tmp/sweep"
[[ -s $tmp/sweep/sweep.json && -s $tmp/sweep/report.html ]] && ok || fail "sweep --out files"
/usr/bin/python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["kind"] == "sweep" and len(d["results"]) == 4
assert [r["rank"] for r in d["results"]] == [1, 2, 3, 4]
' "$tmp/sweep/sweep.json" && ok || fail "the sweep document"

echo "backtest CLI: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
