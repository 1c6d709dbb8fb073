#!/usr/bin/env bash
# Contract test: the JSON Schemas in docs/contracts/ hold for REAL step outputs.
#
# Usage: contract_test.sh PATH/TO/stratus
#
# Runs the built binary with the repository's default config (stratus.toml, data/) but its own
# ledger and audit log in a temporary directory, and validates what it prints:
#   1. `stratus run --at T --json` on four days: a day with signals and orders, the next day
#      (yesterday's fills under "reconciled"), a Saturday (skipped: weekend) and a weekday
#      outside the trading window (skipped), each against record.output.v1;
#      and a day of the stage profile (an entry filter and a tier condition: indicator values,
#      filter outcomes, filter_not_met) against evaluate.output.v1 and record.output.v1;
#   2. the same chain one step at a time (`stratus invoke STEP --event FILE`, each step fed the
#      previous step's output), each output against its own step's schema; plus market-check
#      before the open and after the close;
#   3. the audit log: every line JSON with type/run_id/profile/at, valid against
#      audit-event.v1, and as many lines per run as the run's "recorded.events";
#   4. negative checks: real outputs corrupted one way each (a price as a JSON number, run.at
#      missing, an unknown order state, version 2, ...) must FAIL validation, naming the field.
# Needs bash and Debian's /usr/bin/python3 with python3-jsonschema. No network access.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 PATH/TO/stratus" >&2
  exit 2
fi
bin=$(realpath "$1")
if [[ ! -x "$bin" ]]; then
  echo "contract_test: $1 is not an executable" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
contracts="$repo/docs/contracts"
py=/usr/bin/python3
validate=("$py" "$here/validate.py")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Only our settings: no STRATUS_* from the caller's environment (profile, config, limits...).
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^STRATUS_' || true)
export STRATUS_LEDGER__PATH="$tmp/ledger.sqlite"
export STRATUS_AUDIT__PATH="$tmp/audit.jsonl"
cd "$repo"

checks=0
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
pass() {
  checks=$((checks + 1))
  echo "ok   $*"
}

# schema NAME -> the schema file docs/contracts/NAME.v1.schema.json ("record.output", ...).
schema() { echo "$contracts/$1.v1.schema.json"; }

expect_valid() {  # SCHEMA DOC...
  local schema_file=$1
  shift
  local out
  if ! out=$("${validate[@]}" "$schema_file" "$@" 2>&1); then
    echo "$out" >&2
    fail "expected valid against $(basename "$schema_file"): $*"
  fi
  pass "valid   $(basename "$schema_file"): ${*#"$tmp/"}"
}

# expect_invalid SCHEMA DOC NEEDLE WHAT: validation must fail (exit 1, not a crash) and the
# report must contain NEEDLE (the JSON path and/or the message), so the right rule fired.
expect_invalid() {
  local schema_file=$1 doc=$2 needle=$3 what=$4
  local out rc=0
  out=$("${validate[@]}" "$schema_file" "$doc" 2>&1) || rc=$?
  if [[ $rc -ne 1 ]]; then
    echo "$out" >&2
    fail "$what: expected validation to fail with exit 1, got exit $rc"
  fi
  if ! grep -qF -- "$needle" <<<"$out"; then
    echo "$out" >&2
    fail "$what: the report does not mention: $needle"
  fi
  pass "invalid $(basename "$schema_file"): $what"
}

assert_doc() {  # DOC PYTHON_EXPR WHAT: EXPR over the parsed document `d` must be true.
  "$py" -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2" || fail "$3 ($(basename "$1"): $2)"
  pass "content $3"
}

# mutate SRC DST PYTHON_STATEMENTS: DST = SRC with the statements applied to `d`; fails when
# they changed nothing (a corruption that misses its target proves nothing).
mutate() {
  "$py" -c 'import copy, json, sys
d = json.load(open(sys.argv[1]))
before = copy.deepcopy(d)
exec(sys.argv[3])
if d == before:
    sys.exit("mutation changed nothing: " + sys.argv[3])
json.dump(d, open(sys.argv[2], "w"))' "$1" "$2" "$3" || fail "cannot corrupt $1"
}

