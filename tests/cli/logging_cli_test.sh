#!/usr/bin/env bash
# Logs from the command line: the real `stratus` binary. With --log-format json every stderr line
# is one JSON object (ts, level, msg, fields) and a debug run logs the config source, its start
# and end (run id, outcome) and each step; text lines are readable; nothing new appears by
# default; STRATUS_LOG_LEVEL / STRATUS_LOG_FORMAT apply and the flags win; bad values exit 2 naming
# them, with nothing written. Against the fake Alpaca server on 127.0.0.1: HTTP retries and a
# circuit opening are warnings naming the host, never a key; a printed error holding a
# registered secret shows [REDACTED].
# Usage: logging_cli_test.sh path/to/stratus path/to/alpaca_fake_server (cwd: the repository root)
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
never_print=(fake-secret-key fake-key-id)

at=2015-08-24T19:45:00Z
# A fresh ledger and audit log per run: each run trades the same day again.
fresh() {
  rm -rf "$tmp/var"
  mkdir -p "$tmp/var"
  export STRATUS_LEDGER__PATH=$tmp/var/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/var/audit.jsonl
}

# check_json_lines NAME FILE MSG...: every line of FILE is a JSON object with a UTC ts (with
# milliseconds), a known level and a msg; every MSG is among the msgs.
check_json_lines() {
  local name=$1 file=$2
  shift 2
  python3 - "$file" "$@" << 'PY' || fail "$name: stderr is not JSON log lines"
import json, re, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
assert lines, "no log lines"
msgs = []
for line in lines:
    entry = json.loads(line)
    assert isinstance(entry, dict), line
    assert list(entry)[:3] == ["ts", "level", "msg"], line
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["ts"]), line
    assert entry["level"] in ("debug", "info", "warning", "error"), line
    assert isinstance(entry["msg"], str), line
    msgs.append(entry["msg"])
for wanted in sys.argv[2:]:
    assert wanted in msgs, f"no '{wanted}' line in {msgs}"
PY
  ok
}

# --- A debug run in JSON ----------------------------------------------------------------------
fresh
expect json_debug 0 "order" -- "$stratus" run --at $at --log-format json --log-level debug
check_json_lines json_debug "$tmp/stderr" "config source" "run started" "step" "run finished"
python3 - "$tmp/stderr" << 'PY' || fail "json_debug: the run's lines are not as expected"
import json, sys
entries = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
by_msg = lambda m: [e for e in entries if e["msg"] == m]
start, = by_msg("run started")
end, = by_msg("run finished")
assert start["level"] == "info" and start["run_id"] == "2015-08-24T19:45:00Z/dev", start
assert start["profile"] == "dev" and start["at"] == "2015-08-24T19:45:00Z", start
assert end["run_id"] == start["run_id"] and end["outcome"] == "traded", end
assert end["placed"] > 0 and isinstance(end["duration_ms"], int), end
steps = [(e["step"], e["outcome"]) for e in by_msg("step")]
assert steps == [("market-check", "ok"), ("evaluate", "ok"), ("check-limits", "ok"),
                 ("execute", "ok"), ("record", "ok")], steps
assert all(e["level"] == "debug" and e["duration_ms"] >= 0 for e in by_msg("step"))
source, = by_msg("config source")
assert source["level"] == "debug" and source["profile"] == "dev", source
PY
grep -q '"order' "$tmp/stderr" && fail "json_debug: the run document leaked into the log"

# The global flags may also come before the command; a skipped run says so.
fresh
expect flags_first 0 "market closed" -- \
  "$stratus" --log-format json --log-level debug run --at 2015-08-22T19:45:00Z
check_json_lines flags_first "$tmp/stderr" "run started" "run finished"
grep -q '"step":"market-check","outcome":"skipped"' "$tmp/stderr" \
  || fail "flags_first: market-check is not logged as skipped"
grep -q '"outcome":"skipped"' <(grep '"run finished"' "$tmp/stderr") \
  || fail "flags_first: the run is not logged as skipped"

# --- Text, defaults, environment -------------------------------------------------------------
fresh
expect text_info 0 "order" -- "$stratus" run --at $at --log-level info
ts='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z'
grep -Eq "^$ts INFO run started run_id=2015-08-24T19:45:00Z/dev profile=dev at=2015-08-24T19:45:00Z\$" \
  "$tmp/stderr" || { fail "text_info: no readable start line"; cat "$tmp/stderr"; }
grep -Eq "^$ts INFO run finished run_id=2015-08-24T19:45:00Z/dev outcome=traded " "$tmp/stderr" \
  || fail "text_info: no readable end line"
grep -q "DEBUG" "$tmp/stderr" && fail "text_info: debug lines at level info"
grep -Evq "^$ts (DEBUG|INFO|WARNING|ERROR) " "$tmp/stderr" && fail "text_info: a line is not a log line"

fresh
expect quiet_by_default 0 "order" -- "$stratus" run --at $at
[[ -s $tmp/stderr ]] && { fail "quiet_by_default: stderr is not empty"; cat "$tmp/stderr"; }

fresh
expect env_settings 0 "order" -- \
  env STRATUS_LOG_LEVEL=debug STRATUS_LOG_FORMAT=json "$stratus" run --at $at
check_json_lines env_settings "$tmp/stderr" "config source" "step" "run finished"

fresh
expect flag_wins 0 "order" -- \
  env STRATUS_LOG_LEVEL=error STRATUS_LOG_FORMAT=json "$stratus" run --at $at --log-level info \
  --log-format text
grep -Eq "^$ts INFO run started " "$tmp/stderr" || fail "flag_wins: the flags did not win"
grep -q '^{' "$tmp/stderr" && fail "flag_wins: JSON lines despite --log-format text"

