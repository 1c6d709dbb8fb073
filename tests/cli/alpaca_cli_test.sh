#!/usr/bin/env bash
# Alpaca from the command line: the real `stratus` binary against the real fake Alpaca server on
# 127.0.0.1. `broker check` accepts good keys (exit 0) and reports refused ones (exit 1, Alpaca's
# message, never the secret); missing keys and the live-trading guard are exit 2 with nothing
# written; `stratus run` places the day's orders at the fake exactly once, and the ledger agrees;
# with data.kind = "alpaca" the bars come from the fake (and its bar cache) instead of the CSV.
# Usage: alpaca_cli_test.sh path/to/stratus path/to/alpaca_fake_server (cwd: the repository root)
set -uo pipefail
stratus=$1
fake_server=$2
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
cleanup() {
  stop_servers
  rm -rf "$tmp"
}
trap cleanup EXIT
isolate_environment
never_print=(fake-secret-key)

# The symbols that signal on 2015-08-24 with the bundled data, at that day's closes.
prices=(AAPL=105.76 MSFT=43.07 AMZN=494.47 XOM=72.13 CVX=75.76 GE=24.59 JNJ=95.56 KO=39.53
        WMT=66.54 BA=131.71 CAT=75.00 NFLX=103.96 NVDA=21.47)
price_flags=()
for p in "${prices[@]}"; do price_flags+=(--price "$p"); done
start_server alpaca "$fake_server" --auto-fill "${price_flags[@]}" --bars data/bars/sp500-16.csv.gz
fake=http://127.0.0.1:$port
admin() { curl --noproxy '*' -sf "$fake/_admin/$1"; }

export STRATUS_BROKER__KIND=alpaca APCA_API_BASE_URL=$fake
export APCA_API_KEY_ID=fake-key-id APCA_API_SECRET_KEY=fake-secret-key
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl
# A refused or unreachable fake should fail fast, not back off for half a minute.
export STRATUS_HTTP__MAX_TOTAL_DELAY_MS=200 STRATUS_HTTP__BASE_DELAY_MS=10

no_ledger() {
  if [[ -e $tmp/ledger.sqlite ]]; then
    fail "$1: the ledger was created"; rm -f "$tmp"/ledger.sqlite*
  else
    passed=$((passed + 1))
  fi
}

# --- broker check ------------------------------------------------------------------------------
expect check_ok 0 "OK: the keys are accepted" -- "$stratus" broker check
grep -qF "trading URL:   $fake (custom, from APCA_API_BASE_URL)" "$tmp/stdout" \
  || fail "check_ok: no trading URL line"
for text in "status:        ACTIVE" "currency:      USD" "cash:          100000" \
            "trading_blocked=false account_blocked=false"; do
  grep -qF "$text" "$tmp/stdout" || fail "check_ok: stdout lacks '$text'"
done
expect check_json 0 '"ok": true' -- "$stratus" broker check --json
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["broker"] == "alpaca" and d["environment"] == "custom", d
assert d["account"]["status"] == "ACTIVE" and d["can_trade"] is True, d
assert d["account"]["cash"].startswith("100000"), d
' "$tmp/stdout" || fail "check_json: unexpected JSON"
no_ledger check_ok_no_ledger

expect wrong_secret 1 "request is not authorized" -- \
  env APCA_API_SECRET_KEY=wrong-secret-0451 "$stratus" broker check
grep -qF "wrong-secret-0451" "$tmp/all" && fail "wrong_secret: the secret was printed"
expect wrong_secret_json 1 '"ok": false' -- \
  env APCA_API_SECRET_KEY=wrong-secret-0451 "$stratus" broker check --json
grep -qF "wrong-secret-0451" "$tmp/all" && fail "wrong_secret_json: the secret was printed"

expect missing_key_id 2 "APCA_API_KEY_ID is not set" -- \
  env -u APCA_API_KEY_ID "$stratus" broker check
grep -qF 'broker.kind = "alpaca"' "$tmp/stderr" || fail "missing_key_id: does not say who needs it"
expect missing_secret 2 "APCA_API_SECRET_KEY is empty" -- \
  env APCA_API_SECRET_KEY= "$stratus" broker check
expect live_guard 2 'points at LIVE trading but alpaca.environment = "paper"' -- \
  env APCA_API_BASE_URL=https://api.alpaca.markets/v2 "$stratus" broker check
expect live_guard_config 2 "LIVE" -- env -u APCA_API_BASE_URL \
  STRATUS_ALPACA__TRADING_URL=https://api.alpaca.markets "$stratus" broker check
