#!/usr/bin/env bash
# Generates the Kotlin and Swift bindings from the built core, in library mode.
#
#   scripts/bindings.sh           regenerate into bindings/kotlin and bindings/swift
#   scripts/bindings.sh --check   fail if the committed bindings differ from a fresh
#                                 generation (someone edited them by hand, or changed
#                                 the core without regenerating)
#
# The generated files are committed so that Android and iOS developers can read and
# review the API they link against; they are never edited by hand.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

kotlin_dir=bindings/kotlin/src/generated/kotlin
swift_dir=bindings/swift/generated

scripts/build-workspace.sh
lib=target/debug/libwxlogin_core.so
[ "$(uname -s)" = Darwin ] && lib=target/debug/libwxlogin_core.dylib

generate() { # language out_dir
  rm -rf "$2" && mkdir -p "$2"
  # --no-format: the output must not depend on whether ktlint/swiftformat happen to
  # be installed, or --check would flap between machines.
  target/debug/uniffi-bindgen generate --no-format --config uniffi.toml \
    --language "$1" --out-dir "$2" "$lib" >/dev/null
}

if [ "${1:-}" = --check ]; then
  fresh=$(mktemp -d)
  trap 'rm -rf "$fresh"' EXIT
  generate kotlin "$fresh/kotlin"
  generate swift "$fresh/swift"
  if ! diff -r "$fresh/kotlin" "$kotlin_dir" >/dev/null || ! diff -r "$fresh/swift" "$swift_dir" >/dev/null; then
    echo "bindings are stale or were edited by hand: run scripts/bindings.sh and commit" >&2
    diff -r "$fresh/kotlin" "$kotlin_dir" | head -20 >&2 || true
    exit 1
  fi
  echo "bindings: up to date"
else
  generate kotlin "$kotlin_dir"
  generate swift "$swift_dir"
  echo "bindings: generated $kotlin_dir and $swift_dir"
fi
