#!/usr/bin/env bash
# Compiles and tests the Swift side on Linux, with Swift 6.0 from Debian trixie in a
# chroot (scripts/lib/chroot.sh; bookworm has no Swift, and trixie's needs a newer glibc):
#
# 1. the generated bindings/swift/generated/WxLoginCore.swift, compiled with swiftc
#    against the generated header and module map, linked against the host's debug
#    libwxlogin_core.so (the host's glibc is older than trixie's, so it loads there);
# 2. the WxLoginKit package (bindings/swift) with `swift build`, its Linux branch: the
#    glue without the Keychain and NSUserActivity parts, over the same library;
# 3. XCTest: the package's tests, then the iOS sample's logic tests (ios-sample's
#    Package.swift), both against the WeChat simulator and the reference server
#    started here on loopback ports (scripts/lib/services.sh).
#
# The checkout is bind-mounted read-only at /src; build output stays in the chroot,
# which is unpacked fresh from the cache on every run and deleted at the end. Mounts
# and services are undone by the EXIT trap, also on failure or Ctrl-C. Needs root
# (debootstrap, chroot, mount). The first run downloads about 575 MB from the Debian
# archive and caches the tree under ~/.cache/wxlogin/chroot.
#
# Ends with XCTest's closing line per package, "Executed N tests, with 0 failures ...".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source-path=SCRIPTDIR source=lib/chroot.sh
. scripts/lib/chroot.sh
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
. scripts/lib/services.sh

# Bump with care: the package list names the chroot tarball (a change builds a new one).
swift_packages=(swiftlang libc6-dev)
# A hung test must not hold CI: each Swift command is stopped after this many seconds.
step_timeout=${WXLOGIN_SWIFT_TIMEOUT:-1200}

# shellcheck disable=SC2317 # called from the EXIT trap
on_exit() {
  local rc=$?
  stop_services
  chroot_release || rc=1
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $(id -u) != 0 ]]; then
  echo "swift-test: needs root (debootstrap, chroot, mount)" >&2
  exit 1
fi

scripts/build-workspace.sh
bin_dir="${CARGO_TARGET_DIR:-$root/target}/debug"
logs="${CARGO_TARGET_DIR:-$root/target}/swift-test"

started=$SECONDS
chroot_ensure swift trixie "${swift_packages[@]}"
chroot_bind "$root" /src ro
# The core's library, where the package's -L and the loader look for it.
mkdir -p "$CHROOT_DIR/opt/wxlogin/lib"
cp "$bin_dir/libwxlogin_core.so" "$CHROOT_DIR/opt/wxlogin/lib/"
echo "swift-test: chroot ready in $((SECONDS - started)) s ($(chroot_run swift --version 2>/dev/null | head -n1))" >&2

start_login_services swift-test "$bin_dir" "$logs"

# in_chroot CMD...: CMD in the chroot, with the services' URLs and the library path.
in_chroot() {
  CHROOT_PASS_ENV="WXLOGIN_TEST_SERVER_URL WXLOGIN_TEST_SIM_URL WXLOGIN_TEST_APP_ID" \
    CHROOT_TIMEOUT=$step_timeout chroot_run env LD_LIBRARY_PATH=/opt/wxlogin/lib "$@"
}
# A scratch dir per package: sharing one made `swift test` of the second package run
# the first one's test binary (SwiftPM 6.0 reused the cached build plan).
link=(-Xlinker -L/opt/wxlogin/lib)

step=$SECONDS
echo "swift-test: swiftc: the generated bindings with the generated module map" >&2
in_chroot sh -ec '
  mkdir -p /build/generated && cd /build/generated
  swiftc -parse-as-library -emit-library -emit-module -module-name WxLoginCore \
    -Xcc -fmodule-map-file=/src/bindings/swift/generated/WxLoginCoreFFI.modulemap \
    -L /opt/wxlogin/lib -lwxlogin_core -Xlinker --no-undefined \
    /src/bindings/swift/generated/WxLoginCore.swift -o libWxLoginCore.so'
echo "swift-test: compiled and linked in $((SECONDS - step)) s" >&2

step=$SECONDS
echo "swift-test: swift build: WxLoginKit" >&2
in_chroot swift build --package-path /src/bindings/swift --scratch-path /build/WxLoginKit "${link[@]}"
echo "swift-test: built in $((SECONDS - step)) s" >&2

summaries=()
# xctest LABEL PACKAGE SUITE: builds and runs PACKAGE's tests, checks that they are
# PACKAGE's (its test suite SUITE ran), keeps XCTest's closing line.
xctest() {
  local label=$1 package=$2 suite=$3 log="$logs/$1.log" status=0 step=$SECONDS
  echo "swift-test: swift test: $label" >&2
  # A pipeline in the background, waited for: see chroot_interruptible.
  { in_chroot swift test --package-path "/src/$package" --scratch-path "/build/$label" --disable-swift-testing \
    "${link[@]}" 2>&1 | tee "$log"; } &
  wait "$!" || status=$?
  if ! grep -q "^Test Suite '$suite' started" "$log"; then
    echo "swift-test: $label: no test suite $suite in the run" >&2
    status=1
  fi
  summaries+=("$label ($((SECONDS - step)) s): $(grep -E '^[[:space:]]*Executed [0-9]+ tests?' "$log" | tail -n1 | sed 's/^[[:space:]]*//')")
  return "$status"
}
status=0
xctest WxLoginKit bindings/swift AuthRespTests || status=1
xctest ios-sample ios-sample AppModelTests || status=1
echo "swift-test: all steps in $((SECONDS - started)) s" >&2
printf 'swift-test: %s\n' "${summaries[@]}"
exit "$status"