run_stratus() {  # OUT ARGS...: runs the binary, stdout to OUT; fails on a non-zero exit.
  local out=$1
  shift
  if ! "$bin" "$@" >"$out" 2>"$out.stderr"; then
    cat "$out.stderr" >&2
    fail "stratus $* exited non-zero"
  fi
}

echo "== schemas"
# validate.py checks every schema against the 2020-12 meta-schema and its $id when it loads them.
envelope="$tmp/envelope.json"
echo '{"version":1,"run":{"id":"t/dev","profile":"dev","at":"2015-08-26T19:45:00Z"}}' >"$envelope"
expect_valid "$(schema market-check.input)" "$envelope"

echo "== stratus run --json (whole chain), against record.output"
run_stratus "$tmp/a.json" run --at 2015-08-24T19:45:00Z --json
run_stratus "$tmp/b.json" run --at 2015-08-25T19:45:00Z --json
run_stratus "$tmp/c.json" run --at 2015-08-22T15:00:00Z --json
run_stratus "$tmp/d.json" run --at 2015-08-24T15:00:00Z --json
expect_valid "$(schema record.output)" "$tmp/a.json" "$tmp/b.json" "$tmp/c.json" "$tmp/d.json"
# The chain is a chain: a complete run's final document is also every earlier step's output.
for step in market-check evaluate check-limits execute; do
  expect_valid "$(schema "$step.output")" "$tmp/a.json" "$tmp/b.json" "$tmp/c.json" "$tmp/d.json"
done
# The four days exercise what they are meant to (otherwise the validation above proves little).
assert_doc "$tmp/a.json" '"skipped" not in d and d["signals"] and d["orders"] and d["passed"]' \
  "(a) 2015-08-24 has signals, passes and orders"
assert_doc "$tmp/a.json" 'all(o["state"] == "submitted" for o in d["orders"])' \
  "(a) its orders were submitted"
assert_doc "$tmp/b.json" 'd["reconciled"] and all(r["session"] == "2015-08-24" and r["state"] == "filled" and "fill" in r for r in d["reconciled"])' \
  "(b) 2015-08-25 reconciles the fills of 2015-08-24's orders"
assert_doc "$tmp/c.json" 'd["skipped"]["step"] == "market-check" and d["market"]["status"] == "closed" and not d["market"]["is_session"] and "weekend" in d["skipped"]["reason"]' \
  "(c) Saturday 2015-08-22 is skipped: weekend"
assert_doc "$tmp/d.json" 'd["skipped"]["step"] == "market-check" and d["market"]["status"] == "open" and d["market"]["in_window"] is False' \
  "(d) 2015-08-24 15:00Z is skipped: outside the trading window"
assert_doc "$tmp/c.json" 'not ({"evaluation", "signals", "passed", "orders", "declined", "reconciled"} & d.keys()) and d["recorded"]["events"] >= 1' \
  "(c) a skipped chain has no later sections, but is recorded"

echo "== entry rules (the stage profile: a filter and a tier condition), against record.output"
STRATUS_LEDGER__PATH="$tmp/stage.sqlite" STRATUS_AUDIT__PATH="$tmp/stage.jsonl" \
  run_stratus "$tmp/r.json" --profile stage run --at 2015-08-26T19:45:00Z --json
for step in evaluate record; do expect_valid "$(schema "$step.output")" "$tmp/r.json"; done
assert_doc "$tmp/r.json" 'd["evaluation"]["filter"] and any(p["code"] == "filter_not_met" and p["filter"]["result"] == "false" for p in d["passed"]) and all("rsi(14)" in s["indicators"] for s in d["signals"])' \
  "(r) 2015-08-26 on stage: filtered symbols, and signals carrying their indicator values"

echo "== stratus invoke STEP (one step at a time), each against its own schema"
previous="$envelope"
for step in market-check evaluate check-limits execute record; do
  run_stratus "$tmp/$step.json" invoke "$step" --event "$previous"
  expect_valid "$(schema "$step.output")" "$tmp/$step.json"
  previous="$tmp/$step.json"
done
assert_doc "$tmp/market-check.json" '"skipped" not in d and d["market"]["in_window"]' \
  "invoke: 2015-08-26 19:45Z is in the window"
assert_doc "$tmp/check-limits.json" 'd["orders"] and d["declined"] and any("note" in o for o in d["orders"])' \
  "invoke: check-limits reserves, clips (note) and declines at the monthly cap"
