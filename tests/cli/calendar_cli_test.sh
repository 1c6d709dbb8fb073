#!/usr/bin/env bash
# `stratus calendar sessions` and `stratus calendar status` as a user meets them: CSV rows for
# known NYSE sessions (early closes, DST, holidays, special closures), the JSON and table formats,
# status answers at chosen instants, and exit code 2 with a message naming the value on bad input.
# Usage: calendar_cli_test.sh path/to/stratus   (working directory: the repository root)
set -uo pipefail
stratus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

fail() { echo "FAIL $1"; failed=$((failed + 1)); }

# expect_out NAME EXPECTED_FILE -- COMMAND...: exit 0 and stdout exactly EXPECTED_FILE.
expect_out() {
  local name=$1 expected=$2
  shift 3
  local code=0
  "$@" > "$tmp/stdout" 2> "$tmp/stderr" || code=$?
  if [[ $code -ne 0 ]]; then fail "$name: exit code $code"; cat "$tmp/stderr"; return; fi
  if ! diff -u "$expected" "$tmp/stdout"; then fail "$name: unexpected output"; return; fi
  passed=$((passed + 1))
}

# expect_lines NAME -- COMMAND... <<< LINES: exit 0 and every line of LINES appears in stdout.
expect_lines() {
  local name=$1
  shift 2
  local code=0 wanted
  wanted=$(cat)
  "$@" > "$tmp/stdout" 2> "$tmp/stderr" || code=$?
  if [[ $code -ne 0 ]]; then fail "$name: exit code $code"; cat "$tmp/stderr"; return; fi
  while IFS= read -r line; do
    if ! grep -qxF -- "$line" "$tmp/stdout"; then
      fail "$name: stdout lacks the line '$line':"; cat "$tmp/stdout"; return
    fi
  done <<< "$wanted"
  passed=$((passed + 1))
}

# expect_bad NAME EXPECTED_TEXT -- COMMAND...: exit 2, stderr names EXPECTED_TEXT, stdout empty.
expect_bad() {
  local name=$1 expected=$2
  shift 3
  local code=0
  "$@" > "$tmp/stdout" 2> "$tmp/stderr" || code=$?
  if [[ $code -ne 2 ]]; then fail "$name: exit code $code, expected 2"; cat "$tmp/stderr"; return; fi
  if ! grep -qF -- "$expected" "$tmp/stderr"; then
    fail "$name: stderr lacks '$expected':"; cat "$tmp/stderr"; return
  fi
  if [[ -s $tmp/stdout ]]; then fail "$name: wrote to stdout"; cat "$tmp/stdout"; return; fi
  passed=$((passed + 1))
}

# Independence Day week 2024: early close on Wednesday July 3 (13:00 EDT = 17:00Z), no session on
# Thursday July 4 (NYSE's 2024 holiday list).
cat > "$tmp/july2024.csv" <<'CSV'
session,open,close
2024-07-01,2024-07-01T13:30:00Z,2024-07-01T20:00:00Z
2024-07-02,2024-07-02T13:30:00Z,2024-07-02T20:00:00Z
2024-07-03,2024-07-03T13:30:00Z,2024-07-03T17:00:00Z
2024-07-05,2024-07-05T13:30:00Z,2024-07-05T20:00:00Z
2024-07-08,2024-07-08T13:30:00Z,2024-07-08T20:00:00Z
CSV
expect_out csv_july_2024 "$tmp/july2024.csv" -- \
  "$stratus" calendar sessions --from 2024-07-01 --to 2024-07-08
expect_out csv_explicit_format "$tmp/july2024.csv" -- \
  "$stratus" calendar sessions --from 2024-07-01 --to 2024-07-08 --format csv

# DST ends on Sunday 2015-11-01: the UTC open moves from 13:30Z to 14:30Z.
cat > "$tmp/dst2015.csv" <<'CSV'
session,open,close
2015-10-30,2015-10-30T13:30:00Z,2015-10-30T20:00:00Z
2015-11-02,2015-11-02T14:30:00Z,2015-11-02T21:00:00Z
CSV
expect_out csv_dst_november_2015 "$tmp/dst2015.csv" -- \
  "$stratus" calendar sessions --from 2015-10-30 --to 2015-11-02

# Hurricane Sandy closed Monday and Tuesday 2012-10-29/30.
cat > "$tmp/sandy.csv" <<'CSV'
session,open,close
2012-10-26,2012-10-26T13:30:00Z,2012-10-26T20:00:00Z
2012-10-31,2012-10-31T13:30:00Z,2012-10-31T20:00:00Z
CSV
expect_out csv_hurricane_sandy "$tmp/sandy.csv" -- \
  "$stratus" calendar sessions --from 2012-10-26 --to 2012-10-31

# New Year's Day 2022 fell on a Saturday: no Friday make-up, Friday 2021-12-31 is a full session.
cat > "$tmp/newyear2022.csv" <<'CSV'
session,open,close
2021-12-31,2021-12-31T14:30:00Z,2021-12-31T21:00:00Z
2022-01-03,2022-01-03T14:30:00Z,2022-01-03T21:00:00Z
CSV
expect_out csv_saturday_new_year "$tmp/newyear2022.csv" -- \
  "$stratus" calendar sessions --from 2021-12-31 --to 2022-01-03

