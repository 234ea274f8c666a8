#!/usr/bin/env bash
# Prints the stripped release size of the core's shared library: for the host, and
# for aarch64-unknown-linux-gnu as the stand-in for Android arm64 (same ISA; the NDK
# is not installable here). Installs the rustup target and Debian's cross linker
# when they are missing.
#
#   scripts/size-report.sh                 the shipped profile (Cargo.toml)
#   scripts/size-report.sh --compare-opt   also opt-level "s" vs "z", for the README table
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

cross=aarch64-unknown-linux-gnu
linker=aarch64-linux-gnu-gcc

ensure_cross() {
  rustup target list --installed | grep -qx "$cross" || rustup target add "$cross" >&2
  if ! command -v "$linker" >/dev/null; then
    echo "size-report: installing gcc-aarch64-linux-gnu from Debian" >&2
    apt-get update -qq >&2 && apt-get install -y -qq gcc-aarch64-linux-gnu >/dev/null
  fi
}

# Builds into a separate target dir per variant so a comparison never reuses the
# artifacts of another opt-level.
measure() { # label target-triple|host opt-level
  local label=$1 triple=$2 opt=$3 lib
  local dir=target/size-$opt
  local args=(build --release -q -p wxlogin-core --target-dir "$dir")
  if [ "$triple" = host ]; then
    lib=$dir/release/libwxlogin_core.so
  else
    args+=(--target "$triple")
    lib=$dir/$triple/release/libwxlogin_core.so
  fi
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=$linker cargo "${args[@]}"
  local bytes
  bytes=$(stat -c %s "$lib")
  printf '%-28s opt-level=%s  %9d bytes  (%s KiB)\n' "$label" "$opt" "$bytes" "$((bytes / 1024))"
}

ensure_cross
shipped=$(sed -n '/^\[profile.release\]/,/^\[/s/^opt-level *= *"\(.*\)"/\1/p' Cargo.toml)
opts=("$shipped")
[ "${1:-}" = --compare-opt ] && opts=(s z)
for opt in "${opts[@]}"; do
  measure "host ($(uname -m))" host "$opt"
  measure "$cross" "$cross" "$opt"
done
