#!/usr/bin/env bash
# Race: 16 `stratus run` processes at once against one ledger file (and one paper broker),
# half of them on the same day, the rest on other days of the same month, with a monthly cap
# that binds. Afterwards no symbol's month exceeds its cap, no client_order_id is reserved or
# sent to the broker twice, and every process exited 0.
# Usage: race_test.sh path/to/stratus   (working directory: the repository root)
set -euo pipefail
stratus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl
export STRATUS_LIMITS__MONTHLY_SHARE_CAP=3

days=(2015-08-24 2015-08-24 2015-08-24 2015-08-24 2015-08-24 2015-08-24 2015-08-24 2015-08-24
      2015-08-21 2015-08-25 2015-08-26 2015-08-27 2015-08-20 2015-08-25 2015-08-26 2015-08-27)
pids=()
for i in "${!days[@]}"; do
  "$stratus" --profile dev run --at "${days[$i]}T19:45:00Z" > "$tmp/out.$i" 2>&1 &
  pids+=($!)
done
failed=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    echo "process $i (${days[$i]}) failed:" >&2
    cat "$tmp/out.$i" >&2
    failed=1
  fi
done
[[ $failed -eq 0 ]] || exit 1

"$stratus" --profile dev history --month 2015-08 --format csv > "$tmp/history.csv"
/usr/bin/python3 - "$tmp/history.csv" "$tmp/ledger.sqlite" <<'PY'
import collections, csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows, "the race produced no orders at all"
ids = [r["client_order_id"] for r in rows]
assert len(ids) == len(set(ids)), "a client_order_id appears twice in the ledger"
used = collections.Counter()
for r in rows:
    if r["state"] not in ("rejected", "canceled"):
        used[r["symbol"]] += int(r["qty"])
over = {s: n for s, n in used.items() if n > 3}
assert not over, f"monthly cap 3 exceeded: {over}"
db = sqlite3.connect(sys.argv[2])
sent = [row[0] for row in db.execute("SELECT client_order_id FROM paper_orders")]
assert len(sent) == len(set(sent)), "the broker received an order twice"
assert set(sent) <= set(ids), "the broker holds an order the ledger does not know"
print(f"1 passed, 0 failed: {len(ids)} orders from 16 racing processes, caps held, no duplicates")
PY
