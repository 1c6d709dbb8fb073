#!/usr/bin/env bash
# The HTML monthly report as a browser shows it: replays August 2015 on the bundled data with
# the real `stratus`, writes `stratus report --month 2015-08 --html`, and has headless Chromium
# check the rendered page (render_check.cjs) against the bundled CSV and `stratus history`.
# Screenshots are kept in OUT_DIR (report-laptop.png, report-phone.png).
# Exit 77 (skipped) only when Debian's chromium is not installed.
# Usage: render_test.sh path/to/stratus OUT_DIR (cwd: the repository root)
set -uo pipefail
stratus=$1
out_dir=$2
# shellcheck source=tests/report/render_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/render_lib.sh"
require_browser
tmp=$(mktemp -d)
source tests/lib/cli_test_lib.sh
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
isolate_environment
export STRATUS_LEDGER__PATH=$tmp/ledger.sqlite STRATUS_AUDIT__PATH=$tmp/audit.jsonl

if ! "$stratus" run --from 2015-08-03 --to 2015-08-31 > "$tmp/run.out" 2>&1; then
  echo "FAIL the replay failed:"; cat "$tmp/run.out"; exit 1
fi
if ! "$stratus" report --month 2015-08 --html "$tmp/report.html" > "$tmp/report.out" 2>&1; then
  echo "FAIL stratus report failed:"; cat "$tmp/report.out"; exit 1
fi
"$stratus" history --month 2015-08 --format json > "$tmp/history.json" || exit 1
mkdir -p "$out_dir"
cp "$tmp/report.html" "$out_dir/report-2015-08.html"
# The chart's months: March to August 2015 (report.chart_from .. the month's end).
NODE_PATH=$tools node tests/report/render_check.cjs --html "$tmp/report.html" \
  --bars data/bars/sp500-16.csv.gz --history "$tmp/history.json" \
  --from 2015-03-01 --to 2015-08-31 --out "$out_dir" --chromium "$chromium"
