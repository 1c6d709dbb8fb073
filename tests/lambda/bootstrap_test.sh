#!/usr/bin/env bash
# The packaged Lambda function as Lambda runs it: deploy/lambda/bootstrap and the stratus binary
# copied into a task root, started with only the environment Lambda gives a function
# (AWS_LAMBDA_RUNTIME_API, _HANDLER, LAMBDA_TASK_ROOT, plus the STRATUS_* settings that point the
# data, ledger and audit log into a temporary directory), against the Runtime API emulator
# (tests/fakes/lambda). For market-check and evaluate: a good event is answered with exactly what
# `stratus invoke` prints for it; a malformed one with Stratus.InvalidInput naming the byte; one
# whose deadline has passed with Stratus.DeadlinePassed and nothing written. An unknown _HANDLER
# and a bad config are init errors (exit 1); an unreachable Runtime API ends the process (exit 1).
# With a TASK_ROOT (an unpacked deployment package from scripts/package-lambda.sh) the function
# under test is that package as it is, and the running process must map no shared library from
# outside it and see the package's TZDIR.
# Usage: bootstrap_test.sh path/to/stratus path/to/lambda_runtime_emulator [TASK_ROOT]
#        (cwd: repository root; path/to/stratus computes the expected answers)
set -uo pipefail
stratus=$(realpath "$1")
emulator=$2
task_root=${3:-}
repo=$(pwd)
tmp=$(mktemp -d)
emulator_pid=
bootstrap_pid=
stop() {  # stop PID: ends a process this test started.
  if [[ -n $1 ]] && kill -0 "$1" 2> /dev/null; then
    kill "$1" 2> /dev/null
    wait "$1" 2> /dev/null
  fi
}
cleanup() {
  stop "$bootstrap_pid"
  stop "$emulator_pid"
  [[ -n ${KEEP_TMP:-} ]] || rm -rf "$tmp"
}
trap cleanup EXIT
passed=0
failed=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

# The deployment package, unpacked as Lambda does into LAMBDA_TASK_ROOT.
state=$tmp/state
mkdir -p "$state"
if [[ -n $task_root ]]; then
  task=$(realpath "$task_root")
else
  task=$tmp/task
  mkdir -p "$task"
  cp deploy/lambda/bootstrap "$task/bootstrap"
  cp "$stratus" "$task/stratus"
fi
for file in bootstrap stratus; do
  if [[ $(stat -c %a "$task/$file") == 755 ]]; then pass; else
    fail "$file has mode $(stat -c %a "$task/$file"), expected 755"; fi
done
settings=(STRATUS_DATA__PATH="$repo/data/bars/sp500-16.csv.gz"
          STRATUS_LEDGER__PATH="$state/ledger.sqlite" STRATUS_AUDIT__PATH="$state/audit.jsonl")

# What `stratus invoke` answers, in the same clean environment and directory.
# With a packaged task root, through the package's loader and with its TZDIR, as the function
# runs (so the expectations hold on a host without /usr/share/zoneinfo too).
invoke() {
  local run=("$stratus")
  if [[ -x $task/lib/ld-linux-x86-64.so.2 ]]; then
    run=(env TZDIR="$task/share/zoneinfo" "$task/lib/ld-linux-x86-64.so.2" --inhibit-cache
         --library-path "$task/lib" "$task/stratus")
  fi
  (cd "$task" && env -i "${settings[@]}" "${run[@]}" invoke "$1" --event "$2")
}
echo '{"version": 1, "run": {"id": "lambda-2015-08-24", "profile": "dev", "at": "2015-08-24T19:45:00Z"}}' > "$tmp/market-check.json"
invoke market-check "$tmp/market-check.json" > "$tmp/evaluate.json" || { echo "FAIL invoke market-check"; exit 1; }
invoke evaluate "$tmp/evaluate.json" > "$tmp/check-limits.json" || { echo "FAIL invoke evaluate"; exit 1; }
invoke check-limits "$tmp/check-limits.json" > /dev/null || { echo "FAIL invoke check-limits"; exit 1; }
if [[ $(jq '.signals | length' "$tmp/check-limits.json") -gt 0 ]]; then pass; else
  fail "2015-08-24 should signal with the bundled data"; fi
