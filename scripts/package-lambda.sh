#!/usr/bin/env bash
# package-lambda.sh BINARY OUTDIR: the AWS Lambda deployment package OUTDIR/stratus-lambda.zip,
# for the provided.al2023 runtime (x86_64), self-contained: Amazon Linux 2023 has an older glibc
# (2.34) than the build host and, in some releases, no /usr/share/zoneinfo, so the package
# carries everything the binary loads and reads:
#
#   bootstrap                           deploy/lambda/bootstrap (starts stratus through lib/)
#   stratus                             BINARY, stripped
#   lib/ld-linux-x86-64.so.2            the build host's dynamic loader, and beside it every
#   lib/<soname>                        shared library it resolves for BINARY (ldd), libc included,
#                                       each under the name the binary asks for
#   share/zoneinfo/America/New_York     tz data (TZDIR), and UTC
#   certs/ca-certificates.crt           the CA bundle for HTTPS (Alpaca, AWS)
#
# Deterministic: the same inputs give the same bytes (entries sorted, every timestamp
# SOURCE_DATE_EPOCH or 1980-01-01, modes 755 for bootstrap, stratus and the loader, 644 for the
# rest, no uid/gid or extra fields). Prints the zip's path, entry count and size.
#
# Environment: SOURCE_DATE_EPOCH (the timestamp of every entry; default 315532800, 1980-01-01,
# the earliest a zip can hold), STRATUS_ZONEINFO (default /usr/share/zoneinfo), STRATUS_CA_BUNDLE
# (default /etc/ssl/certs/ca-certificates.crt).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: scripts/package-lambda.sh BINARY OUTDIR   (writes OUTDIR/stratus-lambda.zip)" >&2
  exit 2
fi
binary=$1
outdir=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epoch=${SOURCE_DATE_EPOCH:-315532800}
zoneinfo=${STRATUS_ZONEINFO:-/usr/share/zoneinfo}
ca_bundle=${STRATUS_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
loader=/lib64/ld-linux-x86-64.so.2

die() { echo "package-lambda: $*" >&2; exit 1; }
[[ -x $binary ]] || die "BINARY $binary: expected an executable file (the stratus binary)"
for tool in zip strip ldd; do
  command -v "$tool" > /dev/null || die "$tool is missing (Debian: apt-get install zip binutils)"
done
[[ $(uname -m) == x86_64 ]] || die "the package is for x86_64 Lambda; this host is $(uname -m)"
for file in "$loader" "$zoneinfo/America/New_York" "$zoneinfo/UTC" "$ca_bundle"; do
  [[ -r $file ]] || die "$file is missing (Debian: apt-get install libc6 tzdata ca-certificates)"
done

mkdir -p "$outdir"
zip_path="$(cd "$outdir" && pwd)/stratus-lambda.zip"
stage=$(mktemp -d "${TMPDIR:-/tmp}/stratus-lambda.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/lib" "$stage/share/zoneinfo/America" "$stage/certs"

cp "$root/deploy/lambda/bootstrap" "$stage/bootstrap"
strip --strip-all -o "$stage/stratus" "$binary"
cp -L "$loader" "$stage/lib/ld-linux-x86-64.so.2"

# Every library the loader resolves for the binary, transitively: "soname => path (address)".
# A library ldd cannot find fails the package rather than the function on Lambda.
libraries=$(ldd "$binary") || die "ldd $binary failed"
if grep -q "not found" <<< "$libraries"; then
  die "libraries of $binary not found on this host:"$'\n'"$(grep "not found" <<< "$libraries")"
fi
count=0
while read -r soname arrow path _; do
  [[ $arrow == "=>" && $path == /* ]] || continue
  cp -L "$path" "$stage/lib/$soname"
  count=$((count + 1))
done <<< "$libraries"
[[ -e $stage/lib/libc.so.6 ]] || die "ldd $binary listed no libc.so.6: is it dynamically linked?"

cp -L "$zoneinfo/America/New_York" "$stage/share/zoneinfo/America/New_York"
cp -L "$zoneinfo/UTC" "$stage/share/zoneinfo/UTC"
cp -L "$ca_bundle" "$stage/certs/ca-certificates.crt"

find "$stage" -type d -exec chmod 755 {} +
find "$stage" -type f -exec chmod 644 {} +
chmod 755 "$stage/bootstrap" "$stage/stratus" "$stage/lib/ld-linux-x86-64.so.2"
find "$stage" -exec touch -h -d "@$epoch" {} +

# Sorted, files only (no directory entries), no extra fields (-X); DOS times are local: pin TZ.
rm -f "$zip_path"
(cd "$stage" && find . -type f | sed 's|^\./||' | LC_ALL=C sort |
  TZ=UTC zip -q -X -@ "$zip_path") || die "zip failed"

entries=$(find "$stage" -type f | wc -l)
size=$(stat -c %s "$zip_path")
echo "package-lambda: $zip_path: $entries files ($count libraries + loader), $size bytes" \
     "($((size / 1024 / 1024)) MiB zipped, $(du -sm "$stage" | cut -f1) MiB unzipped)"
