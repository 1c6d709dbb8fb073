#!/usr/bin/env bash
# The Lambda deployment package (scripts/package-lambda.sh) as Lambda gets it: built from the
# stratus binary into a temporary directory, twice (the same bytes both times), unzipped into an
# EMPTY directory, and checked:
#   - the listing: bootstrap, stratus and the loader with mode 755, libc among the libraries, the
#     tz data (America/New_York, UTC) and the CA bundle;
#   - every library the binary needs, transitively, resolves inside the package when the package's
#     loader runs it as the bootstrap does (no path outside it, none "not found");
#   - the unpacked function itself, with a cleared environment, against the Runtime API emulator:
#     tests/lambda/bootstrap_test.sh with this directory as its task root (a good event, a
#     malformed one, one past its deadline, init errors; the running process maps no shared
#     object from outside the package); and again with the host's /usr/share/zoneinfo and
#     /etc/ssl/certs hidden, as on provided.al2023 (where unshare -m is permitted);
#   - nothing was written into the task root (Lambda's /var/task is read-only).
# Usage: package_test.sh path/to/stratus path/to/lambda_runtime_emulator (cwd: repository root)
set -uo pipefail
stratus=$1
emulator=$2
tmp=$(mktemp -d)
trap '[[ -n ${KEEP_TMP:-} ]] || rm -rf "$tmp"' EXIT
passed=0
failed=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

if ! scripts/package-lambda.sh "$stratus" "$tmp/dist" > "$tmp/package.out" 2>&1; then
  echo "FAIL scripts/package-lambda.sh:"; cat "$tmp/package.out"; exit 1
fi
zip=$tmp/dist/stratus-lambda.zip
if grep -qF "$zip: " "$tmp/package.out" && grep -qE '[0-9]+ bytes' "$tmp/package.out"; then pass; else
  fail "the script should print the zip's path and size: $(cat "$tmp/package.out")"; fi
SOURCE_DATE_EPOCH='' TZ=America/Los_Angeles scripts/package-lambda.sh "$stratus" "$tmp/again" \
  > /dev/null 2>&1
if cmp -s "$zip" "$tmp/again/stratus-lambda.zip"; then pass; else
  fail "two packages of the same binary differ"; fi

task=$tmp/task  # Empty: only what the zip holds.
mkdir "$task"
(cd "$task" && unzip -q "$zip") || { echo "FAIL unzip $zip"; exit 1; }

# The listing, with each entry's mode as stored in the zip.
zipinfo "$zip" | awk '$1 ~ /^[-d]/ { print $1, $NF }' > "$tmp/listing"
expect_entry() {  # expect_entry MODE PATH
  if grep -qxF -- "$1 $2" "$tmp/listing"; then pass; else
    fail "the zip lacks $2 with mode $1: $(grep -F " $2" "$tmp/listing" || echo absent)"; fi
}
expect_entry -rwxr-xr-x bootstrap
expect_entry -rwxr-xr-x stratus
expect_entry -rwxr-xr-x lib/ld-linux-x86-64.so.2
expect_entry -rw-r--r-- lib/libc.so.6
expect_entry -rw-r--r-- lib/libstdc++.so.6
expect_entry -rw-r--r-- lib/libcurl.so.4
expect_entry -rw-r--r-- share/zoneinfo/America/New_York
expect_entry -rw-r--r-- share/zoneinfo/UTC
expect_entry -rw-r--r-- certs/ca-certificates.crt
if [[ $(head -c 4 "$task/share/zoneinfo/America/New_York") == TZif ]]; then pass; else
  fail "share/zoneinfo/America/New_York is not a TZif file"; fi
if grep -q "BEGIN CERTIFICATE" "$task/certs/ca-certificates.crt"; then pass; else
  fail "certs/ca-certificates.crt holds no certificate"; fi
if [[ -z $(awk '{ print $2 }' "$tmp/listing" | grep -v -e '^bootstrap$' -e '^stratus$' -e '^lib/' \
           -e '^share/zoneinfo/' -e '^certs/') ]]; then pass; else
  fail "unexpected entries: $(awk '{ print $2 }' "$tmp/listing" | tr '\n' ' ')"; fi
if [[ -z $(readelf -S "$task/stratus" | grep -F -e .symtab -e .debug_) ]]; then pass; else
  fail "the packaged stratus is not stripped (it has .symtab or .debug_ sections)"; fi

# Every library the binary needs, resolved by the package's loader as the bootstrap runs it.
env -i "$task/lib/ld-linux-x86-64.so.2" --inhibit-cache --library-path "$task/lib" \
  --list "$task/stratus" > "$tmp/resolved" 2>&1
resolved=$(awk '$2 == "=>" { print $1, $3 }' "$tmp/resolved")
outside=$(awk -v lib="$task/lib/" 'index($2, lib) != 1' <<< "$resolved")
if [[ -n $resolved && -z $outside ]] && ! grep -q "not found" "$tmp/resolved"; then pass; else
  fail "libraries resolved outside the package: $(cat "$tmp/resolved")"; fi
# The direct needs (readelf) are among them, and so is each library of the package: none extra.
needed=$(readelf -d "$task/stratus" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for name in $needed; do
  if grep -q "^$name $task/lib/$name\$" <<< "$resolved"; then pass; else
    fail "NEEDED $name does not resolve to $task/lib/$name"; fi
done
for path in "$task"/lib/*.so*; do
  name=${path##*/}
  [[ $name == ld-linux-x86-64.so.2 ]] && continue
  grep -q "^$name " <<< "$resolved" || fail "lib/$name is packaged but not loaded"
done

# The function, started from the unpacked package with Lambda's environment only.
find "$task" -printf '%P %s %T@\n' | sort > "$tmp/before"
bash tests/lambda/bootstrap_test.sh "$stratus" "$emulator" "$task" || fail "bootstrap_test.sh"
# Again as on provided.al2023, where the host has no /usr/share/zoneinfo and no
# /etc/ssl/certs/ca-certificates.crt: both hidden by empty directories in a private mount
# namespace (needs root; skipped with a note where unshare -m is not permitted, or with
# STRATUS_PACKAGE_HIDE_HOST=0).
if [[ ${STRATUS_PACKAGE_HIDE_HOST:-1} != 0 ]] && unshare -m true 2> /dev/null; then
  mkdir "$tmp/empty"
  if unshare -m sh -c "mount --bind '$tmp/empty' /usr/share/zoneinfo &&
                       mount --bind '$tmp/empty' /etc/ssl/certs &&
                       [ ! -e /usr/share/zoneinfo/America/New_York ] &&
                       [ ! -e /etc/ssl/certs/ca-certificates.crt ] &&
                       exec bash tests/lambda/bootstrap_test.sh '$stratus' '$emulator' '$task'"
  then pass; else fail "bootstrap_test.sh without the host's zoneinfo and CA certificates"; fi
else
  echo "note: not run without the host's zoneinfo and CA certificates (unshare -m not permitted)"
fi
find "$task" -printf '%P %s %T@\n' | sort > "$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then pass; else
  fail "the function wrote into its task root: $(diff "$tmp/before" "$tmp/after" | tr '\n' ' ')"; fi

echo "lambda package: $passed passed, $failed failed ($(stat -c %s "$zip") bytes," \
     "$(wc -l < "$tmp/listing") files)"
[[ $failed -eq 0 ]]
