#!/usr/bin/env bash
# Soak: repeats the concurrency suites many times, to catch races that a single run misses (runs,
# ledger reservations, outbox claims, audit log appends, delivery to flaky receivers, the market
# data's tables filled by a sweep's threads), fuzzes the rule parser with a million inputs per
# generator, and runs the crash-safety suite at full length (50 SIGKILLs per crash point, the
# whole watchlist).
# Kept out of `make test` for time. Usage: scripts/soak.sh BUILD_DIR [ROUNDS]
set -euo pipefail
build=${1:?usage: scripts/soak.sh BUILD_DIR [ROUNDS]}
rounds=${2:-25}
cd "$(dirname "$0")/.."
stratus=$build/apps/stratus/stratus

echo "soak: $rounds rounds of the 16-process run race"
for i in $(seq 1 "$rounds"); do
  bash tests/e2e/race_test.sh "$stratus" > /dev/null || { echo "soak: race failed in round $i" >&2; exit 1; }
done
echo "soak: $rounds rounds of the ledger race (16 forked reservers)"
"$build/tests/ledger/stratus_ledger_race_test" --gtest_repeat="$rounds" --gtest_brief=1 > /dev/null
echo "soak: $rounds rounds of the outbox claim race (16 forked deliverers on one SQLite outbox)"
"$build/tests/ledger/stratus_outbox_race_test" --gtest_repeat="$rounds" --gtest_brief=1 > /dev/null
echo "soak: $rounds rounds of concurrent audit log appends and the verifier on random damage"
"$build/src/adapters/file/stratus_file_test" --gtest_repeat="$rounds" --gtest_brief=1 \
  --gtest_filter='*TwoProcesses*:*RandomDamage*' > /dev/null
echo "soak: $((rounds / 5 + 1)) rounds of delivery to half-failing and down receivers, end to end"
for i in $(seq 1 $((rounds / 5 + 1))); do
  "$build/tests/webhook/stratus_webhook_outbox_test" --gtest_brief=1 > /dev/null \
    || { echo "soak: webhook delivery failed in round $i" >&2; exit 1; }
  SEED=$((100 + i)) bash tests/e2e/audit_trail_test.sh "$stratus" "$build/tests/fakes/alpaca/alpaca_fake_server" \
    "$build/tests/fakes/aws/fake_sns_server" > /dev/null \
    || { echo "soak: the audit trail failed in round $i" >&2; exit 1; }
done
echo "soak: $rounds rounds of two threads filling and reading the CSV market data's tables at once"
"$build/src/adapters/sim/stratus_sim_test" --gtest_repeat="$rounds" --gtest_brief=1 \
  --gtest_filter='CsvDrawdownWindow.TwoThreads*' > /dev/null
echo "soak: $((rounds / 5 + 1)) sweeps on two threads over the bundled set, each equal to one thread's"
sweep() {
  "$stratus" --profile dev sweep --from 2014-01-02 --to 2017-12-29 --contribution 500 \
    --grid tier1_drop=5,7,9,11 --grid monthly_share_cap=2,4,6 --quiet --json --jobs "$1"
}
one_thread=$(sweep 1)
for i in $(seq 1 $((rounds / 5 + 1))); do
  [ "$(sweep 2)" = "$one_thread" ] || { echo "soak: a sweep on two threads differed in round $i" >&2; exit 1; }
done
echo "soak: the rule parser fuzzed with 1,000,000 inputs per generator (random bytes, tokens, mutations)"
STRATUS_FUZZ_ITERATIONS=1000000 STRATUS_FUZZ_SEED=$RANDOM "$build/src/domain/rules/stratus_rules_test" \
  --gtest_filter='RuleFuzz*' --gtest_brief=1 > "${TMPDIR:-/tmp}/stratus-soak-fuzz.log" 2>&1 \
  || { tail -n 40 "${TMPDIR:-/tmp}/stratus-soak-fuzz.log" >&2; echo "soak: rule fuzzing failed" >&2; exit 1; }
echo "soak: crash safety: 50 SIGKILLs per crash point against the fake Alpaca"
STRATUS_SOAK=1 bash tests/crash/kill_points_test.sh "$stratus" \
  "$build/tests/fakes/alpaca/alpaca_fake_server" > "${TMPDIR:-/tmp}/stratus-soak-kill.log" 2>&1 \
  || { tail -n 40 "${TMPDIR:-/tmp}/stratus-soak-kill.log" >&2; echo "soak: kill points failed" >&2; exit 1; }
tail -n 1 "${TMPDIR:-/tmp}/stratus-soak-kill.log"
echo "soak: $rounds rounds passed, 0 failed"
