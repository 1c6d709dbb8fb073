#!/usr/bin/env bash
# The HTML backtest report as a browser shows it: generates a realistic backtest result and sweep
# (backtest_fixture.py: 500 sessions, 3 accounts, 6 bought symbols, a data warning, a 5 x 4
# sweep with a missing cell and walk-forward folds), renders the page with backtest_report_demo,
# and has headless Chromium check it (backtest_render_check.cjs) against the result. Also checks
# that the page of the sweep alone renders, and that a malformed result is refused with exit 2
# naming the field. Screenshots are kept in OUT_DIR (backtest-laptop.png, backtest-phone.png)
# with the page (backtest-report.html).
# Exit 77 (skipped) only when Debian's chromium is not installed.
# Usage: backtest_render_test.sh path/to/backtest_report_demo OUT_DIR (cwd: the repository root)
set -uo pipefail
demo=$1
out_dir=$2
python=/usr/bin/python3
# shellcheck source=tests/report/render_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/render_lib.sh"
require_browser
tmp=$(mktemp -d)
trap '[[ -n ${KEEP_TMP:-} ]] && echo "kept $tmp" || rm -rf "$tmp"' EXIT

if ! "$python" tests/report/backtest_fixture.py --result "$tmp/result.json" \
    --sweep "$tmp/sweep.json" > "$tmp/fixture.out" 2>&1; then
  echo "FAIL the fixture generator failed:"; cat "$tmp/fixture.out"; exit 1
fi
if ! "$demo" --result "$tmp/result.json" --sweep "$tmp/sweep.json" --out "$tmp/report.html" \
    > "$tmp/demo.out" 2>&1; then
  echo "FAIL backtest_report_demo failed:"; cat "$tmp/demo.out"; exit 1
fi
cat "$tmp/demo.out"
if ! "$demo" --sweep "$tmp/sweep.json" --out "$tmp/sweep.html" > "$tmp/sweep.out" 2>&1 ||
    ! grep -q 'class="heat-map"' "$tmp/sweep.html"; then
  echo "FAIL the sweep's page:"; cat "$tmp/sweep.out"; exit 1
fi
# A money amount as a JSON number is refused, naming its JSON pointer.
"$python" - "$tmp/result.json" "$tmp/bad.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["strategies"][1]["metrics"]["final_equity"] = 41234.56
json.dump(doc, open(sys.argv[2], "w"))
PY
"$demo" --result "$tmp/bad.json" --out "$tmp/bad.html" > "$tmp/bad.out" 2>&1
status=$?
if [[ $status -ne 2 ]] || ! grep -q '/strategies/1/metrics/final_equity' "$tmp/bad.out" ||
    [[ -e $tmp/bad.html ]]; then
  echo "FAIL a malformed result: exit $status, expected 2 naming the field and no page:"
  cat "$tmp/bad.out"; exit 1
fi

mkdir -p "$out_dir"
cp "$tmp/report.html" "$out_dir/backtest-report.html"
NODE_PATH=$tools node tests/report/backtest_render_check.cjs --html "$tmp/report.html" \
  --result "$tmp/result.json" --sweep "$tmp/sweep.json" --out "$out_dir" --chromium "$chromium"
