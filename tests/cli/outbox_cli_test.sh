#!/usr/bin/env bash
# The outbox from the command line: the real `stratus` binary on a SQLite ledger file.
# `outbox status` on an empty outbox says so (text and --json, exit 0); with entries seeded by the
# sqlite3 tool it shows per-sink counts (pending, due now) and every pending entry with its type,
# attempts, next attempt and last error, oldest first, and leaves out delivered ones.
# `outbox deliver` runs a round (no sinks configured: nothing is sent, exit 0, nothing changes);
# an outbox that cannot be read is exit 1, bad flags and bad configuration exit 2.
# Usage: outbox_cli_test.sh path/to/stratus (cwd: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
cleanup() { [[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"; }
trap cleanup EXIT
isolate_environment
command -v sqlite3 > /dev/null || { echo "FAIL the sqlite3 tool is missing"; exit 1; }

export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl

# --- Empty -------------------------------------------------------------------------------------
expect empty_status 0 "outbox: nothing pending" -- "$stratus" outbox status
expect empty_json 0 '"entries": []' -- "$stratus" outbox status --json
jq -e '.sinks == {} and .entries == [] and (.now | test("^[0-9-]{10}T[0-9:]{8}Z$"))' \
  "$tmp/stdout" > /dev/null && ok || { fail "empty_json: unexpected shape"; cat "$tmp/stdout"; }
expect empty_deliver 0 "no sinks configured" -- "$stratus" outbox deliver
expect empty_deliver_json 0 "{}" -- "$stratus" outbox deliver --json

# --- Entries: two sinks, one due, one waiting after failures, one delivered ----------------------
sqlite3 "$STRATUS_LEDGER__PATH" <<'SQL'
INSERT INTO outbox (sink, event_id, order_key, payload, created_at, attempts, next_attempt_at,
                    delivered_at, last_error) VALUES
  ('slack', '2015-08-24/dev/1#7', '042015-018-0224/dev/011#017',
   '{"event_id":"2015-08-24/dev/1#7","type":"order","severity":"info"}',
   '2015-08-24T19:45:00Z', 3, '2099-01-01T00:00:00Z', NULL, 'the Slack webhook answered 503'),
  ('sheets', '2015-08-24/dev/1#12', '042015-018-0224/dev/011#0212',
   '{"event_id":"2015-08-24/dev/1#12","type":"run_summary","severity":"info"}',
   '2015-08-24T19:45:00Z', 0, '2015-08-24T19:45:00Z', NULL, ''),
  ('sheets', '2015-08-25/dev/1#1', '042015-018-0225/dev/011#011',
   '{"event_id":"2015-08-25/dev/1#1","type":"run","severity":"info"}',
   '2015-08-25T19:45:00Z', 0, '2015-08-25T19:45:00Z', NULL, ''),
  ('slack', '2015-08-20/dev/1#1', '042015-018-0220/dev/011#011',
   '{"event_id":"2015-08-20/dev/1#1","type":"order","severity":"info"}',
   '2015-08-20T19:45:00Z', 1, '2015-08-20T19:45:00Z', '2015-08-20T19:45:01Z', '');
SQL
expect status 0 "outbox: 3 pending" -- "$stratus" outbox status
grep -Eq '^slack +1 +0 ' "$tmp/stdout" && ok || { fail "status: slack counts"; cat "$tmp/stdout"; }
grep -Eq '^sheets +2 +2 ' "$tmp/stdout" && ok || { fail "status: sheets counts"; cat "$tmp/stdout"; }
grep -Eq '^slack +2015-08-24/dev/1#7 +order +2015-08-24T19:45:00Z +3 +2099-01-01T00:00:00Z +the Slack webhook answered 503$' \
  "$tmp/stdout" && ok || { fail "status: the failing entry's row"; cat "$tmp/stdout"; }
grep -q "2015-08-20/dev/1#1" "$tmp/stdout" && fail "status: a delivered entry is listed" || ok

expect status_json 0 '"entries"' -- "$stratus" outbox status --json
jq -e '[.entries[] | .sink + " " + .event_id] ==
         ["slack 2015-08-24/dev/1#7", "sheets 2015-08-24/dev/1#12", "sheets 2015-08-25/dev/1#1"]
       and .entries[0].attempts == 3 and .entries[0].type == "order"
       and .entries[0].next_attempt_at == "2099-01-01T00:00:00Z"
       and .entries[0].last_error == "the Slack webhook answered 503"
       and .entries[1].type == "run_summary" and .entries[1].last_error == ""
       and .sinks.slack == {"pending": 1, "due": 0, "oldest_created_at": "2015-08-24T19:45:00Z",
                            "oldest_age_seconds": .sinks.slack.oldest_age_seconds}
       and .sinks.sheets.pending == 2 and .sinks.sheets.due == 2
       and .sinks.sheets.oldest_created_at == "2015-08-24T19:45:00Z"
       and .sinks.sheets.oldest_age_seconds > 300000000' "$tmp/stdout" > /dev/null && ok \
  || { fail "status_json: unexpected content"; cat "$tmp/stdout"; }

# No sink is configured yet: a round sends nothing and changes nothing.
expect deliver 0 "3 pending" -- "$stratus" outbox deliver
[[ $(sqlite3 "$STRATUS_LEDGER__PATH" "SELECT sum(attempts) FROM outbox WHERE delivered_at IS NULL") == 3 ]] \
  && ok || fail "deliver: attempts changed without a sink"

# --- Bad usage and bad configuration: exit 2 -----------------------------------------------------
expect bad_flag 2 "--bogus" -- "$stratus" outbox status --bogus
expect bad_deliver_flag 2 "--all" -- "$stratus" outbox deliver --all
expect no_subcommand 2 "A subcommand is required" -- "$stratus" outbox
expect dynamodb_without_aws 2 "ledger.kind = \"dynamodb\"" -- \
  env STRATUS_LEDGER__KIND=dynamodb "$stratus" outbox status

# --- An outbox that cannot be read: exit 1 --------------------------------------------------------
cp "$STRATUS_LEDGER__PATH" "$tmp/broken.sqlite"
sqlite3 "$tmp/broken.sqlite" "DROP TABLE outbox"
expect deliver_unreadable 1 "no such table: outbox" -- \
  env STRATUS_LEDGER__PATH="$tmp/broken.sqlite" "$stratus" outbox deliver
expect status_unreadable 1 "reading the outbox" -- \
  env STRATUS_LEDGER__PATH="$tmp/broken.sqlite" "$stratus" outbox status
printf 'not a database, just text\n%.0s' $(seq 200) > "$tmp/garbage.sqlite"
expect deliver_garbage 1 "not a database" -- \
  env STRATUS_LEDGER__PATH="$tmp/garbage.sqlite" "$stratus" outbox deliver

echo "outbox CLI: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
