#!/usr/bin/env bash
# Installs the Debian packages Stratus needs to build, test and benchmark.
# Idempotent: installs only what is missing and says what it does.
# Usage: scripts/install-deps.sh [--check]   (--check: list what is missing, exit 1 if any)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config clang-format
  nlohmann-json3-dev libtomlplusplus-dev libcli11-dev libhowardhinnant-date-dev
  libfmt-dev libsqlite3-dev sqlite3 zlib1g-dev libssl-dev libcurl4-openssl-dev libmimalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev tzdata ca-certificates
  python3 python3-pandas python3-jsonschema python3-yaml zip unzip
  chromium  # renders the HTML monthly report in tests/report (headless, via playwright-core)
)

# Node.js runs dynalite (a local DynamoDB) for the DynamoDB ledger tests. Any node already on
# PATH will do (e.g. a newer one from elsewhere); only when there is none are Debian's installed.
node_packages=()
if ! command -v node >/dev/null 2>&1; then node_packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then node_packages+=(npm); fi

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
missing+=("${node_packages[@]}")

# tests/tools/node_modules (dynalite) is (re)installed when absent or older than the lock file.
tools_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/tools"
tools_stale=0
if [[ ! -d "$tools_dir/node_modules" || "$tools_dir/package-lock.json" -nt "$tools_dir/node_modules" ]]; then
  tools_stale=1
fi

install_test_tools() {
  if [[ $tools_stale -eq 1 ]]; then
    echo "install-deps: npm ci in tests/tools (dynalite, cfn-lint, playwright-core, talib)"
    npm ci --prefix "$tools_dir" --no-audit --no-fund --loglevel=error
    touch "$tools_dir/node_modules"  # npm ci may keep an old mtime; mark it current.
  fi
}

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages present"
  if [[ "${1:-}" == "--check" ]]; then
    if [[ $tools_stale -eq 1 ]]; then
      echo "install-deps: tests/tools/node_modules is missing or older than its lock file"
      exit 1
    fi
    exit 0
  fi
  install_test_tools
  exit 0
fi
if [[ "${1:-}" == "--check" ]]; then
  echo "install-deps: missing: ${missing[*]}"
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
install_test_tools
echo "install-deps: done"
