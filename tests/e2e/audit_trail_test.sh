#!/usr/bin/env bash
# The audit trail end to end: the real `stratus` binary trading through the fake Alpaca, with
# every remote sink on: Google Sheets (the Apps Script fake running deploy/sheets/Code.gs), Slack
# (the incoming-webhook fake) and SNS (the AWS fake), all on 127.0.0.1.
#   1. Six trading days while Sheets and Slack fail half their requests (500s and dropped
#      connections) and SNS loses two publishes: every run succeeds and its audit log verifies.
#   2. Two days with Sheets and Slack down: the runs succeed, the events wait in the outbox.
#   3. The receivers come back: `stratus outbox deliver` rounds until nothing is pending. Then each
#      receiver holds exactly the events its route takes (per the audit log), each exactly once.
#   4. Misconfigured sinks (a wrong shared secret, a wrong Slack token, a missing variable): the
#      run still succeeds and `stratus outbox status` says why.
#   5. No secret (Alpaca keys, the AWS secret key, the webhook URLs' tokens, the Sheets URL and
#      shared secret) appears in anything the runs produced: stdout and stderr in both log
#      formats, the audit log and its CSV export, the ledger file (outbox rows included),
#      `outbox status`, `config show`, the monthly report (text, JSON and HTML) and every error.
# Usage: audit_trail_test.sh path/to/stratus path/to/alpaca_fake_server path/to/fake_sns_server
# (cwd: the repository root). Needs node (scripts/install-deps.sh). SEED (default 7) seeds the
# receivers' half failures (scripts/soak.sh varies it).
set -uo pipefail
stratus=$1
alpaca_fake=$2
sns_fake=$3
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
cleanup() {
  stop_servers
  [[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT
isolate_environment
py=/usr/bin/python3
seed=${SEED:-7}
out=$tmp/outputs  # Everything a command printed, for the secret check at the end.
mkdir -p "$out"

# --- The secrets, each distinctive enough that a grep finds any copy of it ----------------------
alpaca_key=AKE2EALPACAKEYID77
alpaca_secret=e2e-alpaca-secret-key-9f8e7d6c5b4a
aws_secret=e2e-aws-secret-access-key/Zq8+Wm4
slack_token=xE2eSlackWebhookToken5c4b3a29
sheets_deployment=AKfycbE2eSheetsDeploymentSecret314
sheets_secret=e2e-sheets-shared-secret-2718281828
secrets=("$alpaca_key" "$alpaca_secret" "$aws_secret" "$slack_token" "$sheets_deployment"
         "$sheets_secret")
never_print=("${secrets[@]}")

# --- The receivers -------------------------------------------------------------------------------
price_flags=()
for p in AAPL=105.76 MSFT=43.07 AMZN=494.47 XOM=72.13 CVX=75.76 GE=24.59 JNJ=95.56 KO=39.53 \
         WMT=66.54 BA=131.71 CAT=75.00 NFLX=103.96 NVDA=21.47; do
  price_flags+=(--price "$p")
done
start_server alpaca "$alpaca_fake" --auto-fill --rate-limit 100000 --key-id "$alpaca_key" \
  --secret-key "$alpaca_secret" "${price_flags[@]}"
alpaca=http://127.0.0.1:$port
start_server slack node tests/fakes/slack/fake_slack_server.js \
  --webhook "T0E2E/B0E2E/$slack_token" --seed "$seed"
slack=http://127.0.0.1:$port
start_server sheets node tests/fakes/apps_script/fake_apps_script_server.js \
  --deployment-id "$sheets_deployment" --property "STRATUS_SECRET=$sheets_secret" --seed "$((seed + 4))"
sheets=http://127.0.0.1:$port
topic=arn:aws:sns:us-east-1:123456789012:stratus-alerts
start_server sns "$sns_fake" --topic "$topic" --access-key-id AKIDSTRATUSE2E \
  --secret-access-key "$aws_secret"
sns=http://127.0.0.1:$port

mode() { curl -sf -X POST -d "" "$1/__admin/fail?mode=$2" > /dev/null || fail "mode $2 at $1"; }

export APCA_API_BASE_URL=$alpaca APCA_API_KEY_ID=$alpaca_key APCA_API_SECRET_KEY=$alpaca_secret
export AWS_ENDPOINT_URL_SNS=$sns AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=AKIDSTRATUSE2E AWS_SECRET_ACCESS_KEY=$aws_secret
export SLACK_WEBHOOK_URL=$slack/services/T0E2E/B0E2E/$slack_token
export SHEETS_URL=$sheets/macros/s/$sheets_deployment/exec SHEETS_SECRET=$sheets_secret
export STRATUS_BROKER__KIND=alpaca
export STRATUS_LEDGER__PATH=$tmp/var/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/var/audit.jsonl
export STRATUS_ALERTS__SNS_TOPIC_ARN=$topic
export STRATUS_SLACK__WEBHOOK_URL=env:SLACK_WEBHOOK_URL
export STRATUS_SHEETS__URL=env:SHEETS_URL STRATUS_SHEETS__SECRET=env:SHEETS_SECRET
export STRATUS_SHEETS__EVENTS='["run_summary", "order", "order_update", "cap_declined", "run_failed"]'
export STRATUS_OUTBOX__MAX_PER_SINK=500
export STRATUS_HTTP__TOTAL_TIMEOUT_MS=5000 STRATUS_HTTP__BASE_DELAY_MS=1 STRATUS_HTTP__MAX_DELAY_MS=2

# run_day N DATE [ARGS...]: `stratus run` at 19:45Z of DATE, text or JSON logs by turns, at debug;
# must exit 0 whatever the receivers do. Output kept as $out/run-N.{out,err}.
run_day() {
  local n=$1 day=$2 format=text
  shift 2
  (( n % 2 )) && format=json
  if "$stratus" --log-level debug --log-format $format run --at "${day}T19:45:00Z" "$@" \
    > "$out/run-$n.out" 2> "$out/run-$n.err"; then
    ok
  else
    fail "day $day: the run failed:"; cat "$out/run-$n.out" "$out/run-$n.err"
  fi
}

# --- 1. Half the webhook requests fail; SNS loses two publishes ---------------------------------
mode "$slack" half
mode "$sheets" half
curl -sf -X POST -d "" "$sns/__admin/fail_next?count=2" > /dev/null || fail "could not arm SNS"
n=0
for day in 2015-08-20 2015-08-21 2015-08-24 2015-08-25 2015-08-26 2015-08-27; do
  n=$((n + 1))
  run_day $n $day
done
grep -qF "  delivery  slack" "$out/run-3.out" && ok || fail "the summary lacks the Slack delivery"
expect verify_half 0 "chain intact" -- "$stratus" audit verify
cp "$tmp/all" "$out/verify.out"
[[ $(jq -s '[.[] | select(.type == "order")] | length' "$tmp/var/audit.jsonl") -gt 5 ]] && ok \
  || fail "the days placed too few orders to test anything"

# --- 2. Sheets and Slack are down for two days ---------------------------------------------------
mode "$slack" down
mode "$sheets" down
run_day 7 2015-08-28
run_day 8 2015-08-31
grep -qF "pending: " "$out/run-8.out" && ok || fail "the outage's summary says nothing is pending"
expect status_outage 0 "pending" -- "$stratus" outbox status
cp "$tmp/all" "$out/status-outage.out"

# --- 3. The receivers are back: rounds until nothing is pending ----------------------------------
mode "$slack" up
mode "$sheets" up
for round in $(seq 20); do
  "$stratus" outbox deliver > "$out/deliver-$round.out" 2>&1 || fail "outbox deliver exited $?"
  "$stratus" outbox status > "$out/status.out" 2>&1
  grep -qF "outbox: nothing pending" "$out/status.out" && break
done
grep -qF "outbox: nothing pending" "$out/status.out" && ok \
  || { fail "still pending after $round rounds:"; cat "$out/status.out"; }

curl -sf "$slack/__admin/messages" > "$tmp/slack.json" || fail "slack admin"
curl -sf "$sheets/__admin/sheets" > "$tmp/sheets.json" || fail "sheets admin"
curl -sf "$sns/__admin/messages" > "$tmp/sns.json" || fail "sns admin"
"$py" - "$tmp/var/audit.jsonl" "$tmp/slack.json" "$tmp/sheets.json" "$tmp/sns.json" << 'PY' \
  && ok || fail "the receivers do not hold exactly the routed events, once each"
import collections, json, re, sys
audit, slack, sheets, sns = sys.argv[1:]
events = [json.loads(line) for line in open(audit, encoding="utf-8")]
rank = {"debug": 0, "info": 1, "warning": 2, "error": 3}
def routed(types, lowest):
    return [e["event_id"] for e in events
            if e["type"] in types and rank[e["severity"]] >= rank[lowest]]
ID = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/[a-z]+#\d+")
problems = []
def compare(name, expected, got):
    dupes = [i for i, c in collections.Counter(got).items() if c > 1]
    if dupes:
        problems.append("%s received %s more than once" % (name, dupes[:5]))
    if set(got) != set(expected):
        problems.append("%s: missing %s, unexpected %s" % (
            name, sorted(set(expected) - set(got))[:5], sorted(set(got) - set(expected))[:5]))
    if not expected:
        problems.append("%s: no event was routed to it" % name)

# Slack: one message per event; its context line names the event id.
messages = json.load(open(slack))["messages"]
compare("slack", routed({"order", "order_update", "cap_declined", "run_failed"}, "info"),
        [ID.findall(json.dumps(m["blocks"]))[-1] for m in messages])
# Sheets: one row per event in Trades, Runs or Events; the script's EventIds sheet lists them.
book = json.load(open(sheets))["sheets"]
ids = [row[0] for row in book["EventIds"]["rows"][1:]]
compare("sheets", routed({"run_summary", "order", "order_update", "cap_declined", "run_failed"},
                         "debug"), ids)
rows = sum(len(book[name]["rows"]) - 1 for name in ("Trades", "Runs", "Events") if name in book)
if rows != len(ids):
    problems.append("sheets: %d rows for %d events" % (rows, len(ids)))
runs = [row[1] for row in book["Runs"]["rows"][1:]]
if len(runs) != len({e["run_id"] for e in events if e["type"] == "run_summary"}):
    problems.append("sheets: %d Runs rows" % len(runs))
# SNS: one message per alert event; the body ends with the event id.
bodies = [m["Message"] for m in json.load(open(sns))["messages"]]
compare("sns", routed({"alert"}, "info"), [ID.findall(b)[-1] for b in bodies])
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY

# The delivery events: every run recorded its round; the outage's runs left events pending.
jq -s -e '[.[] | select(.type == "delivery")] | length == 8' "$tmp/var/audit.jsonl" > /dev/null \
  && ok || fail "not one delivery event per run"
jq -s -e '[.[] | select(.type == "delivery")][7].data.slack.pending > 0' "$tmp/var/audit.jsonl" \
  > /dev/null && ok || fail "the last outage run's delivery event shows nothing pending for Slack"
expect verify_end 0 "chain intact" -- "$stratus" audit verify
/usr/bin/python3 tests/contract/validate.py docs/contracts/audit-event.v1.schema.json \
  "$tmp/var/audit.jsonl" > "$tmp/validate.out" 2>&1 && ok \
  || { fail "the audit log breaks its contract:"; head -20 "$tmp/validate.out"; }

# --- 4. Misconfigured sinks: the run succeeds, the outbox says why -------------------------------
misconfigured() {
  local name=$1 why=$2
  shift 2
  mkdir -p "$tmp/$name"
  if env "$@" STRATUS_LEDGER__PATH="$tmp/$name/ledger.sqlite" \
    STRATUS_AUDIT__PATH="$tmp/$name/audit.jsonl" "$stratus" run --at 2015-08-24T19:45:00Z > "$out/$name.out" 2> "$out/$name.err"; then
    ok
  else
    fail "$name: the run failed:"; cat "$out/$name.out" "$out/$name.err"
  fi
  expect "$name" 0 "$why" -- env "$@" STRATUS_LEDGER__PATH="$tmp/$name/ledger.sqlite" \
    "$stratus" outbox status
  cp "$tmp/all" "$out/$name.status"
}
misconfigured wrong_secret "wrong secret" SHEETS_SECRET=not-the-sheets-secret-0987
misconfigured wrong_token "invalid_token" \
  SLACK_WEBHOOK_URL="$slack/services/T0E2E/B0E2E/not-the-slack-token-0987"
misconfigured no_variable "the environment variable SLACK_WEBHOOK_URL is not set" \
  -u SLACK_WEBHOOK_URL
misconfigured no_aws_settings "AWS_ACCESS_KEY_ID" -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY
for wrong in not-the-sheets-secret-0987 not-the-slack-token-0987; do
  if grep -rqF -- "$wrong" "$out" "$tmp"/wrong_*/audit.jsonl; then fail "$wrong was printed"; fi
done

# --- 5. No secret anywhere -----------------------------------------------------------------------
"$stratus" audit export --format csv --output "$out/audit.csv" > "$out/export.out" 2>&1 \
  || fail "audit export failed"
"$stratus" outbox status --json > "$out/status.json" 2>&1 || fail "outbox status --json failed"
"$stratus" config show > "$out/config-show.out" 2>&1 || fail "config show failed"
"$stratus" report --month 2015-08 --html "$out/report.html" > "$out/report.out" 2>&1 \
  || fail "report failed"
"$stratus" report --month 2015-08 --json > "$out/report.json" 2>&1 || fail "report --json failed"
"$stratus" --log-format json broker check > "$out/broker.out" 2>&1 || fail "broker check failed"
# Errors: refused Alpaca keys, and a run whose broker is refused (exit 1, the error printed).
env APCA_API_SECRET_KEY=not-the-alpaca-secret-0987 "$stratus" --log-level debug broker check \
  > "$out/broker-refused.out" 2>&1 && fail "refused keys: broker check succeeded"
# (The run's orders are refused; whether that fails the run is not this test's concern.)
env APCA_API_SECRET_KEY=not-the-alpaca-secret-0987 AWS_SECRET_ACCESS_KEY=not-the-aws-0987 \
  STRATUS_LEDGER__PATH="$tmp/refused/ledger.sqlite" STRATUS_AUDIT__PATH="$tmp/refused/audit.jsonl" \
  "$stratus" --log-format json --log-level debug run --at 2015-08-24T19:45:00Z \
  > "$out/run-refused.out" 2>&1
grep -qF "not-the-alpaca-secret-0987" "$out/broker-refused.out" "$out/run-refused.out" \
  && fail "a wrong Alpaca secret was printed"
grep -qF "not-the-aws-0987" "$out/run-refused.out" && fail "a wrong AWS secret was printed"
sqlite3 "$tmp/var/ledger.sqlite" .dump > "$out/ledger.sql" || fail "cannot dump the ledger"
grep -qF "INSERT INTO outbox" "$out/ledger.sql" && ok || fail "the ledger dump has no outbox rows"
cp "$tmp/var/audit.jsonl" "$out/"
for dir in wrong_secret wrong_token no_variable no_aws_settings refused; do
  [[ -e $tmp/$dir/audit.jsonl ]] && cp "$tmp/$dir/audit.jsonl" "$out/$dir-audit.jsonl"
  [[ -e $tmp/$dir/ledger.sqlite ]] && sqlite3 "$tmp/$dir/ledger.sqlite" .dump > "$out/$dir.sql"
done
files=$(find "$out" -type f | wc -l)
[[ $files -gt 40 ]] && ok || fail "only $files outputs collected"
leaks=0
for secret in "${secrets[@]}"; do
  if grep -rlF -- "$secret" "$out" "$tmp/var" > "$tmp/leak" 2>/dev/null; then
    fail "a secret appears in: $(tr '\n' ' ' < "$tmp/leak")"
    leaks=$((leaks + 1))
  fi
done
[[ $leaks -eq 0 ]] && ok

echo "audit_trail_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
