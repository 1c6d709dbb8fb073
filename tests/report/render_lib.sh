# shellcheck shell=bash
# Shared by the headless-Chromium page checks (render_test.sh, backtest_render_test.sh): source it
# from the repository root.
#
#   require_browser   sets $chromium (STRATUS_TEST_CHROMIUM, else /usr/bin/chromium) and $tools
#                     (tests/tools/node_modules, for NODE_PATH); exits the script with 77 (skipped)
#                     when $chromium is not installed, and with 1 when playwright-core is missing.
require_browser() {
  chromium=${STRATUS_TEST_CHROMIUM:-/usr/bin/chromium}
  if [[ ! -x $chromium ]]; then
    echo "SKIP: $chromium is not installed (scripts/install-deps.sh installs Debian's chromium)"
    exit 77
  fi
  tools=$PWD/tests/tools/node_modules
  if [[ ! -d $tools/playwright-core ]]; then
    echo "FAIL tests/tools/node_modules/playwright-core is missing: run scripts/install-deps.sh"
    exit 1
  fi
}
