#!/usr/bin/env bash
# Bad input: malformed TOML, unknown keys, bad tiers, malformed JSON events and malformed CSV
# each end with exit code 2, a message naming the problem, and nothing written to the ledger.
# Usage: bad_input_test.sh path/to/stratus   (working directory: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl
passed=0
failed=0

# expect_bad NAME EXPECTED_TEXT -- COMMAND...: exit 2, stderr contains EXPECTED_TEXT, no ledger.
expect_bad() {
  local name=$1 expected=$2
  shift 3
  local code=0
  "$@" > "$tmp/stdout" 2> "$tmp/stderr" || code=$?
  if [[ $code -ne 2 ]]; then
    echo "FAIL $name: exit code $code, expected 2"; cat "$tmp/stderr"; failed=$((failed + 1)); return
  fi
  if ! grep -qF -- "$expected" "$tmp/stderr"; then
    echo "FAIL $name: stderr lacks '$expected':"; cat "$tmp/stderr"; failed=$((failed + 1)); return
  fi
  if [[ -e $tmp/ledger.sqlite ]]; then
    echo "FAIL $name: the ledger was written"; failed=$((failed + 1)); rm -f "$tmp"/ledger.sqlite*
    return
  fi
  passed=$((passed + 1))
}

write() { cat > "$tmp/$1"; }