# --- Bad values: exit 2, named, nothing written -------------------------------------------------
fresh
expect bad_level_flag 2 '--log-level "verbose": expected a log level: debug, info, warning or error' \
  -- "$stratus" run --at $at --log-level verbose
expect bad_format_flag 2 '--log-format "yaml": expected a log format: text or json' \
  -- "$stratus" --log-format yaml run --at $at
expect bad_level_env 2 'STRATUS_LOG_LEVEL "loud": expected a log level' \
  -- env STRATUS_LOG_LEVEL=loud "$stratus" run --at $at
expect bad_format_env 2 'STRATUS_LOG_FORMAT "xml": expected a log format: text or json' \
  -- env STRATUS_LOG_FORMAT=xml "$stratus" config show
expect bad_level_empty 2 '--log-level "": expected' -- "$stratus" run --at $at --log-level ''
[[ -e $tmp/var/ledger.sqlite || -e $tmp/var/audit.jsonl ]] && fail "bad values: something was written"

# --- HTTP retries and the circuit breaker, against the fake Alpaca -----------------------------
# The symbols that signal on 2015-08-24 with the bundled data, at that day's closes.
price_flags=()
for p in AAPL=105.76 MSFT=43.07 AMZN=494.47 XOM=72.13 CVX=75.76 GE=24.59 JNJ=95.56 KO=39.53 \
         WMT=66.54 BA=131.71 CAT=75.00 NFLX=103.96 NVDA=21.47; do
  price_flags+=(--price "$p")
done
start_server alpaca "$fake_server" --auto-fill "${price_flags[@]}"
fake=http://127.0.0.1:$port
faults() {
  curl --noproxy '*' -sf -X POST -H 'Content-Type: application/json' -d "$1" "$fake/_admin/faults" \
    > /dev/null || fail "cannot inject faults: $1"
}
export STRATUS_BROKER__KIND=alpaca APCA_API_BASE_URL=$fake
export APCA_API_KEY_ID=fake-key-id APCA_API_SECRET_KEY=fake-secret-key
export STRATUS_HTTP__BASE_DELAY_MS=1 STRATUS_HTTP__MAX_DELAY_MS=2

faults '{"clear": true, "fail_next": {"count": 2, "status": 503, "endpoint": "GET /v2/account"}}'
expect http_retry 0 "OK: the keys are accepted" -- "$stratus" broker check --log-format json
check_json_lines http_retry "$tmp/stderr" "http retry"
python3 - "$tmp/stderr" "127.0.0.1:$port" << 'PY' || fail "http_retry: the retry lines are wrong"
import json, sys
retries = [json.loads(l) for l in open(sys.argv[1]).read().splitlines()]
retries = [e for e in retries if e["msg"] == "http retry"]
assert [e["failed_attempt"] for e in retries] == [1, 2], retries
for e in retries:
    assert e["level"] == "warning" and e["method"] == "GET" and e["host"] == sys.argv[2], e
    assert e["failure"] == "HTTP 503" and e["wait_ms"] >= 0, e
PY

faults '{"clear": true, "fail_next": {"count": 10, "status": 503, "endpoint": "GET /v2/account"}}'
expect circuit_open 1 "circuit open for 127.0.0.1:$port" -- \
  env STRATUS_HTTP__BREAKER_FAILURE_THRESHOLD=2 STRATUS_HTTP__MAX_ATTEMPTS=3 \
  "$stratus" broker check --log-format text
grep -Eq "^$ts WARNING http circuit open host=127.0.0.1:$port consecutive_failures=2 " \
  "$tmp/stderr" || { fail "circuit_open: no circuit line"; cat "$tmp/stderr"; }
faults '{"clear": true}'

# A whole run at debug with the Alpaca keys in use: no key in any output (never_print above).
fresh
expect alpaca_debug_run 0 "submitted" -- \
  env STRATUS_DATA__KIND=csv "$stratus" run --at $at --log-format json --log-level debug
check_json_lines alpaca_debug_run "$tmp/stderr" "run started" "run finished"

# A printed error that happens to hold a registered secret shows [REDACTED] instead: the market
# check's second calendar (Alpaca) resolves the keys, then evaluate fails on a data file whose
# path holds the key id. stdout's run summary quotes the same error, redacted too.
fresh
never_print=(fake-secret-key)  # The checks below look for the key id themselves.
expect redacted_error 2 "/[REDACTED]/bars.csv: cannot open market data file" -- \
  env STRATUS_MARKET__CROSS_CHECK=alpaca STRATUS_DATA__PATH="$tmp/fake-key-id/bars.csv" \
  "$stratus" run --at $at
grep -qF "FAILED in evaluate" "$tmp/stdout" || fail "redacted_error: the summary lacks the failure"
grep -qF "[REDACTED]" "$tmp/stdout" || fail "redacted_error: the summary is not redacted"
grep -qF "fake-key-id" "$tmp/all" && { fail "redacted_error: the key id was printed"; cat "$tmp/all"; }
expect redacted_json 2 "[REDACTED]" -- \
  env STRATUS_MARKET__CROSS_CHECK=alpaca STRATUS_DATA__PATH="$tmp/fake-key-id/bars.csv" \
  "$stratus" run --at $at --json --log-format json --log-level debug
python3 -c 'import json,sys; json.loads(open(sys.argv[1]).read())' "$tmp/stdout" \
  || fail "redacted_json: the redacted document is not JSON"
grep -qF "fake-key-id" "$tmp/all" && fail "redacted_json: the key id was printed"
grep '^{' "$tmp/stderr" | grep -q '"msg":"step","step":"evaluate","outcome":"failed"' \
  || fail "redacted_json: the failed step is not logged"

echo "logging CLI: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