assert_doc "$tmp/check-limits.json" 'all(o["state"] == "reserved" for o in d["orders"])' \
  "invoke: check-limits leaves its orders reserved"
assert_doc "$tmp/check-limits.json" 'd["buying_power"] == {"available": None, "broker": "paper"} and all(x["bound_by"] == "monthly_share_cap" for x in d["declined"]) and all(o.get("bound_by") == "monthly_share_cap" for o in d["orders"] if "note" in o)' \
  "invoke: the paper broker sets no buying power; the cap binds what is clipped and declined"
assert_doc "$tmp/execute.json" 'd["reconciled"] and all(o["state"] != "reserved" for o in d["orders"])' \
  "invoke: execute submits the orders and reconciles earlier ones"
for edge in "before_open 2015-08-26T12:00:00Z" "after_close 2015-08-26T21:00:00Z"; do
  read -r status at <<<"$edge"
  echo "{\"version\":1,\"run\":{\"id\":\"t/$status\",\"profile\":\"dev\",\"at\":\"$at\"}}" \
    >"$tmp/$status.in.json"
  run_stratus "$tmp/$status.json" invoke market-check --event "$tmp/$status.in.json"
  expect_valid "$(schema market-check.output)" "$tmp/$status.json"
  assert_doc "$tmp/$status.json" "d['market']['status'] == '$status' and 'skipped' in d" \
    "invoke: market-check at $at is $status and skipped"
done

echo "== audit log"
audit="$STRATUS_AUDIT__PATH"
[[ -s "$audit" ]] || fail "the audit log $audit is missing or empty"
"$py" - "$audit" <<'EOF' || fail "audit log lines must be JSON objects with type, run_id, profile, at"
import json, re, sys
utc = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")
for number, line in enumerate(open(sys.argv[1]), 1):
    try:
        event = json.loads(line)
    except ValueError as e:
        sys.exit(f"line {number}: not JSON: {e}")
    if not isinstance(event, dict):
        sys.exit(f"line {number}: not a JSON object")
    for field in ("type", "run_id", "profile", "at"):
        if not isinstance(event.get(field), str) or not event[field]:
            sys.exit(f"line {number}: no non-empty string {field!r}")
    if not utc.match(event["at"]):
        sys.exit(f"line {number}: at = {event['at']!r} is not a UTC time")
EOF
pass "content every audit line is JSON with type, run_id, profile, at"
expect_valid "$(schema audit-event)" "$audit"
"$py" - "$audit" "$tmp"/{a,b,c,d,record}.json <<'EOF' || fail "audit events per run must match recorded.events"
import collections, json, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
per_run = collections.Counter(e["run_id"] for e in lines)
for path in sys.argv[2:]:
    doc = json.load(open(path))
    run = doc["run"]
    mine = [e for e in lines if e["run_id"] == run["id"]]
    if len(mine) != doc["recorded"]["events"]:
        sys.exit(f"{path}: recorded.events = {doc['recorded']['events']}, audit lines {len(mine)}")
    if mine[0]["type"] != "run" or any(e["at"] != run["at"] or e["profile"] != run["profile"]
                                       for e in mine):
        sys.exit(f"{path}: audit events do not start with 'run' or do not carry run.at/profile")
if sum(per_run.values()) != sum(json.load(open(p))["recorded"]["events"] for p in sys.argv[2:]):
    sys.exit("the audit log holds events of runs this test did not make")
EOF
pass "content audit lines per run = recorded.events; each starts with 'run'"

echo "== negative checks: corrupted real outputs must fail"
rec=$(schema record.output)
mutate "$tmp/a.json" "$tmp/n1.json" 'd["signals"][0]["price"] = float(d["signals"][0]["price"])'
expect_invalid "$rec" "$tmp/n1.json" "\$.signals[0].price: " "signal price as a JSON number"
expect_invalid "$(schema evaluate.output)" "$tmp/n1.json" "is not of type 'string'" \
  "signal price as a JSON number (evaluate.output)"
