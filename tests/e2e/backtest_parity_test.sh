#!/usr/bin/env bash
# Parity: a backtest decides exactly what `stratus run --from --to` decides on the same data.
# Replays 2015-07-01..2015-12-31 on the bundled data both ways, the backtest with the paper
# broker's fill rule (next open, the same slippage) and more cash than the plan can spend, and
# compares every order: client_order_id, symbol, session, quantity, state and fill price.
# Usage: backtest_parity_test.sh path/to/stratus   (working directory: the repository root)
set -euo pipefail
stratus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
source tests/lib/cli_test_lib.sh
isolate_environment
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl

"$stratus" --profile dev run --from 2015-07-01 --to 2015-12-31 > "$tmp/replay.txt"
for month in 2015-07 2015-08 2015-09 2015-10 2015-11 2015-12; do
  "$stratus" --profile dev history --month "$month" --format json > "$tmp/history-$month.json"
done
"$stratus" --profile dev backtest --from 2015-07-01 --to 2015-12-31 --fill next_open \
  --cash 100000000 --quiet --json > "$tmp/backtest.json"

/usr/bin/python3 - "$tmp" <<'PY'
import glob, json, sys
from decimal import Decimal
tmp = sys.argv[1]
def price(text):
    return Decimal(text) if text not in (None, "") else None
run = set()
for path in glob.glob(tmp + "/history-*.json"):
    for o in json.load(open(path)):
        run.add((o["client_order_id"], o["symbol"], o["session"], o["qty"], o["state"],
                 price(o.get("avg_price"))))
backtest = set()
for o in json.load(open(tmp + "/backtest.json"))["orders"]:
    backtest.add((o["client_order_id"], o["symbol"], o["session"], o["qty"], o["state"],
                  price(o["fill_price"])))
for row in sorted(run - backtest, key=str): print("only in the replay:  ", row)
for row in sorted(backtest - run, key=str): print("only in the backtest:", row)
if run != backtest or len(run) < 20:
    print(f"FAIL: {len(run)} replay orders, {len(backtest)} backtest orders")
    sys.exit(1)
print(f"ok: the same {len(run)} orders")
PY
