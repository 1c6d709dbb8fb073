#!/usr/bin/env bash
# Configuration from SSM Parameter Store, from the command line: the real `stratus` binary
# against the fake SSM server (tests/fakes/aws) and the fake Alpaca server on 127.0.0.1.
# `config push` writes a profile (secrets as SecureString; checks before the first write, so a
# missing variable, a --dry-run or a conflict writes nothing); `config show --config ssm:/...`
# equals `config show` of the TOML file; a run and `broker check` work from SSM config, the
# Alpaca keys read from SecureStrings; a bad parameter is exit 2 naming it; refused AWS
# credentials are exit 1 with AWS's message; more than 10 parameters are read over pages.
# Usage: ssm_config_cli_test.sh path/to/stratus path/to/fake_ssm_server path/to/alpaca_fake_server
# (cwd: the repository root)
set -uo pipefail
stratus=$(realpath "$1")
fake_ssm=$(realpath "$2")
fake_alpaca=$(realpath "$3")
root=$(pwd)
tmp=$(mktemp -d)
source "$root/tests/lib/cli_test_lib.sh"
cleanup() {
  stop_servers
  rm -rf "$tmp"
}
trap cleanup EXIT
isolate_environment
never_print=(SKFROMSSMSECRET0001 PKFROMSSM0001 stratus-fake-secret)

# A parameter tree that is not a valid config, and one that a push will find stale.
cat > "$tmp/seed.json" << 'JSON'
[{"Name": "/stratus/bad/limits/monthly_share_cap", "Value": "x", "Type": "String"},
 {"Name": "/stratus/ci2/limits/monthly_budget_per_symbol", "Value": "100.00", "Type": "String"}]
JSON
start_server ssm "$fake_ssm" --seed "$tmp/seed.json"
ssm=http://127.0.0.1:$port
start_server alpaca "$fake_alpaca" --key-id PKFROMSSM0001 --secret-key SKFROMSSMSECRET0001
alpaca=http://127.0.0.1:$port

export AWS_ACCESS_KEY_ID=AKIDSTRATUSFAKE AWS_SECRET_ACCESS_KEY=stratus-fake-secret/key+0123456789
export AWS_REGION=us-east-1 AWS_ENDPOINT_URL_SSM=$ssm
# A refused or unreachable service should fail fast.
export STRATUS_HTTP__MAX_TOTAL_DELAY_MS=200 STRATUS_HTTP__BASE_DELAY_MS=10
export PUSH_KEY_ID=PKFROMSSM0001 PUSH_SECRET=SKFROMSSMSECRET0001

# parameters: the fake's state as "Name Type Version Value" lines.
parameters() {
  curl --noproxy '*' -sf "$ssm/__admin/parameters" | python3 -c '
import json, sys
for p in json.load(sys.stdin)["parameters"]:
    print(p["Name"], p["Type"], p["Version"], p["Value"])'
}
calls() {
  curl --noproxy '*' -sf "$ssm/__admin/requests" |
    python3 -c "import json,sys; print(json.load(sys.stdin)['operations'].get('$1', 0))"
}


# The profile to push: more than 10 leaf keys (the load reads several pages), strings that look
# like numbers, inline tables, arrays of tables, a stack-owned key, and two env: secrets.
# Everything runs in $tmp, so relative paths resolve the same from the file and from SSM.
cd "$tmp" || exit 1
cat > stratus.toml << TOML
[default]
strategy = "dip"
[default.data]
path = "$root/data/bars/sp500-16.csv.gz"

[ci]
watchlist = ["AAPL", "MSFT", "AMZN", "XOM", "CVX", "GE", "JNJ", "KO", "NVDA"]
[ci.market]
calendar = "xnys"
run_times = ["12:45", "15:45"]
[ci.evaluate]
window_sessions = 252
tiers = [{ drop = "10", qty = 1 }, { drop = "20", qty = 2 }, { drop = "30", qty = 3 }]
[ci.limits]
monthly_share_cap = 3
max_order_notional = "750.50"
monthly_budget_total = "5000.00"
symbol_caps = { NVDA = 1, KO = 2 }
[ci.broker]
slippage_bps = 5
commission_per_order = "0.00"
[ci.ledger]
kind = "sqlite"
[ci.secrets]
alpaca_key_id = "env:PUSH_KEY_ID"
alpaca_secret_key = "env:PUSH_SECRET"

