# Shared by the whole-process test scripts (tests/cli, tests/lambda): source it after setting
# `tmp` (a fresh temporary directory the script removes on exit).
#
#   isolate_environment        nothing from the developer's shell may steer a test: unsets every
#                              STRATUS_*, AWS_* and APCA_* variable and the proxy variables, lets
#                              127.0.0.1 bypass any proxy, and points the AWS shared files into
#                              $tmp (so credentials and region come only from what the test sets).
#   start_server NAME CMD...   runs CMD (a fake that prints its port on its first line) in the
#                              background; sets $port, appends its pid to $server_pids, and exits
#                              the script with its stderr when it does not start within 5 s.
#   stop_servers               stops them (call it from the script's EXIT trap).
#   fail TEXT / ok             count a failed / passed check ($failed, $passed).
#   expect NAME CODE TEXT -- COMMAND...
#                              runs COMMAND; passes when it exits CODE, its stdout+stderr hold
#                              TEXT, and none of the strings in $never_print appear there.
passed=0
failed=0
server_pids=()
never_print=()

fail() { echo "FAIL $1"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

isolate_environment() {
  local name
  for name in $(env | sed -n 's/^\(\(STRATUS\|AWS\|APCA\)_[A-Za-z0-9_]*\)=.*/\1/p'); do
    unset "$name"
  done
  unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
  export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
  export AWS_SHARED_CREDENTIALS_FILE=$tmp/no-aws-credentials AWS_CONFIG_FILE=$tmp/no-aws-config
}

start_server() {
  local name=$1
  shift
  "$@" > "$tmp/$name.port" 2> "$tmp/$name.err" &
  server_pids+=($!)
  local _
  for _ in $(seq 100); do
    [[ -s $tmp/$name.port ]] && break
    sleep 0.05
  done
  port=$(head -n 1 "$tmp/$name.port")
  if [[ ! $port =~ ^[0-9]+$ ]]; then
    echo "FAIL $name did not start:"; cat "$tmp/$name.err"; exit 1
  fi
}

stop_servers() {
  local pid
  for pid in "${server_pids[@]}"; do
    if kill -0 "$pid" 2> /dev/null; then
      kill "$pid" 2> /dev/null
      wait "$pid" 2> /dev/null
    fi
  done
}

expect() {
  local name=$1 code=$2 text=$3
  shift 4
  local got=0 secret
  "$@" > "$tmp/stdout" 2> "$tmp/stderr" || got=$?
  cat "$tmp/stdout" "$tmp/stderr" > "$tmp/all"
  if [[ $got -ne $code ]]; then
    fail "$name: exit code $got, expected $code"; cat "$tmp/all"; return 1
  fi
  if ! grep -qF -- "$text" "$tmp/all"; then
    fail "$name: output lacks '$text':"; cat "$tmp/all"; return 1
  fi
  for secret in "${never_print[@]}"; do
    if grep -qF -- "$secret" "$tmp/all"; then
      fail "$name: a secret was printed"; return 1
    fi
  done
  ok
}
