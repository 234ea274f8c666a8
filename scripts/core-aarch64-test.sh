#!/usr/bin/env bash
# The core's Rust tests built for aarch64-unknown-linux-gnu and run under qemu-user: the
# same instruction set as Android's arm64-v8a (the NDK, and with it bionic, cannot be
# installed here, so this is glibc on arm64, not Android). It catches what only shows in
# an arm64 build: dependencies whose assembly or build script differs per target (ring),
# target-dependent types (`c_char` is unsigned there) and code generated for arm64. It
# does not test weak memory ordering: qemu runs the threads with the host's ordering.
#
#   scripts/core-aarch64-test.sh [TEST-ARGS...]
#
# Installs what it needs when it is missing: the rustup target, and Debian's qemu-user,
# gcc-aarch64-linux-gnu (the linker) and libc6-dev-arm64-cross (the target's libc, which
# qemu also loads the test binaries' dynamic libraries from). Ends with the test runner's
# own closing line ("test result: ok. N passed; ...").
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

triple=aarch64-unknown-linux-gnu
sysroot=/usr/aarch64-linux-gnu

ensure_cross_tools() {
  rustup target list --installed | grep -qx "$triple" || rustup target add "$triple" >&2
  local missing=()
  command -v qemu-aarch64 >/dev/null || missing+=(qemu-user)
  command -v aarch64-linux-gnu-gcc >/dev/null || missing+=(gcc-aarch64-linux-gnu)
  [[ -f $sysroot/lib/ld-linux-aarch64.so.1 ]] || missing+=(libc6-dev-arm64-cross)
  ((${#missing[@]} == 0)) && return 0
  echo "core-aarch64-test: installing ${missing[*]} from Debian" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends "${missing[@]}"; } >&2
}

ensure_cross_tools
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64 -L $sysroot"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
# The runner's output is kept whole: its summary lines are what CI logs are read for.
cargo test -p wxlogin-core --target "$triple" --quiet -- "$@"
echo "core-aarch64-test: the core's tests passed on $triple under $(qemu-aarch64 --version | head -n1)"