write malformed.toml <<'TOML'
[dev
strategy = "dip"
TOML
expect_bad malformed_toml "line 1" -- "$stratus" --config "$tmp/malformed.toml" run --at 2015-08-24T19:45:00Z

write unknown_key.toml <<'TOML'
[dev.limits]
monthly_share_cpa = 3
TOML
expect_bad unknown_key "monthly_share_cpa" -- "$stratus" --config "$tmp/unknown_key.toml" run --at 2015-08-24T19:45:00Z
expect_bad unknown_key_suggests "did you mean" -- "$stratus" --config "$tmp/unknown_key.toml" run --at 2015-08-24T19:45:00Z

write unsorted_tiers.toml <<'TOML'
[dev.evaluate]
tiers = [ { drop = "20", qty = 2 }, { drop = "10", qty = 1 } ]
TOML
expect_bad unsorted_tiers "evaluate.tiers" -- "$stratus" --config "$tmp/unsorted_tiers.toml" run --at 2015-08-24T19:45:00Z

write negative_tier.toml <<'TOML'
[dev.evaluate]
tiers = [ { drop = "10", qty = -1 } ]
TOML
expect_bad negative_tier "qty" -- "$stratus" --config "$tmp/negative_tier.toml" run --at 2015-08-24T19:45:00Z

write float_money.toml <<'TOML'
[dev.limits]
max_order_notional = 100.10
TOML
expect_bad float_money "write decimals as strings" -- "$stratus" --config "$tmp/float_money.toml" run --at 2015-08-24T19:45:00Z

write wrong_type.toml <<'TOML'
[dev.limits]
trading_enabled = "yes"
TOML
expect_bad wrong_type "limits.trading_enabled" -- "$stratus" --config "$tmp/wrong_type.toml" run --at 2015-08-24T19:45:00Z

write literal_secret.toml <<'TOML'
[dev.secrets]
alpaca_secret = "hunter2hunter2"
TOML
expect_bad literal_secret "by reference" -- "$stratus" --config "$tmp/literal_secret.toml" config show
if grep -q hunter2 "$tmp/stderr"; then echo "FAIL literal_secret: the secret was echoed"; failed=$((failed + 1)); fi

expect_bad env_override_bad "STRATUS_LIMITS__MONTHLY_SHARE_CAP" -- env STRATUS_LIMITS__MONTHLY_SHARE_CAP=-4 "$stratus" run --at 2015-08-24T19:45:00Z
expect_bad unknown_profile "profile" -- "$stratus" --profile prdo run --at 2015-08-24T19:45:00Z
expect_bad missing_config "not found" -- "$stratus" --config "$tmp/nope.toml" run --at 2015-08-24T19:45:00Z

# Command-line usage.
expect_bad bad_at "--at" -- "$stratus" run --at 2015-08-24
expect_bad bad_range "--to" -- "$stratus" run --from 2015-08-31 --to 2015-08-01
expect_bad unknown_step "unknown step" -- "$stratus" invoke buy-everything --event /dev/null
expect_bad no_subcommand "subcommand" -- "$stratus"

# Malformed events.
echo '{"version": 1, "run": ' > "$tmp/truncated.json"
expect_bad truncated_json "not valid JSON" -- "$stratus" invoke market-check --event "$tmp/truncated.json"
echo '{"version": 1, "run": {"id": "x", "profile": "dev", "at": "24/08/2015"}}' > "$tmp/bad_at.json"
expect_bad bad_event_time "/run/at" -- "$stratus" invoke market-check --event "$tmp/bad_at.json"
echo '{"version": 1, "run": {"id": "x", "profile": "dev", "at": "2015-08-24T19:45:00Z"}, "market": {"session": "2015-08-24"}, "signals": [{"symbol": "AAPL", "price": 103.12, "qty": 1}]}' > "$tmp/float_price.json"
expect_bad float_price_event "/signals/0/price" -- "$stratus" invoke check-limits --event "$tmp/float_price.json"
echo '{"version": 1, "run": {"id": "x", "profile": "dev", "at": "2015-08-24T19:45:00Z"}, "market": {"session": "2015-08-24"}, "signals": [{"symbol": "AAPL", "price": "103.12", "qty": 0}]}' > "$tmp/zero_qty.json"
expect_bad zero_qty_event "/signals/0/qty" -- "$stratus" invoke check-limits --event "$tmp/zero_qty.json"
expect_bad stdin_event "not valid JSON" -- bash -c "echo 'nonsense' | '$stratus' invoke evaluate --event -"

# Malformed market data: the run fails with exit 2 naming file:line, before any reservation.
{
  echo "date,open,high,low,close,volume,Name"
  echo "2015-08-20,10,11,9,10,100,AAPL"
  echo "2015-08-21,10,11,9,-3,100,AAPL"
} > "$tmp/bad.csv"
expect_bad bad_csv_price "bad.csv:3" -- env STRATUS_DATA__PATH="$tmp/bad.csv" STRATUS_WATCHLIST='["AAPL"]' "$stratus" run --at 2015-08-24T19:45:00Z
{
  echo "date,open,high,low,close,volume,Name"
  echo "2015-08-21,10,11,9,10,100,AAPL"
  echo "2015-08-20,10,11,9,10,100,AAPL"
} > "$tmp/unsorted.csv"
expect_bad unsorted_csv "unsorted.csv:3" -- env STRATUS_DATA__PATH="$tmp/unsorted.csv" STRATUS_WATCHLIST='["AAPL"]' "$stratus" run --at 2015-08-24T19:45:00Z
{
  echo "date,open,high,low,close,volume,Name"
  echo "2015-08-21,10,11,9,10,100,AAPL"
  echo "2015-08-21,10,11,9,10,100,AAPL"
} > "$tmp/duplicate.csv"
expect_bad duplicate_csv "duplicate.csv:3" -- env STRATUS_DATA__PATH="$tmp/duplicate.csv" STRATUS_WATCHLIST='["AAPL"]' "$stratus" run --at 2015-08-24T19:45:00Z
printf 'date,open,high,low,close\n' > "$tmp/header.csv"
expect_bad bad_csv_header "header" -- env STRATUS_DATA__PATH="$tmp/header.csv" STRATUS_WATCHLIST='["AAPL"]' "$stratus" run --at 2015-08-24T19:45:00Z

# The tz database: $TZDIR names the zoneinfo directory (a Lambda package brings its own). A
# directory without America/New_York, or a file that is not TZif, is exit 2 naming the file.
mkdir -p "$tmp/zoneinfo/America" "$tmp/badzone/America"
expect_bad tzdir_missing "$tmp/nozone/America/New_York" -- env TZDIR="$tmp/nozone" "$stratus" calendar status --at 2024-07-03T16:00:00Z
echo "not a TZif file" > "$tmp/badzone/America/New_York"
expect_bad tzdir_corrupt "$tmp/badzone/America/New_York" -- env TZDIR="$tmp/badzone" "$stratus" calendar status --at 2024-07-03T16:00:00Z
cp /usr/share/zoneinfo/America/New_York "$tmp/zoneinfo/America/New_York"
if env TZDIR="$tmp/zoneinfo" "$stratus" calendar status --at 2024-07-03T16:00:00Z 2>&1 | grep -q "12:00 New York"; then
  passed=$((passed + 1))
else
  echo "FAIL tzdir_good: New York time from \$TZDIR"; failed=$((failed + 1))
fi

# The CA file HTTPS trusts: CURL_CA_BUNDLE, else SSL_CERT_FILE; one that cannot be read is exit 2.
expect_bad ca_bundle_missing "CURL_CA_BUNDLE=$tmp/no-ca.pem: cannot read" -- env CURL_CA_BUNDLE="$tmp/no-ca.pem" "$stratus" calendar status --at 2024-07-03T16:00:00Z
expect_bad ssl_cert_file_missing "SSL_CERT_FILE=$tmp/no-ca.pem" -- env -u CURL_CA_BUNDLE SSL_CERT_FILE="$tmp/no-ca.pem" "$stratus" calendar status --at 2024-07-03T16:00:00Z

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
