#!/usr/bin/env bash
# SNS alerts from the command line: the real `stratus` binary with [alerts] sns_topic_arn set,
# against the fake SNS (tests/fakes/aws) on 127.0.0.1, which checks every request's signature.
# A trading day that places orders queues one alert naming them in the outbox after the audit log
# is written and delivers it in the same run; the audit log's last event (delivery) says so. When
# SNS is down, refuses the key, or no AWS settings exist, the run still succeeds, the alert waits
# in the outbox with the reason (`stratus outbox status`) and a later round delivers it once SNS
# is back. A run with nothing worth saying publishes nothing; `alerts.on` narrows what is said.
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

# delivery_of DIR: the sns part of the last delivery event of DIR's audit log.
delivery_of() { tail -n 1 "$1/audit.jsonl" | jq -c 'select(.type == "delivery") | .data.sns'; }

# --- A day with orders: one alert, queued after the audit events and delivered in the run -------
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
alert_id=$(jq -r 'select(.type == "alert") | .event_id' "$tmp/a/audit.jsonl")
grep -qF "$alert_id" <<< "$body" && ok || fail "orders: the message does not end with its event id"
[[ $(delivery_of "$tmp/a") == '{"delivered":1,"failed":0,"pending":0}' ]] && ok \
  || fail "orders: the audit log's last event is not the delivery of the alert: $(tail -n 1 "$tmp/a/audit.jsonl")"
grep -qF "  delivery  sns    1 sent, 0 pending" "$tmp/out" && ok \
  || { fail "orders: the run summary lacks the delivery:"; cat "$tmp/out"; }

# --- Nothing worth saying: a closed market publishes nothing ----------------------------------
run_day closed 2015-08-22 "$tmp/b"
[[ $(messages) == 1 ]] && ok || fail "closed: $(messages) messages, expected still 1"
[[ $(delivery_of "$tmp/b") == '{"delivered":0,"failed":0,"pending":0}' ]] && ok \
  || fail "closed: $(tail -n 1 "$tmp/b/audit.jsonl")"
! grep -q '"type":"alert"' "$tmp/b/audit.jsonl" && ok || fail "closed: an alert event was written"

# --- alerts.on narrows it: only failed runs wanted, so a day of orders says nothing ------------
run_day only_failures 2015-08-24 "$tmp/c" STRATUS_ALERTS__ON='["run_failed"]'
[[ $(messages) == 1 ]] && ok || fail "only_failures: $(messages) messages, expected still 1"

# --- alerts.min_severity: a day of orders (info) is below "warning" ------------------------------
run_day min_severity 2015-08-24 "$tmp/h" STRATUS_ALERTS__MIN_SEVERITY=warning
[[ $(messages) == 1 ]] && ok || fail "min_severity: $(messages) messages, expected still 1"

# --- SNS down: the run succeeds, the alert waits in the outbox, a later round delivers it -------
curl -sf -X POST -d "" "$sns/__admin/fail_next?count=1" > /dev/null || fail "could not arm the outage"
run_day outage 2015-08-24 "$tmp/d"
[[ $(messages) == 1 ]] && ok || fail "outage: $(messages) messages, expected still 1"
jq -e '.failed == 1 and .pending == 1 and (.error | test("InternalError"))' <<< "$(delivery_of "$tmp/d")" \
  > /dev/null && ok || fail "outage: $(tail -n 1 "$tmp/d/audit.jsonl")"
grep -qF "  delivery  sns    0 sent, 1 pending: " "$tmp/out" && grep -qF "InternalError" "$tmp/out" && ok \
  || { fail "outage: the run summary does not say the alert is pending:"; cat "$tmp/out"; }
export STRATUS_LEDGER__PATH=$tmp/d/ledger.sqlite
expect outage_status 0 "sns" -- "$stratus" outbox status
grep -qF "InternalError" "$tmp/all" && grep -qF "$alert_id" "$tmp/all" && ok \
  || { fail "outage: outbox status does not show the alert and why:"; cat "$tmp/all"; }
# SNS is back: the next round (on the real clock, long after the replayed run's backoff) sends it.
expect outage_deliver 0 "sns" -- "$stratus" outbox deliver
[[ $(messages) == 2 ]] && ok || fail "after the outage: $(messages) messages, expected 2"
expect outage_delivered 0 "outbox: nothing pending" -- "$stratus" outbox status
expect outage_no_repeat 0 "" -- "$stratus" outbox deliver
[[ $(messages) == 2 ]] && ok || fail "a second round sent the alert again: $(messages) messages"
unset STRATUS_LEDGER__PATH

# --- A refused key and no AWS settings at all: pending with the reason, never fatal -------------
run_day refused 2015-08-24 "$tmp/e" AWS_SECRET_ACCESS_KEY=not-the-secret
jq -e '.pending == 1 and (.error | test("SignatureDoesNotMatch"))' <<< "$(delivery_of "$tmp/e")" \
  > /dev/null && ok || fail "refused: $(tail -n 1 "$tmp/e/audit.jsonl")"
if grep -qF "not-the-secret" "$tmp/e/audit.jsonl" "$tmp/out"; then
  fail "refused: the wrong secret was logged"
fi
run_day no_settings 2015-08-24 "$tmp/f" -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY
jq -e '.pending == 1 and (.error | test("AWS_ACCESS_KEY_ID"))' <<< "$(delivery_of "$tmp/f")" \
  > /dev/null && ok || fail "no_settings: $(tail -n 1 "$tmp/f/audit.jsonl")"
[[ $(messages) == 2 ]] && ok || fail "failures: $(messages) messages, expected still 2"

# --- Every audit log written above, sent alert or not, holds to the audit-event contract ----------
for dir in a b c d e f h; do
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
jq -e '.recorded.outbox.sns.delivered == 1' "$tmp/final.json" > /dev/null && ok \
  || fail "json run: no delivered alert in .recorded"
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
