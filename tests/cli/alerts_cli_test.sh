#!/usr/bin/env bash
# SNS alerts from the command line: the real `stratus` binary with [alerts] sns_topic_arn set,
# against the fake SNS (tests/fakes/aws) on 127.0.0.1, which checks every request's signature.
# A trading day that places orders publishes one alert naming them, after the audit log is
# written, and the audit log's last event says it was sent. When SNS is down, refuses the key, or
# no AWS settings exist, the run still succeeds, nothing is published and the audit log says why.
# A run with nothing worth saying publishes nothing; `alerts.on` narrows what is said.
# Usage: alerts_cli_test.sh path/to/stratus path/to/fake_sns_server (cwd: the repository root)
set -uo pipefail
stratus=$1
fake_sns=$2
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
cleanup() {
  stop_servers
  [[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
isolate_environment

topic=arn:aws:sns:us-east-1:123456789012:stratus-alerts
start_server sns "$fake_sns" --topic "$topic"
sns=http://127.0.0.1:$port

export AWS_ENDPOINT_URL_SNS=$sns AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=AKIDSTRATUSFAKE AWS_SECRET_ACCESS_KEY=stratus-fake-secret/key+0123456789
export STRATUS_ALERTS__SNS_TOPIC_ARN=$topic
export STRATUS_HTTP__TOTAL_TIMEOUT_MS=5000

messages() { curl -sf "$sns/__admin/messages" | jq '.messages | length'; }
last_event() { tail -n 1 "$1"; }

# run_day NAME DATE STATE_DIR [ENV ARGS...]: `stratus run` at 19:45Z of DATE with its own ledger and
# audit log in STATE_DIR; must exit 0 (an alert never fails a run).
run_day() {
  local name=$1 day=$2 dir=$3
  shift 3
  mkdir -p "$dir"
  if env "$@" STRATUS_LEDGER__PATH="$dir/ledger.sqlite" STRATUS_AUDIT__PATH="$dir/audit.jsonl" \
    "$stratus" run --at "${day}T19:45:00Z" > "$tmp/out" 2>&1; then
    ok
  else
    fail "$name: the run failed:"; cat "$tmp/out"; return 1
  fi
  if grep -qF "stratus-fake-secret" "$tmp/out" "$dir/audit.jsonl"; then
    fail "$name: the secret key was printed or logged"
  fi
}

# --- A day with orders: one alert, sent after the audit events, recorded as sent ---------------
run_day orders 2015-08-24 "$tmp/a"
[[ $(messages) == 1 ]] && ok || fail "orders: $(messages) messages published, expected 1"
curl -sf "$sns/__admin/messages" > "$tmp/messages.json"
subject=$(jq -r '.messages[0].Subject' "$tmp/messages.json")
body=$(jq -r '.messages[0].Message' "$tmp/messages.json")
[[ $subject == "Stratus dev: bought "* ]] && ok || fail "orders: subject '$subject'"
grep -q "^  AAPL   buy 2 at ~[0-9.]*, submitted \[dip-AAPL-20150824-1\]$" <<< "$body" && ok \
  || fail "orders: the message lacks the AAPL order line:
$body"
orders_in_alert=$(grep -c "^  [A-Z. ]*  buy " <<< "$body")
orders_in_ledger=$(env STRATUS_LEDGER__PATH="$tmp/a/ledger.sqlite" "$stratus" history --format json | jq length)
[[ $orders_in_alert == "$orders_in_ledger" ]] && ok \
  || fail "orders: $orders_in_alert orders in the alert, $orders_in_ledger in the ledger"
event=$(last_event "$tmp/a/audit.jsonl")
[[ $(jq -r '.type' <<< "$event") == alert && $(jq -r '.data.sent' <<< "$event") == true ]] && ok \
  || fail "orders: the audit log's last event is not a sent alert: $event"
grep -qF "  alert     sent: $subject" "$tmp/out" && ok || fail "orders: the run summary lacks the alert"
[[ $(jq -r '.data.message_id' <<< "$event") == fake-sns-msg-1 ]] && ok \
  || fail "orders: the alert event lacks SNS's message id: $event"

# --- Nothing worth saying: a closed market publishes nothing ----------------------------------
run_day closed 2015-08-22 "$tmp/b"
[[ $(messages) == 1 ]] && ok || fail "closed: $(messages) messages, expected still 1"
[[ $(jq -r '.type' <<< "$(last_event "$tmp/b/audit.jsonl")") == skipped ]] && ok \
  || fail "closed: an alert event was written"

# --- alerts.on narrows it: only failed runs wanted, so a day of orders says nothing ------------
run_day only_failures 2015-08-24 "$tmp/c" STRATUS_ALERTS__ON='["run_failed"]'
[[ $(messages) == 1 ]] && ok || fail "only_failures: $(messages) messages, expected still 1"

# --- SNS down: the run succeeds, the audit log says the alert was not sent ---------------------
curl -sf -X POST -d "" "$sns/__admin/fail_next?count=5" > /dev/null || fail "could not arm the outage"
run_day outage 2015-08-24 "$tmp/d"
[[ $(messages) == 1 ]] && ok || fail "outage: $(messages) messages, expected still 1"
event=$(last_event "$tmp/d/audit.jsonl")
[[ $(jq -r '.data.sent' <<< "$event") == false ]] && ok || fail "outage: $event"
grep -qF "  alert     NOT sent: SNS Publish: InternalError" "$tmp/out" && ok \
  || { fail "outage: the run summary does not say the alert was not sent:"; cat "$tmp/out"; }
jq -e '.data.error.message | test("InternalError")' <<< "$event" > /dev/null && ok \
  || fail "outage: the error does not name SNS's answer: $event"
curl -sf -X POST -d "" "$sns/__admin/fail_next?count=0" > /dev/null

# --- A refused key and no AWS settings at all: noted, never fatal ------------------------------
run_day refused 2015-08-24 "$tmp/e" AWS_SECRET_ACCESS_KEY=not-the-secret
event=$(last_event "$tmp/e/audit.jsonl")
jq -e '.data.sent == false and (.data.error.message | test("SignatureDoesNotMatch"))' \
  <<< "$event" > /dev/null && ok || fail "refused: $event"
if grep -qF "not-the-secret" "$tmp/e/audit.jsonl" "$tmp/out"; then
  fail "refused: the wrong secret was logged"
fi
run_day no_settings 2015-08-24 "$tmp/f" -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY
event=$(last_event "$tmp/f/audit.jsonl")
jq -e '.data.sent == false and (.data.error.message | test("AWS_ACCESS_KEY_ID"))' \
  <<< "$event" > /dev/null && ok || fail "no_settings: $event"
[[ $(messages) == 1 ]] && ok || fail "failures: $(messages) messages, expected still 1"

# --- Every audit log written above, sent alert or not, holds to the audit-event contract ----------
for dir in a b c d e f; do
  if /usr/bin/python3 tests/contract/validate.py docs/contracts/audit-event.v1.schema.json \
    "$tmp/$dir/audit.jsonl" > "$tmp/validate.out" 2>&1; then
    ok
  else
    fail "contract: $dir/audit.jsonl:"; cat "$tmp/validate.out"
  fi
done
# And the final document of a run with an alert, against record.output.
mkdir -p "$tmp/g"
env STRATUS_LEDGER__PATH="$tmp/g/ledger.sqlite" STRATUS_AUDIT__PATH="$tmp/g/audit.jsonl" \
  "$stratus" run --at 2015-08-24T19:45:00Z --json > "$tmp/final.json" 2> "$tmp/out" \
  || fail "json run failed"
jq -e '.recorded.alert.sent == true' "$tmp/final.json" > /dev/null && ok \
  || fail "json run: no sent alert in .recorded"
/usr/bin/python3 tests/contract/validate.py docs/contracts/record.output.v1.schema.json \
  "$tmp/final.json" > "$tmp/validate.out" 2>&1 && ok \
  || { fail "contract: the final document:"; cat "$tmp/validate.out"; }

# --- Bad configuration is exit 2 before anything runs -------------------------------------------
if env STRATUS_ALERTS__SNS_TOPIC_ARN=stratus-alerts "$stratus" run --at 2015-08-24T19:45:00Z \
  > "$tmp/out" 2>&1; then
  fail "bad_arn: accepted"
else
  [[ $? == 2 ]] && grep -qF 'alerts.sns_topic_arn = "stratus-alerts"' "$tmp/out" && ok \
    || { fail "bad_arn:"; cat "$tmp/out"; }
fi

echo "alerts_cli_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