# The same profile, its secrets read from SSM by GetParameter (a TOML file with ssm: references).
[cissm]
watchlist = ["AAPL"]
[cissm.secrets]
alpaca_key_id = "ssm:/stratus/ci/secrets/alpaca_key_id"
alpaca_secret_key = "ssm:/stratus/ci/secrets/alpaca_secret_key"
TOML

# --- push: refused before any write -------------------------------------------------------------
expect push_missing_var 2 "PUSH_SECRET is not set" -- \
  env -u PUSH_SECRET "$stratus" --config stratus.toml config push --profile ci
[[ $(parameters | wc -l) == 2 ]] && passed=$((passed + 1)) || fail "push_missing_var: SSM changed"
expect push_bad_profile 2 "monthly_share_cap" -- \
  bash -c "sed 's/monthly_share_cap = 3/monthly_share_cap = -3/' stratus.toml \
    > bad.toml && '$stratus' --config bad.toml config push --profile ci"
[[ $(parameters | wc -l) == 2 ]] && passed=$((passed + 1)) || fail "push_bad_profile: SSM changed"
expect push_dry_run 0 "dry run" -- "$stratus" --config stratus.toml config push --profile ci --dry-run
grep -qF "would write /stratus/ci/secrets/alpaca_secret_key (SecureString from \$PUSH_SECRET" \
  "$tmp/stdout" || fail "push_dry_run: no SecureString line"
[[ $(parameters | wc -l) == 2 ]] && passed=$((passed + 1)) || fail "push_dry_run: SSM changed"
[[ $(calls PutParameter) == 0 ]] && passed=$((passed + 1)) || fail "refused pushes: PutParameter sent"

# --- push -----------------------------------------------------------------------------------------
expect push 0 "written under /stratus/ci" -- "$stratus" --config stratus.toml config push --profile ci
grep -qF "skipped    ledger.kind: owned by the AWS stack" "$tmp/stdout" || fail "push: stack key not skipped"
grep -qF "wrote      /stratus/ci/limits/max_order_notional = 750.50" "$tmp/stdout" \
  || fail "push: no max_order_notional line"
parameters > "$tmp/pushed"
grep -qx "/stratus/ci/secrets/alpaca_secret_key SecureString 1 SKFROMSSMSECRET0001" "$tmp/pushed" \
  || fail "push: the secret is not a SecureString"
grep -qx "/stratus/ci/limits/symbol_caps/NVDA String 1 1" "$tmp/pushed" || fail "push: symbol cap"
grep -q "^/stratus/ci/ledger" "$tmp/pushed" && fail "push: a stack-owned key was written"
leaves=$(grep -c "^/stratus/ci/" "$tmp/pushed")
((leaves > 10)) && passed=$((passed + 1)) || fail "push: only $leaves parameters (want > 10)"
puts=$(calls PutParameter)
expect push_again 0 "0 parameter(s) written" -- "$stratus" --config stratus.toml config push --profile ci
[[ $(calls PutParameter) == "$puts" ]] && passed=$((passed + 1)) || fail "push_again: rewrote"

# --- conflicts and stale parameters -------------------------------------------------------------
sed 's/monthly_share_cap = 3/monthly_share_cap = 2/' stratus.toml > changed.toml
expect push_conflict 1 "/stratus/ci/limits/monthly_share_cap" -- \
  "$stratus" --config changed.toml config push --profile ci
grep -qF -- "--overwrite" "$tmp/stderr" || fail "push_conflict: no hint"
[[ $(calls PutParameter) == "$puts" ]] && passed=$((passed + 1)) || fail "push_conflict: wrote"
expect push_overwrite 0 "1 parameter(s) written" -- \
  "$stratus" --config changed.toml config push --profile ci --overwrite
parameters > "$tmp/overwritten"
grep -qx "/stratus/ci/limits/monthly_share_cap String 2 2" "$tmp/overwritten" && passed=$((passed + 1)) || fail "push_overwrite: value not replaced"
expect push_back 0 "1 parameter(s) written" -- \
  "$stratus" --config stratus.toml config push --profile ci --overwrite
expect push_stale 0 "stale      /stratus/ci2/limits/monthly_budget_per_symbol" -- \
  "$stratus" --config stratus.toml config push --profile ci --prefix /stratus/ci2 --dry-run