mutate "$tmp/r.json" "$tmp/n1r.json" 'd["signals"][0]["indicators"]["rsi(14)"] = "31.2"'
expect_invalid "$rec" "$tmp/n1r.json" "\$.signals[0].indicators.rsi(14): " "indicator value as a string"
mutate "$tmp/r.json" "$tmp/n1s.json" 'next(p for p in d["passed"] if p["code"] == "filter_not_met")["filter"]["result"] = "maybe"'
expect_invalid "$rec" "$tmp/n1s.json" "'maybe' is not one of" "filter result not true/false/unknown"
mutate "$tmp/r.json" "$tmp/n1t.json" 'del next(p for p in d["passed"] if p["code"] == "filter_not_met")["filter"]'
expect_invalid "$rec" "$tmp/n1t.json" "'filter' is a required property" "filter_not_met without its filter"
mutate "$tmp/a.json" "$tmp/n2.json" 'd["orders"][0]["price"] = float(d["orders"][0]["price"])'
expect_invalid "$rec" "$tmp/n2.json" "\$.orders[0].price: " "order price as a JSON number"
mutate "$tmp/b.json" "$tmp/n3.json" 'd["reconciled"][0]["fill"]["avg_price"] = float(d["reconciled"][0]["fill"]["avg_price"])'
expect_invalid "$rec" "$tmp/n3.json" "\$.reconciled[0].fill.avg_price: " "fill price as a JSON number"
mutate "$tmp/a.json" "$tmp/n4.json" 'del d["run"]["at"]'
expect_invalid "$rec" "$tmp/n4.json" "'at' is a required property" "run.at missing"
mutate "$envelope" "$tmp/n4b.json" 'del d["run"]["at"]'
expect_invalid "$(schema market-check.input)" "$tmp/n4b.json" "'at' is a required property" \
  "run.at missing (envelope)"
mutate "$tmp/a.json" "$tmp/n5.json" 'd["orders"][0]["state"] = "pending"'
expect_invalid "$rec" "$tmp/n5.json" "\$.orders[0].state: 'pending' is not one of" \
  "unknown order state"
mutate "$tmp/b.json" "$tmp/n5b.json" 'd["reconciled"][0]["previous_state"] = "filled"'
expect_invalid "$rec" "$tmp/n5b.json" "\$.reconciled[0].previous_state: " \
  "reconciled from a terminal state"
# version 2 by sed on the compact `run --json` output.
sed 's/"version":1\([,}]\)/"version":2\1/' "$tmp/a.json" >"$tmp/n6.json"
cmp -s "$tmp/a.json" "$tmp/n6.json" && fail "sed did not change the version"
expect_invalid "$rec" "$tmp/n6.json" "\$.version: 1 was expected" "version 2"
sed 's/"version":1,/"version":2,/' "$envelope" >"$tmp/n6b.json"
cmp -s "$envelope" "$tmp/n6b.json" && fail "sed did not change the envelope's version"
expect_invalid "$(schema market-check.input)" "$tmp/n6b.json" "\$.version: 1 was expected" \
  "version 2 (envelope)"
mutate "$envelope" "$tmp/n6c.json" 'd["version"] = "1"'
expect_invalid "$(schema market-check.input)" "$tmp/n6c.json" "\$.version: " \
  "version as a string (envelope)"
mutate "$tmp/a.json" "$tmp/n7.json" 'd["run"]["at"] = "2015-08-24T15:45:00-04:00"'
expect_invalid "$rec" "$tmp/n7.json" "\$.run.at: " "run.at with an offset instead of Z"
mutate "$tmp/a.json" "$tmp/n8.json" 'd["market"]["session"] = "08/24/2015"'
expect_invalid "$rec" "$tmp/n8.json" "\$.market.session: " "session date not YYYY-MM-DD"
mutate "$tmp/a.json" "$tmp/n9.json" 'd["signals"][0]["price"] = "43.07125"'
expect_invalid "$rec" "$tmp/n9.json" "\$.signals[0].price: " "price with 5 decimals"
mutate "$tmp/a.json" "$tmp/n10.json" 'd["passed"][0]["code"] = "no_signal"'
expect_invalid "$rec" "$tmp/n10.json" "\$.passed[0].code: 'no_signal' is not one of" \
  "unknown passed.code"
mutate "$tmp/a.json" "$tmp/n11.json" 'd["market"]["status"] = "halted"'
expect_invalid "$rec" "$tmp/n11.json" "\$.market.status: 'halted' is not one of" \
  "unknown market.status"