expect unreachable 1 "127.0.0.1:1" -- env APCA_API_BASE_URL=http://127.0.0.1:1 \
  STRATUS_HTTP__MAX_ATTEMPTS=1 "$stratus" broker check
expect blocked 1 "trading_blocked" -- bash -c "
  curl --noproxy '*' -sf -X POST -d '{\"trading_blocked\": true}' '$fake/_admin/account' > /dev/null &&
  '$stratus' broker check; code=\$?
  curl --noproxy '*' -sf -X POST -d '{\"trading_blocked\": false}' '$fake/_admin/account' > /dev/null
  exit \$code"
expect paper_check 0 "needs no credentials" -- \
  env -u STRATUS_BROKER__KIND -u APCA_API_KEY_ID -u APCA_API_SECRET_KEY "$stratus" broker check
no_ledger checks_no_ledger

# --- runs without keys -------------------------------------------------------------------------
# A Saturday: the market is closed, the broker is never needed, so no keys are needed either.
expect closed_market_no_keys 0 "market closed" -- \
  env -u APCA_API_KEY_ID -u APCA_API_SECRET_KEY "$stratus" run --at 2015-08-22T19:45:00Z
expect run_no_keys 2 "APCA_API_KEY_ID is not set and APCA_API_SECRET_KEY is not set" -- \
  env -u APCA_API_KEY_ID -u APCA_API_SECRET_KEY "$stratus" run --at 2015-08-24T19:45:00Z
no_ledger run_no_keys_no_ledger
expect run_live_guard 2 "LIVE" -- \
  env APCA_API_BASE_URL=https://api.alpaca.markets "$stratus" run --at 2015-08-24T19:45:00Z
no_ledger run_live_guard_no_ledger