# The range ends.
cat > "$tmp/ends.csv" <<'CSV'
session,open,close
1990-01-02,1990-01-02T14:30:00Z,1990-01-02T21:00:00Z
CSV
expect_out csv_first_session "$tmp/ends.csv" -- \
  "$stratus" calendar sessions --from 1990-01-01 --to 1990-01-02
"$stratus" calendar sessions --from 1990-01-01 --to 2035-12-31 > "$tmp/all.csv" 2>&1
if [[ $(wc -l < "$tmp/all.csv") -eq 11578 && $(tail -1 "$tmp/all.csv") == \
      "2035-12-31,2035-12-31T14:30:00Z,2035-12-31T21:00:00Z" ]]; then
  passed=$((passed + 1))
else
  fail "csv_whole_range: $(wc -l < "$tmp/all.csv") lines, last: $(tail -1 "$tmp/all.csv")"
fi

expect_lines json_early_close -- \
  "$stratus" calendar sessions --from 2024-11-29 --to 2024-11-29 --format json <<'LINES'
    "session": "2024-11-29",
    "open": "2024-11-29T14:30:00Z",
    "close": "2024-11-29T18:00:00Z",
    "early_close": true,
    "note": "early close 13:00: Day after Thanksgiving"
LINES
expect_lines table_late_open -- \
  "$stratus" calendar sessions --from 1996-01-08 --to 1996-01-08 --format table <<'LINES'
1996-01-08  1996-01-08T16:00:00Z  1996-01-08T19:00:00Z  11:00-14:00  late open 11:00: Blizzard of 1996; early close 14:00: Blizzard of 1996
1 session(s), 1996-01-08 to 1996-01-08
LINES

# Status at chosen instants.
expect_lines status_open_early_close -- "$stratus" calendar status --at 2024-07-03T16:00:00Z <<'LINES'
status   open
note     early close 13:00: Day before Independence Day
session  2024-07-03 open 2024-07-03T13:30:00Z close 2024-07-03T17:00:00Z (09:30-13:00 New York)
LINES
expect_lines status_after_early_close -- "$stratus" calendar status --at 2024-07-03T17:00:00Z <<'LINES'
status   closed
reason   after the close (early close 13:00: Day before Independence Day)
next     2024-07-05 open 2024-07-05T13:30:00Z close 2024-07-05T20:00:00Z (09:30-16:00 New York)
LINES
expect_lines status_holiday -- "$stratus" calendar status --at 2024-07-04T15:00:00Z <<'LINES'
status   closed
reason   holiday: Independence Day
LINES
expect_lines status_weekend -- "$stratus" calendar status --at 2024-07-06T15:00:00Z <<'LINES'
status   closed
reason   weekend
LINES
expect_lines status_before_open -- "$stratus" calendar status --at 2024-07-05T13:29:59Z <<'LINES'
status   closed
reason   before the open
session  2024-07-05 open 2024-07-05T13:30:00Z close 2024-07-05T20:00:00Z (09:30-16:00 New York)
LINES
expect_lines status_special_closure -- "$stratus" calendar status --at 2012-10-29T15:00:00Z <<'LINES'
reason   closed: Hurricane Sandy
next     2012-10-31 open 2012-10-31T13:30:00Z close 2012-10-31T20:00:00Z (09:30-16:00 New York)
LINES
# Without --at, "now" comes from the clock: the answer is one of the two.
"$stratus" calendar status > "$tmp/now" 2>&1
if grep -qxE 'status   (open|closed)' "$tmp/now"; then passed=$((passed + 1)); else
  fail "status_now:"; cat "$tmp/now"; fi

# Bad input: exit 2, the value named, nothing on stdout.
expect_bad bad_from_date '"2024-13-01"' -- "$stratus" calendar sessions --from 2024-13-01 --to 2024-12-31
expect_bad bad_to_date '"yesterday"' -- "$stratus" calendar sessions --from 2024-01-01 --to yesterday
expect_bad from_after_to "--from 2024-02-01 is after --to 2024-01-01" -- \
  "$stratus" calendar sessions --from 2024-02-01 --to 2024-01-01
expect_bad before_range "1990-01-01..2035-12-31" -- \
  "$stratus" calendar sessions --from 1989-12-01 --to 1990-01-31
expect_bad after_range "--to 2036-01-02" -- \
  "$stratus" calendar sessions --from 2035-12-01 --to 2036-01-02
expect_bad bad_format '"xml"' -- "$stratus" calendar sessions --from 2024-01-01 --to 2024-01-31 --format xml
expect_bad missing_to "--to" -- "$stratus" calendar sessions --from 2024-01-01
expect_bad status_bad_at '"2024-07-03 16:00"' -- "$stratus" calendar status --at "2024-07-03 16:00"
expect_bad status_out_of_range "1990-01-01..2035-12-31" -- \
  "$stratus" calendar status --at 2036-01-02T15:00:00Z

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