mutate "$tmp/a.json" "$tmp/n12.json" 'd["orders"][0]["limit"] = "1.00"'
expect_invalid "$rec" "$tmp/n12.json" "Additional properties are not allowed ('limit'" \
  "unknown member inside an order (nested objects are closed)"
mutate "$tmp/a.json" "$tmp/n13.json" 'd["skipped"] = {"step": "market-check", "reason": "test"}'
expect_invalid "$rec" "$tmp/n13.json" "\$.signals: must not be present" \
  "sections after skipped (a skipped document ends the chain)"
mutate "$tmp/a.json" "$tmp/n14.json" 'd["market"]["in_window"] = False'
expect_invalid "$(schema market-check.output)" "$tmp/n14.json" "\$.market.in_window: True was expected" \
  "outside the window yet not skipped"
mutate "$tmp/b.json" "$tmp/n15.json" 'del d["reconciled"][0]["fill"]'
expect_invalid "$(schema execute.output)" "$tmp/n15.json" "'fill' is a required property" \
  "a filled order without its fill"
mutate "$tmp/evaluate.json" "$tmp/n16.json" 'del d["passed"]'
expect_invalid "$(schema evaluate.output)" "$tmp/n16.json" "'passed' is a required property" \
  "evaluate output without passed"
mutate "$tmp/check-limits.json" "$tmp/n17.json" 'del d["orders"][0]["cap"]'
expect_invalid "$(schema check-limits.output)" "$tmp/n17.json" "'cap' is a required property" \
  "a new reservation without its cap"
mutate "$tmp/check-limits.json" "$tmp/n17b.json" 'd["buying_power"]["available"] = 1234.56'
expect_invalid "$(schema check-limits.output)" "$tmp/n17b.json" "\$.buying_power.available: " \
  "buying power as a JSON number"
mutate "$tmp/check-limits.json" "$tmp/n17c.json" 'd["declined"][0]["bound_by"] = "cash"'
expect_invalid "$(schema check-limits.output)" "$tmp/n17c.json" "\$.declined[0].bound_by: " \
  "a declined signal bound by an unknown limit"
mutate "$tmp/check-limits.json" "$tmp/n17d.json" 'del d["declined"][0]["bound_by"]'
expect_invalid "$(schema check-limits.output)" "$tmp/n17d.json" "'bound_by' is a required property" \
  "a declined signal without what bound it"
mutate "$tmp/c.json" "$tmp/n18.json" 'del d["recorded"]'
expect_invalid "$rec" "$tmp/n18.json" "'recorded' is a required property" \
  "a final document that was not recorded"
head -n 1 "$audit" | "$py" -c 'import json, sys
e = json.loads(sys.stdin.read()); e["type"] = "trade"; print(json.dumps(e))' >"$tmp/n19.jsonl"
expect_invalid "$(schema audit-event)" "$tmp/n19.jsonl" "\$.type: 'trade' is not one of" \
  "audit event of an unknown type"
echo '{"version":1,' >"$tmp/n20.json"
expect_invalid "$rec" "$tmp/n20.json" "not valid JSON" "a document that is not JSON"
# ...and the top level stays open: a later step's (or version's) new section is allowed.
mutate "$tmp/a.json" "$tmp/p1.json" 'd["notified"] = {"slack": True}'
expect_valid "$rec" "$tmp/p1.json"
# A broker that limits spending (Alpaca, the backtest's) reports an amount, negative when open
# orders hold more than the cash; one that could not say reports why.
mutate "$tmp/check-limits.json" "$tmp/p2.json" 'd["buying_power"] = {"available": "1234.5600", "broker": "alpaca"}'
mutate "$tmp/check-limits.json" "$tmp/p3.json" 'd["buying_power"] = {"available": "-12.5", "broker": "simulated"}'
mutate "$tmp/check-limits.json" "$tmp/p4.json" 'd["buying_power"] = {"available": None, "broker": "alpaca", "error": {"code": "Unavailable", "message": "alpaca GET /v2/account: HTTP 500"}}'
expect_valid "$(schema check-limits.output)" "$tmp/p2.json" "$tmp/p3.json" "$tmp/p4.json"

echo "PASS: $checks contract checks"
