#!/usr/bin/env bash
# `stratus report --month` from the command line: after a replay of August 2015 on the bundled
# data, the table names every symbol the ledger bought and its totals agree with `stratus
# history` for the month (summed exactly, with Python's Decimal); --json says the same; --html
# writes one self-contained page; a month with nothing bought is a valid report; a bad --month
# or an --html path that cannot exist is exit 2 with a clear message and nothing written.
# Usage: report_cli_test.sh path/to/stratus (cwd: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl

# --- Bad input first, while nothing exists: exit 2, nothing written ---------------------------
expect bad_month_13 2 '--month: expected a month YYYY-MM such as 2015-08, got "2015-13"' -- \
  "$stratus" report --month 2015-13 --html "$tmp/bad.html"
expect bad_month_x 2 '--month: expected a month YYYY-MM such as 2015-08, got "x"' -- \
  "$stratus" report --month x
expect missing_month 2 '--month is required' -- "$stratus" report
expect html_no_dir 2 "--html: the directory \"$tmp/nowhere\" of \"$tmp/nowhere/r.html\" does not exist" -- \
  "$stratus" report --month 2015-08 --html "$tmp/nowhere/r.html"
expect html_is_dir 2 "--html: \"$tmp\" is a directory" -- "$stratus" report --month 2015-08 --html "$tmp"
expect html_empty 2 '--html: expected a file name, got ""' -- \
  "$stratus" report --month 2015-08 --html ""
[[ ! -e $tmp/bad.html && ! -e $tmp/ledger.sqlite ]] && ok \
  || fail "bad input: something was written: $(ls "$tmp")"

# --- The replay ---------------------------------------------------------------------------------
if "$stratus" run --from 2015-08-03 --to 2015-08-31 > "$tmp/run.out" 2>&1; then ok; else
  fail "replay:"; cat "$tmp/run.out"; exit 1
fi
"$stratus" history --month 2015-08 --format json > "$tmp/history.json" || fail "history failed"

# What history says for the month, exactly: symbols, orders with fills, shares filled, notional.
read -r symbols buys shares spent < <(python3 - "$tmp/history.json" <<'PY'
import json, sys
from decimal import Decimal
orders = json.load(open(sys.argv[1]))
symbols = sorted({o["symbol"] for o in orders})
filled = [o for o in orders if o["filled_qty"] > 0]
spent = sum((Decimal(o["notional"]) for o in orders), Decimal(0))
print(",".join(symbols), len(filled), sum(o["filled_qty"] for o in filled), spent)
PY
)
[[ -n $symbols && $buys -gt 0 ]] && ok || fail "history: no orders in August 2015 ($symbols)"

# --- The table ------------------------------------------------------------------------------------
expect table 0 "Stratus monthly report 2015-08 (profile dev), 2015-08-01 to 2015-08-31" -- \
  "$stratus" report --month 2015-08
cp "$tmp/stdout" "$tmp/table.txt"
for symbol in ${symbols//,/ }; do
  grep -qE "^$symbol +[0-9]+ +[0-9]+ +[0-9]+/[0-9]+ +[0-9.]+ " "$tmp/table.txt" && ok \
    || fail "table: no summary row for $symbol"
done
total=$(grep -m1 -E '^total ' "$tmp/table.txt")
read -r _ t_buys t_shares t_spent _ <<< "$total"
python3 -c "
import sys; from decimal import Decimal
sys.exit(0 if ($t_buys, $t_shares) == ($buys, $shares) and Decimal('$t_spent') == Decimal('$spent') else 1)" \
  && ok || fail "table: total row '$total' != history: $buys buys, $shares shares, $spent spent"
grep -q $'\x1b' "$tmp/table.txt" && fail "table: colour codes when stdout is not a terminal" || ok
grep -qE '^Positions at 2015-08-31$' "$tmp/table.txt" && ok || fail "table: no positions"

# --- JSON says the same ---------------------------------------------------------------------------
expect json 0 '"month": "2015-08"' -- "$stratus" report --month 2015-08 --json
python3 - "$tmp/stdout" "$symbols" "$buys" "$shares" "$spent" <<'PY' && ok || fail "json: totals differ from history"
import json, sys
from decimal import Decimal
report = json.load(open(sys.argv[1]))
t = report["totals"]
assert ",".join(s["symbol"] for s in report["symbols"]) == sys.argv[2], report["symbols"]
assert (t["buys"], t["shares_bought"]) == (int(sys.argv[3]), int(sys.argv[4])), t
assert Decimal(t["spent"]) == Decimal(sys.argv[5]), t
assert sum(Decimal(s["spent"]) for s in report["symbols"]) == Decimal(t["spent"])
for s in report["symbols"]:
    assert s["cap"]["used"] <= s["cap"]["limit"], s
    assert s["chart"]["sessions"] > 100, s["chart"]
PY

# --- HTML ---------------------------------------------------------------------------------------------
expect html 0 "HTML report written to $tmp/report.html" -- \
  "$stratus" report --month 2015-08 --html "$tmp/report.html"
charts=$(grep -o '<svg class="chart"' "$tmp/report.html" | wc -l)
n_symbols=$(tr ',' '\n' <<< "$symbols" | wc -l)
[[ $(head -c 15 "$tmp/report.html") == '<!DOCTYPE html>' && $charts == "$n_symbols" ]] && ok \
  || fail "html: $charts charts for $n_symbols symbols"
grep -qE '<script|https?:|<link|src=' "$tmp/report.html" && fail "html: not self-contained" || ok
ls "$tmp" | grep -q '\.tmp-' && fail "html: a temporary file was left" || ok
# With --json the note goes to stderr, so stdout stays one JSON document.
expect html_json 0 "HTML report written to $tmp/report2.html" -- \
  "$stratus" report --month 2015-08 --json --html "$tmp/report2.html"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$tmp/stdout" && ok \
  || fail "html_json: stdout is not JSON"

# --- Months with nothing bought -----------------------------------------------------------------
expect july 0 "No orders in 2015-07." -- "$stratus" report --month 2015-07
grep -qF "No positions at 2015-07-31." "$tmp/stdout" && ok || fail "july: $(cat "$tmp/stdout")"
expect september 0 "No orders in 2015-09." -- "$stratus" report --month 2015-09 --html "$tmp/sep.html"
grep -qE '^Positions at 2015-09-30$' "$tmp/stdout" && ok || fail "september: no positions"
grep -qF 'No orders in 2015-09.' "$tmp/sep.html" && ok || fail "september: the HTML page"

echo "report_cli_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