# --- config show: the same configuration ---------------------------------------------------------
expect show_file 0 "# Source: stratus.toml" -- "$stratus" --config stratus.toml --profile ci config show
tail -n +2 "$tmp/stdout" > show_file.txt
pages=$(calls GetParametersByPath)
expect show_ssm 0 "# Source: ssm:/stratus/ci" -- "$stratus" --config ssm:/stratus/ci config show
tail -n +2 "$tmp/stdout" > show_ssm.txt
# Secrets are references in both; the SSM one points at the parameters.
sed -i 's|^alpaca_key_id = "ssm:/stratus/ci/secrets/alpaca_key_id"|alpaca_key_id = "env:PUSH_KEY_ID"|;
        s|^alpaca_secret_key = "ssm:/stratus/ci/secrets/alpaca_secret_key"|alpaca_secret_key = "env:PUSH_SECRET"|' \
  show_ssm.txt
if diff -u show_file.txt show_ssm.txt > show.diff; then
  passed=$((passed + 1))
else
  fail "show: SSM and file configs differ:"; cat show.diff
fi
reads=$(($(calls GetParametersByPath) - pages))
((reads >= 2)) && passed=$((passed + 1)) || fail "show_ssm: $reads GetParametersByPath pages (want >= 2)"
expect show_env 0 'STRATUS_CONFIG' -- env STRATUS_CONFIG=ssm:/stratus/ci bash -c \
  "'$stratus' config show | head -n 1 | grep -qF '# Source: ssm:/stratus/ci' && echo STRATUS_CONFIG ok"
expect profile_mismatch 2 '--profile ci' -- "$stratus" --config ssm:/stratus/ci --profile dev config show

# --- run and broker check from SSM config -------------------------------------------------------
expect run_ssm 0 "2015-08-24" -- "$stratus" --config ssm:/stratus/ci run --at 2015-08-24T19:45:00Z
[[ -s var/ci/ledger.sqlite ]] && passed=$((passed + 1)) || fail "run_ssm: no ledger at var/ci"
gets=$(calls GetParameter)
expect check_ssm 0 "OK: the keys are accepted" -- env STRATUS_BROKER__KIND=alpaca \
  APCA_API_BASE_URL="$alpaca" "$stratus" --config ssm:/stratus/ci broker check
[[ $(calls GetParameter) == "$gets" ]] && passed=$((passed + 1)) \
  || fail "check_ssm: secrets under the prefix were read again"
expect check_toml_ssm_refs 0 "OK: the keys are accepted" -- env STRATUS_BROKER__KIND=alpaca \
  APCA_API_BASE_URL="$alpaca" "$stratus" --config stratus.toml --profile cissm broker check
[[ $(calls GetParameter) == $((gets + 2)) ]] && passed=$((passed + 1)) \
  || fail "check_toml_ssm_refs: expected 2 GetParameter calls"
expect check_missing_secret 2 "the SSM parameter /stratus/nowhere/secrets/alpaca_key_id" -- \
  env STRATUS_BROKER__KIND=alpaca APCA_API_BASE_URL="$alpaca" \
  STRATUS_SECRETS__ALPACA_KEY_ID=ssm:/stratus/nowhere/secrets/alpaca_key_id \
  "$stratus" --config stratus.toml --profile cissm broker check

# --- errors ---------------------------------------------------------------------------------------
expect bad_parameter 2 'ssm:/stratus/bad/limits/monthly_share_cap' -- \
  "$stratus" --config ssm:/stratus/bad config show
grep -qF '"x"' "$tmp/stderr" || fail "bad_parameter: the value is not named"
expect wrong_credentials 1 "InvalidSignatureException" -- \
  env AWS_SECRET_ACCESS_KEY=wrong-secret-0451 "$stratus" --config ssm:/stratus/ci config show
grep -qF "wrong-secret-0451" "$tmp/all" && fail "wrong_credentials: the secret was printed"
expect unknown_key_id 1 "UnrecognizedClientException" -- \
  env AWS_ACCESS_KEY_ID=AKIDSOMEONEELSE "$stratus" --config ssm:/stratus/ci run --at 2015-08-24T19:45:00Z
expect unreachable 1 "127.0.0.1:1" -- \
  env AWS_ENDPOINT_URL_SSM=http://127.0.0.1:1 "$stratus" --config ssm:/stratus/ci config show
expect push_wrong_credentials 1 "InvalidSignatureException" -- env AWS_SECRET_ACCESS_KEY=wrong \
  "$stratus" --config stratus.toml config push --profile ci
expect no_aws_credentials 2 "AWS" -- env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY \
  "$stratus" --config ssm:/stratus/ci config show

echo "ssm_config_cli_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
