#!/usr/bin/env bash
# A backtest on Alpaca's history: with data.kind = "alpaca" the bars come from the local fake of
# Alpaca's Market Data API (serving the bundled CSV over HTTP on 127.0.0.1) through the same
# adapter live runs use, and the backtest decides exactly what it decides on the CSV itself:
# the same orders and the same equity every session. The result names the source and the
# adjustment it asked for.
# Usage: backtest_alpaca_test.sh path/to/stratus path/to/alpaca_fake_server (cwd: repository root)
set -uo pipefail
stratus=$1
alpaca_fake=$2
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap 'stop_servers; [[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment
period=(--from 2015-06-01 --to 2015-10-30 --contribution 400 --quiet --json)

start_server alpaca "$alpaca_fake" --bars data/bars/sp500-16.csv.gz --rate-limit 100000 \
  --key-id backtest-key-id --secret-key backtest-secret-key
if "$stratus" backtest "${period[@]}" > "$tmp/csv.json" 2> "$tmp/csv.err"; then ok; else
  fail "the backtest on the CSV failed"; cat "$tmp/csv.err"; fi
if env STRATUS_DATA__KIND=alpaca STRATUS_ALPACA__CACHE_PATH="$tmp/bars.sqlite" \
     APCA_API_DATA_URL="http://127.0.0.1:$port" APCA_API_KEY_ID=backtest-key-id \
     APCA_API_SECRET_KEY=backtest-secret-key \
     "$stratus" backtest "${period[@]}" > "$tmp/alpaca.json" 2> "$tmp/alpaca.err"; then ok; else
  fail "the backtest on Alpaca's history failed"; cat "$tmp/alpaca.err"; fi
if /usr/bin/python3 - "$tmp/csv.json" "$tmp/alpaca.json" <<'PY'
import json, sys
csv, alpaca = (json.load(open(p)) for p in sys.argv[1:3])
assert alpaca["data"]["source"] == "alpaca (feed iex, adjustment split)", alpaca["data"]["source"]
assert alpaca["data"]["adjustment"] == "split"
assert len(csv["orders"]) > 20, len(csv["orders"])
assert alpaca["orders"] == csv["orders"], "the orders differ"
assert alpaca["equity"] == csv["equity"], "the equity differs"
assert alpaca["strategies"] == csv["strategies"], "the metrics differ"
print(f"ok: {len(csv['orders'])} orders and {len(csv['equity']['sessions'])} sessions agree")
PY
then ok; else fail "Alpaca's history and the CSV disagree"; fi

echo "backtest on Alpaca's history: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
