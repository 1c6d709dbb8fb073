#!/usr/bin/env bash
# End-to-end: replays August 2015 through `stratus run --from --to` on the bundled data and
# compares every order (id, symbol, quantity, final state, fill price) with the orders that
# tests/e2e/expected_orders.py computes independently from the raw CSV with pandas.
# Then re-runs a day and checks that nothing new was reserved or submitted.
# Usage: e2e_month_test.sh path/to/stratus   (working directory: the repository root)
set -euo pipefail
stratus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl

"$stratus" --profile dev run --from 2015-08-03 --to 2015-08-31 > "$tmp/replay.txt"

"$stratus" --profile dev history --month 2015-08 --format csv |
  awk -F, 'NR > 1 { print $9 "," $2 "," $3 "," $4 "," $6 }' | sort > "$tmp/actual.csv"
/usr/bin/python3 tests/e2e/expected_orders.py data/bars/sp500-16.csv.gz 2015-08-03 2015-08-31 \
  --symbols AAPL,MSFT,AMZN,GOOGL,JPM,XOM,CVX,GE,JNJ,PFE,KO,WMT,BA,CAT,NFLX,NVDA \
  --tiers 10:1,20:2,30:3 --window 252 --cap 4 --slippage-bps 5 --strategy dip |
  tail -n +2 | sort > "$tmp/expected.csv"

# Compare field by field; fill prices as exact decimals (43.10 == 43.1).
if ! /usr/bin/python3 - "$tmp/expected.csv" "$tmp/actual.csv" <<'PY'
import sys
from decimal import Decimal
def load(path):
    rows = set()
    for line in open(path):
        oid, sym, qty, state, price = line.rstrip("\n").split(",")
        rows.add((oid, sym, int(qty), state, Decimal(price) if price else None))
    return rows
expected, actual = load(sys.argv[1]), load(sys.argv[2])
for row in sorted(expected - actual, key=str): print("missing:   ", row)
for row in sorted(actual - expected, key=str): print("unexpected:", row)
sys.exit(0 if expected == actual else 1)
PY
then
  echo "FAIL: the replay's orders differ from the independently computed ones" >&2
  exit 1
fi
count=$(wc -l < "$tmp/expected.csv")
[[ $count -ge 40 ]] || { echo "FAIL: expected a volatile month, got only $count orders" >&2; exit 1; }

# Idempotence: running 24 August again reserves and submits nothing new.
before=$("$stratus" --profile dev history --format csv | md5sum)
"$stratus" --profile dev run --at 2015-08-24T19:45:00Z --json > "$tmp/again.json"
after=$("$stratus" --profile dev history --format csv | md5sum)
[[ "$before" == "$after" ]] || { echo "FAIL: re-running a day changed the ledger" >&2; exit 1; }
/usr/bin/python3 - "$tmp/again.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
orders = doc["orders"]
assert orders, "expected the day's orders to be reported again"
assert all(o.get("already_reserved") for o in orders), orders
PY
echo "1 passed, 0 failed: $count orders match the independent computation; re-run is idempotent"
