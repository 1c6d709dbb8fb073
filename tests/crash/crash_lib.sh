# crash_lib.sh: what the crash suites share (sourced, not run). Each case gets a directory with a
# fresh fake Alpaca (alpaca_fake_server on an ephemeral port), a fresh ledger and audit log, and
# runs the real `stratus` binary against them, configured through the environment only.
# Requires: crash_init <stratus> <alpaca_fake_server> first. Uses curl and /usr/bin/python3.

# Every bundled symbol is tradable at the fake, each at its own price, so a fill recorded for the
# wrong order shows.
CRASH_PRICES=(AAPL=101.25 AMZN=502.50 BA=130.10 CAT=74.20 CVX=76.30 GE=24.15 GOOGL=610.40
              JNJ=94.60 JPM=60.70 KO=39.90 MSFT=43.55 NFLX=104.80 NVDA=21.35 PFE=33.45
              WMT=65.95 XOM=72.85)
CRASH_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

crash_init() {
  CRASH_STRATUS=$1
  CRASH_FAKE=$2
  [[ -x $CRASH_STRATUS ]] || { echo "not executable: $CRASH_STRATUS" >&2; exit 2; }
  [[ -x $CRASH_FAKE ]] || { echo "not executable: $CRASH_FAKE" >&2; exit 2; }
  # On tmpfs when there is one: a SIGKILL loses no written page, so what these suites prove does
  # not need the disk, and the ledger's fsyncs there cost nothing.
  if [[ -d /dev/shm && -w /dev/shm ]]; then
    CRASH_TMP=$(mktemp -d -p /dev/shm stratus-crash.XXXXXX)
  else
    CRASH_TMP=$(mktemp -d)
  fi
  CRASH_FAKE_PIDS=()
  trap crash_cleanup EXIT
  # libcurl honours http_proxy: keep 127.0.0.1 off any proxy the environment names.
  export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
  # Hermetic: no config override, failpoint or key from the caller's environment reaches stratus
  # (STRATUS_SOAK included: stratus would refuse it as an unknown config key).
  local var
  for var in $(compgen -e); do
    if [[ $var == STRATUS_* || $var == APCA_* ]]; then unset "$var"; fi
  done
}

crash_cleanup() {
  local pid
  for pid in "${CRASH_FAKE_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${CRASH_FAKE_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$CRASH_TMP"
}

# crash_case <name>: makes and prints a fresh case directory.
crash_case() {
  local dir
  dir=$(mktemp -d "$CRASH_TMP/$1.XXXX")
  echo "$dir"
}

# fake_start <dir> [fake options...]: starts a fresh fake Alpaca for the case (prices for every
# bundled symbol, auto-fill) and waits for its port (in <dir>/fake.port).
fake_start() {
  local dir=$1
  shift
  local args=() p
  for p in "${CRASH_PRICES[@]}"; do args+=(--price "$p"); done
  "$CRASH_FAKE" "${args[@]}" --auto-fill "$@" >"$dir/fake.port" 2>"$dir/fake.err" &
  echo $! >"$dir/fake.pid"
  CRASH_FAKE_PIDS+=($!)
  for _ in $(seq 1 500); do
    [[ -s $dir/fake.port ]] && return 0
    sleep 0.01
  done
  echo "alpaca_fake_server did not start:" >&2
  cat "$dir/fake.err" >&2
  exit 1
}

fake_stop() {
  local pid
  pid=$(cat "$1/fake.pid")
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# admin <dir> GET|POST <path under /_admin/> [json body]: the fake's admin endpoint; prints the
# answer, fails on any non-2xx.
admin() {
  local dir=$1 method=$2 path=$3 body=${4:-}
  local url="http://127.0.0.1:$(cat "$dir/fake.port")/_admin/$path"
  [[ -n $body ]] || body='{}'
  if [[ $method == GET ]]; then
    curl -sS --fail-with-body --noproxy '*' "$url"
  else
    curl -sS --fail-with-body --noproxy '*' -X POST -H 'Content-Type: application/json' \
      --data "$body" "$url"
  fi
}

# stratus_in <dir> [args...]: runs stratus with the case's ledger, audit log and fake broker.
# Extra environment (e.g. STRATUS_FAILPOINTS=...) goes before the call: VAR=x stratus_in ...
stratus_in() {
  local dir=$1
  shift
  env STRATUS_BROKER__KIND=alpaca \
    APCA_API_BASE_URL="http://127.0.0.1:$(cat "$dir/fake.port")" \
    APCA_API_KEY_ID=fake-key-id APCA_API_SECRET_KEY=fake-secret-key \
    STRATUS_LEDGER__PATH="$dir/ledger.sqlite" STRATUS_AUDIT__PATH="$dir/audit.jsonl" \
    "$CRASH_STRATUS" "$@"
}

# stratus_bg <dir> [args...] &: stratus_in for the background, where the job becomes stratus
# itself (exec), so $! is the process a test kills.
stratus_bg() {
  local dir=$1
  shift
  exec env STRATUS_BROKER__KIND=alpaca \
    APCA_API_BASE_URL="http://127.0.0.1:$(cat "$dir/fake.port")" \
    APCA_API_KEY_ID=fake-key-id APCA_API_SECRET_KEY=fake-secret-key \
    STRATUS_LEDGER__PATH="$dir/ledger.sqlite" STRATUS_AUDIT__PATH="$dir/audit.jsonl" \
    "$CRASH_STRATUS" "$@"
}

# snapshot <dir> <tag>: the fake's orders and the ledger's history, as <dir>/<tag>.fake.json and
# <dir>/<tag>.history.json.
snapshot() {
  local dir=$1 tag=$2
  admin "$dir" GET orders >"$dir/$tag.fake.json"
  stratus_in "$dir" history --format json >"$dir/$tag.history.json"
}

# fail_case <dir> <message>: reports a failed case with what it left behind, and exits.
fail_case() {
  local dir=$1 f
  echo "FAILED: $2 (case $(basename "$dir"))" >&2
  for f in "$dir"/*.out "$dir"/*.err; do
    [[ -s $f ]] || continue
    echo "--- $(basename "$f") (last 30 lines)" >&2
    tail -n 30 "$f" >&2
  done
  exit 1
}