rm -f "$state"/*  # invoke check-limits reserved; the Lambda runs start from nothing.
printf '{"version": 1, "run": ' > "$tmp/malformed.json"  # 22 bytes: the error is at byte 23.

# start_emulator RESULTS ARGS...: the emulator in the background; sets $port.
start_emulator() {
  local results=$1
  shift
  : > "$results"
  rm -f "$tmp/port"
  "$emulator" --results "$results" "$@" > "$tmp/port" 2> "$tmp/emulator.err" &
  emulator_pid=$!
  for _ in $(seq 100); do
    [[ -s $tmp/port ]] && break
    sleep 0.05
  done
  port=$(head -n 1 "$tmp/port")
  if [[ ! $port =~ ^[0-9]+$ ]]; then
    echo "FAIL the emulator did not start:"; cat "$tmp/emulator.err"; exit 1
  fi
}
# start_bootstrap HANDLER [VAR=VALUE...]: the packaged function in the background, with only
# the environment Lambda sets.
start_bootstrap() {
  local handler=$1
  shift
  (cd "$task" && exec env -i AWS_LAMBDA_RUNTIME_API="127.0.0.1:$port" _HANDLER="$handler" \
      LAMBDA_TASK_ROOT="$task" "${settings[@]}" "$@" ./bootstrap) \
      > "$tmp/bootstrap.out" 2> "$tmp/bootstrap.err" &
  bootstrap_pid=$!
}
# wait_lines FILE N: up to 20 s for FILE to have N lines.
wait_lines() {
  for _ in $(seq 400); do
    [[ $(wc -l < "$1") -ge $2 ]] && return 0
    sleep 0.05
  done
  return 1
}
# wait_exit: up to 20 s for the bootstrap to end; sets $exit_code (999: it did not end).
wait_exit() {
  exit_code=999
  for _ in $(seq 400); do
    if ! kill -0 "$bootstrap_pid" 2> /dev/null; then
      wait "$bootstrap_pid"
      exit_code=$?
      bootstrap_pid=
      return
    fi
    sleep 0.05
  done
}
field() { sed -n "$2p" "$1" | jq -c "$3"; }  # field RESULTS LINE JQ-FILTER
# expect_error RESULTS LINE TYPE TEXT: line LINE is an accepted error report of TYPE (header and
# body agree, stackTrace is []) whose message contains TEXT.
expect_error() {
  local results=$1 line=$2 type=$3 text=$4 name="$1 line $2"
  name=${name#"$tmp/"}
  if [[ $(field "$results" "$line" '[.kind, .status, .error_type, .json.errorType, .json.stackTrace]') \
        != "[\"error\",202,\"$type\",\"$type\",[]]" ]]; then
    fail "$name: expected an accepted $type error, got: $(sed -n "${line}p" "$results")"; return
  fi
  if ! field "$results" "$line" '.json.errorMessage' | grep -qF -- "$text"; then
    fail "$name: the message lacks '$text': $(field "$results" "$line" '.json.errorMessage')"
    return
  fi
  pass
}
# self_contained NAME: the running packaged function (started through the package's loader)
# maps the package's stratus and no shared object from outside the package, and has its TZDIR.
self_contained() {
  local maps outside
  maps=$(awk '$6 ~ /^\// { print $6 }' "/proc/$bootstrap_pid/maps" 2> /dev/null | sort -u)
  outside=$(grep -v -e "^$task/" <<< "$maps" | grep -e '\.so' -e 'ld-linux')
  if grep -qx "$task/stratus" <<< "$maps" && grep -qx "$task/lib/libc.so.6" <<< "$maps" &&
     [[ -z $outside ]]; then pass; else
    fail "$1: expected only the package's files mapped, got: $(tr '\n' ' ' <<< "$maps")"; fi
  if tr '\0' '\n' < "/proc/$bootstrap_pid/environ" | grep -qx "TZDIR=$task/share/zoneinfo"; then
    pass; else fail "$1: the function's environment lacks TZDIR=$task/share/zoneinfo"; fi
}
nothing_written() {
  if [[ -z $(ls -A "$state") ]]; then pass; else
    fail "$1: wrote $(ls -A "$state" | tr '\n' ' ')"; rm -f "$state"/*; fi
}

# A good event, a malformed one, and the good one again with its deadline already past.
for handler in market-check evaluate; do
  results=$tmp/$handler.results
  start_emulator "$results" --event "$tmp/$handler.json" --event "$tmp/malformed.json" \
    --deadline-in -1000 --event "$tmp/$handler.json"
  start_bootstrap "$handler"
  if ! wait_lines "$results" 3; then
    fail "$handler: $(wc -l < "$results") of 3 answers"; cat "$tmp/bootstrap.err"
  fi
  # Every event answered, the function waits in next for more (Lambda freezes it there).
  if kill -0 "$bootstrap_pid" 2> /dev/null; then pass; else
    fail "$handler: the function exited instead of waiting for the next event"
    cat "$tmp/bootstrap.err"
  fi
  [[ -d $task/lib ]] && self_contained "$handler"
  stop "$bootstrap_pid"
  # The function's log (CloudWatch): JSON lines only, one per invocation the handler ran (the good
  # event, then the malformed one), with the request id and the outcome.
  if jq -e -s --arg step "$handler" '
       all(.[]; has("ts") and has("level") and has("msg")) and
       ([.[] | select(.msg == "invocation") | [.step, .outcome, (.request_id | length > 0)]]
        == [[$step, "ok", true], [$step, "error", true]])' "$tmp/bootstrap.err" > /dev/null; then
    pass; else fail "$handler: the log is not the expected JSON lines:"; cat "$tmp/bootstrap.err"; fi
  stop "$emulator_pid"
  bootstrap_pid=
  emulator_pid=

  expected=$tmp/${handler}.expected
  if [[ $handler == market-check ]]; then cp "$tmp/evaluate.json" "$expected"; else
    cp "$tmp/check-limits.json" "$expected"; fi
  if [[ $(field "$results" 1 '[.kind, .status, .request_id]') == '["response",202,"req-1"]' ]] &&
     [[ $(field "$results" 1 '.json' | jq -S .) == "$(jq -S . "$expected")" ]]; then pass; else
    fail "$handler: the response differs from stratus invoke: $(sed -n 1p "$results")"
  fi
  expect_error "$results" 2 Stratus.InvalidInput "not valid JSON (byte 23)"
  expect_error "$results" 3 Stratus.DeadlinePassed "the step was not run"
  nothing_written "$handler"
done

# check-limits reserves in the ledger: a late event must leave no ledger behind...
results=$tmp/check-limits-late.results
start_emulator "$results" --deadline-in -1000 --event "$tmp/check-limits.json"
start_bootstrap check-limits
wait_lines "$results" 1 || fail "check-limits late: no answer"
stop "$bootstrap_pid"; stop "$emulator_pid"; bootstrap_pid=; emulator_pid=
expect_error "$results" 1 Stratus.DeadlinePassed "the step was not run"
nothing_written "check-limits late"
# ...where the same event in time reserves (so the check above can tell).
results=$tmp/check-limits.results
start_emulator "$results" --event "$tmp/check-limits.json"
start_bootstrap check-limits
wait_lines "$results" 1 || fail "check-limits: no answer"
stop "$bootstrap_pid"; stop "$emulator_pid"; bootstrap_pid=; emulator_pid=
if [[ $(field "$results" 1 '[.kind, .status, (.json.orders | length > 0)]') == '["response",202,true]' ]] &&
   [[ -e $state/ledger.sqlite ]]; then pass; else
  fail "check-limits in time: expected reserved orders and a ledger: $(sed -n 1p "$results")"; fi
rm -f "$state"/*

# init_failure NAME TYPE TEXT HANDLER [VAR=VALUE...]: the function reports an init error and exits 1.
init_failure() {
  local name=$1 type=$2 text=$3
  shift 3
  results=$tmp/$name.results
  start_emulator "$results"
  start_bootstrap "$@"
  wait_exit
  stop "$emulator_pid"; emulator_pid=
  if [[ $exit_code -eq 1 ]]; then pass; else fail "$name: exit code $exit_code, expected 1"; fi
  if [[ $(field "$results" 1 '[.kind, .status, .error_type, .json.errorType]') == "[\"init_error\",202,\"$type\",\"$type\"]" ]] &&
     field "$results" 1 '.json.errorMessage' | grep -qF -- "$text" &&
     [[ $(wc -l < "$results") -eq 1 ]]; then pass; else
    fail "$name: expected one $type init error naming '$text': $(cat "$results")"; fi
  nothing_written "$name"
}
init_failure unknown_handler Stratus.InvalidHandler '_HANDLER \"buy-everything\"' buy-everything
init_failure bad_config Stratus.InvalidInput STRATUS_LIMITS__MONTHLY_SHARE_CAP market-check \
  STRATUS_LIMITS__MONTHLY_SHARE_CAP=-4

# Nothing listens on the emulator's old port any more: exit 1 with a message.
start_bootstrap market-check
wait_exit
if [[ $exit_code -eq 1 ]] && grep -qF "the Lambda Runtime API (next invocation)" "$tmp/bootstrap.err"; then
  pass; else fail "unreachable API: exit code $exit_code: $(cat "$tmp/bootstrap.err")"; fi

echo "lambda bootstrap: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
