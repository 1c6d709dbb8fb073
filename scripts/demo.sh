#!/usr/bin/env bash
# The demo: replays August 2015 (the 24 August flash crash) for the 16 bundled S&P 500
# symbols on the dev profile, day by day; then re-runs one day to show that nothing is bought
# twice; then prints the caps table and the order history.
# Usage: scripts/demo.sh path/to/stratus
set -euo pipefail
stratus=${1:?usage: scripts/demo.sh path/to/stratus}
cd "$(dirname "$0")/.."

# The demo keeps its own ledger and audit log, so it never touches the dev profile's.
export STRATUS_LEDGER__PATH=var/demo/ledger.sqlite
export STRATUS_AUDIT__PATH=var/demo/audit.jsonl
rm -rf var/demo

banner() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

banner "Replaying every NYSE session of August 2015 at 15:45 New York time (profile dev)"
"$stratus" --profile dev run --from 2015-08-03 --to 2015-08-31

banner "Running 24 August 2015 again: every order is already reserved, nothing new is bought"
"$stratus" --profile dev run --at 2015-08-24T19:45:00Z

banner "Monthly caps for 2015-08"
"$stratus" --profile dev caps --month 2015-08

banner "Order history for 2015-08"
"$stratus" --profile dev history --month 2015-08

banner "The NYSE calendar around Thanksgiving 2015: a holiday, then a 13:00 early close"
"$stratus" calendar sessions --from 2015-11-25 --to 2015-11-30 --format table

banner "Audit trail"
echo "$(wc -l < var/demo/audit.jsonl) events in var/demo/audit.jsonl"