# Nothing above sent an order.
posts=$(curl --noproxy '*' -sf "$fake/_admin/requests" | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_endpoint"].get("POST /v2/orders", 0))')
[[ $posts == 0 ]] && passed=$((passed + 1)) || fail "runs without keys: $posts orders reached the fake"

# --- a trading day at the fake -----------------------------------------------------------------
# compare_orders STAGE STATE [LEDGER]: the fake holds exactly one order per signal, and the
# ledger (default: $STRATUS_LEDGER__PATH) agrees with it: same ids, symbols and quantities, and
# every ledger order in STATE.
compare_orders() {
  admin orders > "$tmp/fake_orders.json" || { fail "$1: cannot read the fake's orders"; return; }
  STRATUS_LEDGER__PATH=${3:-$STRATUS_LEDGER__PATH} \
    "$stratus" history --format json > "$tmp/ledger_orders.json" 2> "$tmp/stderr" \
    || { fail "$1: stratus history failed"; cat "$tmp/stderr"; return; }
  if python3 - "$2" "$tmp/fake_orders.json" "$tmp/ledger_orders.json" "${prices[@]}" <<'PY'
import json, sys
state = sys.argv[1]
fake = json.load(open(sys.argv[2]))
ledger = json.load(open(sys.argv[3]))
symbols = {p.split("=")[0] for p in sys.argv[4:]}
at_fake = {o["client_order_id"]: o for o in fake}
in_ledger = {o["client_order_id"]: o for o in ledger}
expected = {f"dip-{s}-20150824-1" for s in symbols}
assert len(fake) == len(expected), f"{len(fake)} orders at the fake"
assert set(at_fake) == expected, f"the fake has {sorted(at_fake)}"
assert set(in_ledger) == expected, f"the ledger has {sorted(in_ledger)}"
for cid, o in at_fake.items():
    l = in_ledger[cid]
    assert o["side"] == "buy" and o["symbol"] == l["symbol"], (o, l)
    assert int(o["qty"]) == l["qty"], (o, l)
    assert o["status"] == "filled", o  # --auto-fill: right after it was accepted.
    assert l["broker_order_id"] == o["id"], (o, l)
    assert l["state"] == state, (cid, l["state"], state)
    if state == "filled":
        assert l["filled_qty"] == l["qty"], l
        assert float(o["filled_avg_price"]) == float(l["avg_price"]), (o, l)
PY
  then
    passed=$((passed + 1))
  else
    fail "$1: the fake and the ledger disagree"
  fi
}
# requests ENDPOINT: how many requests the fake has answered on ENDPOINT ("POST /v2/orders").
requests() {
  admin requests | python3 -c 'import json,sys; print(json.load(sys.stdin)["by_endpoint"].get(sys.argv[1], 0))' "$1"
}
order_posts() { requests "POST /v2/orders"; }

# The first run places the 13 orders; Alpaca answers each POST with the accepted order.
expect run_places_orders 0 "dip-AAPL-20150824-1" -- "$stratus" run --at 2015-08-24T19:45:00Z
compare_orders run_places_orders submitted
posts=$(order_posts)
[[ $posts == 13 ]] && passed=$((passed + 1)) || fail "run_places_orders: $posts submissions, expected 13"

# The same run again places nothing new, and brings the ledger up to the fills.
expect second_run 0 "dip-AAPL-20150824-1" -- "$stratus" run --at 2015-08-24T19:45:00Z
compare_orders second_run filled
posts=$(order_posts)
[[ $posts == 13 ]] && passed=$((passed + 1)) || fail "second_run: $posts submissions, expected 13"

# --- market data from Alpaca --------------------------------------------------------------------
# The same day with the bars served by the fake: the same signals. A fresh ledger adopts the
# orders the fake already holds (found by client_order_id) instead of placing them again.
data_env=(STRATUS_DATA__KIND=alpaca APCA_API_DATA_URL=$fake
          STRATUS_LEDGER__PATH=$tmp/data/ledger.sqlite STRATUS_ALPACA__CACHE_PATH=$tmp/data/bars.sqlite)
expect data_no_keys 2 'data.kind = "alpaca" needs the Alpaca API key pair' -- \
  env -u APCA_API_SECRET_KEY "${data_env[@]}" "$stratus" run --at 2015-08-24T19:45:00Z
[[ -e $tmp/data/ledger.sqlite ]] && fail "data_no_keys: the ledger was created"
expect data_from_alpaca 0 "signal    CVX        75.76  high    129.53   -41.51%" -- \
  env "${data_env[@]}" "$stratus" run --at 2015-08-24T19:45:00Z
grep -qF "signal    AAPL      105.76  high    134.54   -21.39%" "$tmp/stdout" \
  || fail "data_from_alpaca: no AAPL signal"
bar_requests=$(requests "GET /v2/stocks/bars")
[[ $bar_requests -ge 1 ]] && passed=$((passed + 1)) || fail "data_from_alpaca: no bar request"
[[ -s $tmp/data/bars.sqlite ]] && passed=$((passed + 1)) || fail "data_from_alpaca: no bar cache"
posts=$(order_posts)
[[ $posts == 13 ]] && passed=$((passed + 1)) || fail "data_from_alpaca: $posts submissions, expected 13"
compare_orders data_from_alpaca filled "$tmp/data/ledger.sqlite"
# A second process for the same day reads the bars from the cache: no bar request at all.
expect data_cached 0 "signal    CVX        75.76" -- \
  env "${data_env[@]}" "$stratus" run --at 2015-08-24T19:45:00Z
again=$(requests "GET /v2/stocks/bars")
[[ $again == "$bar_requests" ]] && passed=$((passed + 1)) \
  || fail "data_cached: $((again - bar_requests)) more bar requests, expected none"

# --- calendar cross-check -----------------------------------------------------------------------
# Alpaca's calendar (the fake's, from the published NYSE facts) agrees on 2015-08-24, so the run
# goes ahead; when the broker believes that day closed at 13:00, nothing is traded and the run
# fails with both views in the message.
cross_env=(STRATUS_MARKET__CROSS_CHECK=alpaca STRATUS_LEDGER__PATH=$tmp/cross/ledger.sqlite
           STRATUS_AUDIT__PATH=$tmp/cross/audit.jsonl)
expect cross_check_agrees 0 '"cross_check":{"source":"alpaca","status":"agrees"}' -- \
  env "${cross_env[@]}" "$stratus" run --at 2015-08-24T19:45:00Z --json
curl --noproxy '*' -sf -X POST -d '{"date": "2015-08-25", "open": "09:30", "close": "13:00"}' \
  "$fake/_admin/calendar" > /dev/null || fail "cross_check: cannot set the fake's calendar"
before=$(order_posts)
expect cross_check_disagrees 1 "calendar cross-check failed for 2015-08-25: alpaca disagrees" -- \
  env "${cross_env[@]}" "$stratus" run --at 2015-08-25T19:45:00Z
[[ $(order_posts) == "$before" ]] && passed=$((passed + 1)) \
  || fail "cross_check_disagrees: an order was sent"
grep -qF "calendar cross-check failed" "$tmp/cross/audit.jsonl" && passed=$((passed + 1)) \
  || fail "cross_check_disagrees: the failure is not in the audit log"
expect cross_check_closed_no_keys 0 "market closed" -- \
  env -u APCA_API_KEY_ID "${cross_env[@]}" "$stratus" run --at 2015-08-22T19:45:00Z

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
