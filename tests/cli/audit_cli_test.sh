#!/usr/bin/env bash
# `stratus audit verify` and `stratus audit export` from the command line: a replay on the bundled
# data writes a chained audit log that verifies (by default at the profile's audit.path) and
# keeps verifying as later runs append to it; tampered copies exit 1 naming the file, the line
# and what is wrong; a copy cut short at the end verifies as the shorter chain; a torn log is
# never appended to; the CSV export parses with Python's csv module with one row per line and
# the JSONL export is the log's bytes; bad usage is exit 2 with a clear message.
# Usage: audit_cli_test.sh path/to/stratus (cwd: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment
log=$tmp/audit.jsonl
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$log
py=/usr/bin/python3

# --- Bad usage, before anything exists: exit 2 -------------------------------------------------
expect no_log 2 "$log: no such file" -- "$stratus" audit verify
expect missing_file 2 "$tmp/none.jsonl: no such file" -- "$stratus" audit verify "$tmp/none.jsonl"
expect directory 2 "not a regular file" -- "$stratus" audit verify "$tmp"
expect no_subcommand 2 "A subcommand is required" -- "$stratus" audit
expect export_missing 2 "$tmp/none.jsonl: no such file" -- \
  "$stratus" audit export "$tmp/none.jsonl" --format csv

# --- A replay writes a log that verifies --------------------------------------------------------
if "$stratus" run --from 2015-08-20 --to 2015-08-25 > "$tmp/run.out" 2>&1; then ok; else
  fail "replay:"; cat "$tmp/run.out"; exit 1
fi
lines=$(wc -l < "$log")
last_hash=$(tail -n 1 "$log" | jq -r .hash)
last_id=$(tail -n 1 "$log" | jq -r .event_id)
[[ $lines -gt 20 ]] && ok || fail "the replay wrote only $lines audit lines"
expect verify_default 0 "$log: $lines lines, chain intact (last seq $lines, hash $last_hash)" -- \
  "$stratus" audit verify
# The last event's id, for comparing with a copy kept elsewhere (events without ids have none).
if [[ $last_id != null ]]; then
  grep -qF "last event $last_id recorded at" "$tmp/all" && ok || fail "verify: no last event line"
fi
grep -qF "lines cut from the end of the log cannot be seen in the file alone" "$tmp/all" && ok \
  || fail "verify: no note on lines cut from the end"

# Another process appends: the chain carries on.
"$stratus" run --at 2015-08-26T19:45:00Z > "$tmp/run2.out" 2>&1 || fail "second run failed"
more=$(wc -l < "$log")
[[ $more -gt $lines ]] && ok || fail "the second run appended nothing"
expect verify_file 0 "$log: $more lines, chain intact (last seq $more," -- \
  "$stratus" audit verify "$log"
lines=$more

bad_usage_writes_nothing() {
  expect "$1" 2 "$2" -- "${@:3}"
  [[ ! -e $tmp/out.csv ]] && ok || { fail "$1: --output was written"; rm -f "$tmp/out.csv"; }
}
bad_usage_writes_nothing bad_format '--format "xml": expected csv or jsonl' \
  "$stratus" audit export --format xml --output "$tmp/out.csv"
bad_usage_writes_nothing empty_format '--format "": expected csv or jsonl' \
  "$stratus" audit export --format "" --output "$tmp/out.csv"
expect output_no_dir 2 "--output: the directory \"$tmp/nowhere\" of \"$tmp/nowhere/x.csv\" does not exist" -- \
  "$stratus" audit export --output "$tmp/nowhere/x.csv"
expect output_is_log 2 "--output: \"$log\" is the audit log itself" -- \
  "$stratus" audit export --format jsonl --output "$log"
[[ $(wc -l < "$log") -eq $lines ]] && ok || fail "export --output onto the log changed it"

# --- Tampered copies exit 1 at the right line ---------------------------------------------------
# tamper NAME PYTHON: a copy of the log whose list of lines `l` the Python statement changes.
tamper() {
  "$py" - "$log" "$tmp/$1.jsonl" "$2" <<'PY'
import json, sys
src, dst, stmt = sys.argv[1:]
l = open(src, encoding="utf-8").read().split("\n")[:-1]
exec(stmt)
open(dst, "w", encoding="utf-8", newline="").write("".join(x + "\n" for x in l))
PY
}
tamper edited 'o = json.loads(l[4]); o["type"] = "order"; o["severity"] = "error"; l[4] = json.dumps(o, separators=(",", ":"), sort_keys=True, ensure_ascii=False)'
expect edited 1 "$tmp/edited.jsonl:5: content edited: the line's content hashes to" -- \
  "$stratus" audit verify "$tmp/edited.jsonl"
tamper spaced 'l[6] = l[6].replace(":", ": ", 1)'
expect spaced 1 "$tmp/spaced.jsonl:7: bytes edited" -- "$stratus" audit verify "$tmp/spaced.jsonl"
tamper deleted 'del l[2]'
expect deleted 1 "$tmp/deleted.jsonl:3: seq gap: seq 4 where 3 was expected" -- \
  "$stratus" audit verify "$tmp/deleted.jsonl"
