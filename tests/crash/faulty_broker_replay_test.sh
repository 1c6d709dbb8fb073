#!/usr/bin/env bash
# Rate limits and outages: August 2015 replayed (`stratus run --from --to`) against the fake
# Alpaca twice, each on a fresh fake and ledger: once clean, once with a fifth of all requests
# (every endpoint, seeded) answered 429 or 503 instead, 429s with a rate-limit reset already due.
# With enough retries both runs must end with the same orders (client_order_id, symbol, qty,
# state) at the fake and in the ledger, one order per client_order_id, and the faulty run must
# really have met faults.
#
# Usage: faulty_broker_replay_test.sh path/to/stratus path/to/alpaca_fake_server  (cwd: repo root)
set -euo pipefail
source "$(dirname "$0")/crash_lib.sh"
crash_init "$1" "$2"
compare=("/usr/bin/python3" "$CRASH_HERE/compare_orders.py")

# Retries fast and plenty; the circuit breaker must not open on injected failures.
export STRATUS_HTTP__MAX_ATTEMPTS=8 STRATUS_HTTP__BASE_DELAY_MS=2 STRATUS_HTTP__MAX_DELAY_MS=20
export STRATUS_HTTP__BREAKER_FAILURE_THRESHOLD=1000

# replay <dir>: the month, against the case's fake (no request budget: only injected 429s).
replay() {
  local dir=$1
  stratus_in "$dir" run --from 2015-08-01 --to 2015-08-31 >"$dir/replay.out" 2>&1 ||
    fail_case "$dir" "the replay failed (exit $?)"
  snapshot "$dir" replay
  admin "$dir" GET requests >"$dir/requests.json"
}

clean=$(crash_case clean)
fake_start "$clean" --rate-limit 0
replay "$clean"
"${compare[@]}" expected "$clean/replay.fake.json" "$clean/replay.history.json" \
  "$CRASH_TMP/expected.json" || fail_case "$clean" "the clean replay is inconsistent"

faulty=$(crash_case faulty)
fake_start "$faulty" --rate-limit 0
admin "$faulty" POST faults \
  '{"burst_reset_ms": 0, "fail_fraction": {"p": 0.2, "seed": 20150824, "statuses": [429, 503]}}' \
  >/dev/null
replay "$faulty"
admin "$faulty" POST faults '{}' >"$faulty/injected.json"
"${compare[@]}" check "$CRASH_TMP/expected.json" "$faulty/replay.fake.json" \
  "$faulty/replay.history.json" >"$faulty/check.out" 2>&1 ||
  fail_case "$faulty" "the faulty replay differs from the clean one: $(head -c 3000 "$faulty/check.out")"

/usr/bin/python3 - "$clean" "$faulty" <<'PY'
import json, sys
clean, faulty = sys.argv[1], sys.argv[2]
load = lambda d, f: json.load(open(f"{d}/{f}"))
states = lambda d: {o["client_order_id"]: o["state"] for o in load(d, "replay.history.json")}
a, b = states(clean), states(faulty)
diff = {cid: (a[cid], b.get(cid)) for cid in a if a[cid] != b.get(cid)}
assert not diff, f"ledger states differ (clean, faulty): {diff}"
injected = load(faulty, "injected.json")["injected"]
clean_total, faulty_total = load(clean, "requests.json")["total"], load(faulty, "requests.json")["total"]
posts = load(faulty, "requests.json")["by_endpoint"].get("POST /v2/orders", 0)
assert injected >= 10, f"only {injected} faults were injected: the run met too few to prove much"
assert faulty_total >= clean_total + injected, \
    f"{faulty_total} requests with {injected} faults, {clean_total} clean: the faults were not retried"
assert posts > len(a), f"{posts} order POSTs for {len(a)} orders: no order POST met a fault"
print(f"ok   {len(a)} orders, same at the fake and in the ledger, clean and faulty; "
      f"{injected} faults injected, {faulty_total} requests against {clean_total} clean")
PY
