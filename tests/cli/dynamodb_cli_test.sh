#!/usr/bin/env bash
# The DynamoDB ledger from the command line: the real `stratus` binary with ledger.kind =
# "dynamodb" against dynalite (a local DynamoDB) on 127.0.0.1, with the paper broker.
# `ledger create-table` creates the table (and says so when it exists); `run` reserves and places
# the day's 13 orders in the table exactly once; `history` and `caps` read them back and agree
# with a SQLite ledger; missing AWS settings are exit 2 naming them (a closed-market run needs
# none); a missing table says how to create it; the August 2015 replay gives the same 51 orders
# as with SQLite.
# Usage: dynamodb_cli_test.sh path/to/stratus (cwd: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
dynalite_pid=
cleanup() {
  if [[ -n $dynalite_pid ]]; then
    exec 3>&-  # dynalite exits when its stdin closes.
    wait "$dynalite_pid" 2> /dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
isolate_environment
never_print=(dynalite-secret-0815)

# Start dynalite on a free port; its stdin is fd 3 of this script.
mkfifo "$tmp/dynalite.in"
port=
for _ in 1 2 3 4 5; do
  candidate=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  node tests/tools/dynalite-server.js --port "$candidate" < "$tmp/dynalite.in" \
    > "$tmp/dynalite.out" 2> "$tmp/dynalite.err" &
  dynalite_pid=$!
  exec 3> "$tmp/dynalite.in"
  for _ in $(seq 200); do
    grep -q "^listening" "$tmp/dynalite.out" 2> /dev/null && break
    kill -0 "$dynalite_pid" 2> /dev/null || break
    sleep 0.05
  done
  if grep -q "^listening $candidate\$" "$tmp/dynalite.out"; then
    port=$candidate
    break
  fi
  exec 3>&-
  wait "$dynalite_pid" 2> /dev/null
  dynalite_pid=
done
if [[ -z $port ]]; then
  echo "FAIL dynalite did not start:"; cat "$tmp/dynalite.err"; exit 1
fi

export STRATUS_LEDGER__KIND=dynamodb STRATUS_LEDGER__TABLE=stratus-{profile}-cli
export AWS_ENDPOINT_URL_DYNAMODB=http://127.0.0.1:$port
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=dynalite-secret-0815 AWS_REGION=us-east-1
export STRATUS_LEDGER__PATH=$tmp/paper.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl
# An unreachable DynamoDB should fail fast, not back off for half a minute.
export STRATUS_HTTP__MAX_TOTAL_DELAY_MS=200 STRATUS_HTTP__BASE_DELAY_MS=10

# history_json OUT [ENV...]: `stratus history --format json` into OUT.
history_json() {
  local out=$1
  shift
  env "$@" "$stratus" history --format json > "$out" 2> "$tmp/stderr" \
    || { fail "history into $out failed:"; cat "$tmp/stderr"; return 1; }
}

# The orders of a history JSON file without what differs between ledgers and runs by nature
# (timestamps, the paper broker's ids), sorted by client_order_id.
comparable() {
  python3 -c '
import json, sys
orders = json.load(open(sys.argv[1]))
for o in orders:
    for key in ("created_at", "updated_at", "filled_at", "broker_order_id"):
        o.pop(key, None)
print(json.dumps(sorted(orders, key=lambda o: o["client_order_id"]), indent=1, sort_keys=True))
' "$1"
}

# --- The table ------------------------------------------------------------------------------
expect table_missing 1 "stratus ledger create-table" -- "$stratus" history
expect create_table 0 "created the ledger table \"stratus-dev-cli\"" -- \
  "$stratus" ledger create-table
expect create_table_again 0 "exists" -- "$stratus" ledger create-table
expect create_table_sqlite 2 "ledger.kind" -- \
  env STRATUS_LEDGER__KIND=sqlite "$stratus" ledger create-table
expect bad_table_name 2 "ledger.table" -- env STRATUS_LEDGER__TABLE=ab "$stratus" history

# --- Missing AWS settings ---------------------------------------------------------------------
# A closed market (a Saturday) needs no ledger, so no AWS settings at all.
expect closed_market_needs_nothing 0 "" -- \
  env -u AWS_REGION -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_ENDPOINT_URL_DYNAMODB \
  "$stratus" run --at 2015-08-22T19:45:00Z
expect missing_region 2 "AWS_REGION" -- env -u AWS_REGION "$stratus" run --at 2015-08-24T19:45:00Z
expect missing_credentials 2 "AWS_ACCESS_KEY_ID" -- \
  env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY "$stratus" run --at 2015-08-24T19:45:00Z
expect missing_region_create_table 2 "AWS_REGION" -- \
  env -u AWS_REGION "$stratus" ledger create-table
history_json "$tmp/none.json"
[[ $(jq length "$tmp/none.json") == 0 ]] && ok || fail "missing settings: orders were reserved"

# --- One trading day --------------------------------------------------------------------------
expect run_places_orders 0 "dip-AAPL-20150824-1" -- "$stratus" run --at 2015-08-24T19:45:00Z
history_json "$tmp/day.json"
count=$(jq length "$tmp/day.json")
[[ $count == 13 ]] && ok || fail "run_places_orders: $count orders in DynamoDB, expected 13"
# All sent to the paper broker, none filled yet.
states=$(jq -r '[.[] | select(.session == "2015-08-24" and .state == "submitted")] | length' \
  "$tmp/day.json")
[[ $states == 13 ]] && ok || fail "run_places_orders: $states submitted orders of 2015-08-24, expected 13"

# The same day with a SQLite ledger: the same orders, and `caps` says the same.
sqlite_env=(STRATUS_LEDGER__KIND=sqlite STRATUS_LEDGER__PATH=$tmp/day-sqlite.sqlite)
expect sqlite_day 0 "dip-AAPL-20150824-1" -- \
  env "${sqlite_env[@]}" "$stratus" run --at 2015-08-24T19:45:00Z
history_json "$tmp/day-sqlite.json" "${sqlite_env[@]}"
if diff <(comparable "$tmp/day.json") <(comparable "$tmp/day-sqlite.json") > "$tmp/diff"; then
  ok
else
  fail "day: DynamoDB and SQLite ledgers differ:"; head -40 "$tmp/diff"
fi
expect caps 0 "caps for 2015-08" -- "$stratus" caps --month 2015-08
cp "$tmp/stdout" "$tmp/caps.txt"
env "${sqlite_env[@]}" "$stratus" caps --month 2015-08 > "$tmp/caps-sqlite.txt" 2>&1
if diff "$tmp/caps.txt" "$tmp/caps-sqlite.txt" > "$tmp/diff"; then
  ok
else
  fail "caps: DynamoDB and SQLite ledgers differ:"; cat "$tmp/diff"
fi
used=$(awk 'NR > 2 && $1 ~ /^[A-Z.]+$/ { sum += $3 } END { print sum + 0 }' "$tmp/caps.txt")
shares=$(jq '[.[].qty] | add' "$tmp/day.json")
[[ $used == "$shares" && $used -gt 0 ]] && ok \
  || fail "caps: $used shares used, history has $shares"

# A second identical run reserves nothing new.
expect second_run 0 "dip-AAPL-20150824-1" -- "$stratus" run --at 2015-08-24T19:45:00Z
history_json "$tmp/day2.json"
if diff <(comparable "$tmp/day.json") <(comparable "$tmp/day2.json") > "$tmp/diff"; then
  ok
else
  fail "second_run: the ledger changed:"; head -40 "$tmp/diff"
fi
"$stratus" caps --month 2015-08 > "$tmp/caps2.txt" 2>&1
diff -q "$tmp/caps.txt" "$tmp/caps2.txt" > /dev/null && ok || fail "second_run: caps changed"

# --- The August 2015 replay: DynamoDB and SQLite agree ------------------------------------------
replay_env=(STRATUS_LEDGER__TABLE=stratus-replay STRATUS_LEDGER__PATH=$tmp/replay-paper.sqlite)
expect replay_table 0 "created" -- env "${replay_env[@]}" "$stratus" ledger create-table
expect replay_dynamodb 0 "" -- \
  env "${replay_env[@]}" "$stratus" run --from 2015-08-01 --to 2015-08-31
history_json "$tmp/replay.json" "${replay_env[@]}"
replay_sqlite_env=(STRATUS_LEDGER__KIND=sqlite STRATUS_LEDGER__PATH=$tmp/replay.sqlite)
expect replay_sqlite 0 "" -- \
  env "${replay_sqlite_env[@]}" "$stratus" run --from 2015-08-01 --to 2015-08-31
history_json "$tmp/replay-sqlite.json" "${replay_sqlite_env[@]}"
count=$(jq length "$tmp/replay.json")
[[ $count == 51 ]] && ok || fail "replay: $count orders in DynamoDB, expected 51"
if diff <(comparable "$tmp/replay.json") <(comparable "$tmp/replay-sqlite.json") > "$tmp/diff"; then
  ok
else
  fail "replay: DynamoDB and SQLite ledgers differ:"; head -40 "$tmp/diff"
fi

echo "dynamodb_cli_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