tamper inserted 'l.insert(8, l[1])'
expect inserted 1 "$tmp/inserted.jsonl:9: seq not increasing: seq 2 where 9 was expected" -- \
  "$stratus" audit verify "$tmp/inserted.jsonl"
tamper swapped 'l[9], l[10] = l[10], l[9]'
expect swapped 1 "$tmp/swapped.jsonl:10: seq gap: seq 11 where 10 was expected" -- \
  "$stratus" audit verify "$tmp/swapped.jsonl"
grep -qF "$tmp/swapped.jsonl: lines 1-9 are intact (last seq 9," "$tmp/all" && ok \
  || fail "swapped: the intact part is not reported"
# A copy cut at the end verifies, as the shorter chain: its last seq and hash tell the difference.
tamper cut 'del l[-1]'
cut_hash=$(tail -n 1 "$tmp/cut.jsonl" | jq -r .hash)
expect cut 0 "$tmp/cut.jsonl: $((lines - 1)) lines, chain intact (last seq $((lines - 1)), hash $cut_hash)" -- \
  "$stratus" audit verify "$tmp/cut.jsonl"
[[ $cut_hash != "$last_hash" ]] && ok || fail "cut: the last hash did not change"
# A torn last line: reported, and never appended to.
head -c -1 "$log" > "$tmp/torn.jsonl"
expect torn 1 "$tmp/torn.jsonl:$lines: torn line" -- "$stratus" audit verify "$tmp/torn.jsonl"
cp "$tmp/torn.jsonl" "$tmp/torn.before"
STRATUS_AUDIT__PATH=$tmp/torn.jsonl expect run_on_torn 1 "stratus audit verify $tmp/torn.jsonl" -- \
  "$stratus" run --at 2015-08-27T19:45:00Z
cmp -s "$tmp/torn.jsonl" "$tmp/torn.before" && ok || fail "run_on_torn: the torn log was appended to"

# --- Export ---------------------------------------------------------------------------------------
expect export_csv 0 "seq,event_id,recorded_at,at,run_id,profile,type,severity" -- \
  "$stratus" audit export --format csv
cp "$tmp/stdout" "$tmp/stdout.csv"
"$stratus" audit export "$log" --output "$tmp/out.csv" > "$tmp/quiet" 2>&1 && ok \
  || fail "export --output failed: $(cat "$tmp/quiet")"
[[ ! -s $tmp/quiet ]] && ok || fail "export --output printed: $(cat "$tmp/quiet")"
cmp -s "$tmp/out.csv" "$tmp/stdout.csv" && ok || fail "export --output differs from stdout"
if "$py" - "$tmp/out.csv" "$log" <<'PY'; then ok; else fail "the CSV export does not match the log"; fi
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, strict=True))
events = [json.loads(x) for x in open(sys.argv[2], encoding="utf-8")]
header = ("seq,event_id,recorded_at,at,run_id,profile,type,severity,symbol,qty,price,state,"
          "client_order_id,details").split(",")
assert rows[0] == header, rows[0]
assert len(rows) == len(events) + 1, (len(rows), len(events))
for row, event in zip(rows[1:], events):
    assert len(row) == len(header), row
    r = dict(zip(header, row))
    assert r["seq"] == str(event["seq"]), (r, event)
    for key in ("event_id", "recorded_at", "at", "run_id", "profile", "type", "severity"):
        assert r[key] == str(event.get(key, "")), (key, r, event)
    data = event["data"]
    if "symbol" in data:
        assert r["symbol"] == data["symbol"], (r, data)
    if "client_order_id" in data:
        assert r["client_order_id"] == data["client_order_id"], (r, data)
    if r["details"]:
        json.loads(r["details"])
assert any(r[6] == "order" and r[8] and r[13] for r in rows[1:]), "no order row with details"
PY
expect export_jsonl 0 "" -- "$stratus" audit export --format jsonl
cmp -s "$tmp/stdout" "$log" && ok || fail "the JSONL export is not the log's bytes"

# A broken chain: nothing exported, unless --no-verify.
expect export_broken 1 "$tmp/deleted.jsonl:3: seq gap" -- \
  "$stratus" audit export "$tmp/deleted.jsonl" --output "$tmp/broken.csv"
grep -qF "nothing exported (--no-verify exports it as it is)" "$tmp/all" && ok \
  || fail "export_broken: no word on --no-verify"
[[ ! -e $tmp/broken.csv ]] && ok || fail "export_broken: --output was written"
"$stratus" audit export "$tmp/deleted.jsonl" --no-verify --output "$tmp/broken.csv" \
  > "$tmp/quiet" 2>&1 && ok || fail "export --no-verify failed: $(cat "$tmp/quiet")"
rows=$("$py" -c 'import csv, sys; print(len(list(csv.reader(open(sys.argv[1], newline="")))))' \
  "$tmp/broken.csv")
[[ $rows -eq $lines ]] && ok || fail "export --no-verify: $rows rows for $((lines - 1)) lines + header"

echo "audit_cli_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
