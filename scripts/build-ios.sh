#!/usr/bin/env bash
# Builds the core as an XCFramework for iOS (macOS with Xcode only).
#
#   scripts/build-ios.sh
#
# Output, under bindings/swift/build/ (git-ignored):
#   WxLoginCoreFFI.xcframework           static library + C header + module map per slice:
#                                        ios-arm64 (devices), ios-arm64_x86_64-simulator
#   WxLoginCoreFFI.xcframework.zip       the same, zipped for a release
#   WxLoginCoreFFI.xcframework.zip.checksum   its SwiftPM checksum (for `.binaryTarget(url:checksum:)`)
#
# bindings/swift/Package.swift points at the XCFramework by path, so after this script
# the package (and ios-sample/) builds. The header and module map are generated here
# from the iOS library itself, with the workspace's uniffi-bindgen, and must equal the
# committed bindings/swift/generated (else the Swift and the library would disagree):
# when they differ, run scripts/bindings.sh and commit first.
#
# Environment: IPHONEOS_DEPLOYMENT_TARGET (default 13.0, the package's minimum).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

die() { echo "build-ios: $*" >&2; exit 1; }

[ "$(uname -s)" = Darwin ] || die "needs macOS with Xcode (this is $(uname -s))"
for tool in cargo rustup xcodebuild lipo ditto swift; do
  command -v "$tool" >/dev/null || die "'$tool' not found on PATH"
done
xcodebuild -version >/dev/null 2>&1 \
  || die "xcodebuild does not run: install Xcode and select it with xcode-select -s"
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
installed=$(rustup target list --installed)
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$installed" || die "Rust target $t missing: rustup target add ${targets[*]}"
done

export IPHONEOS_DEPLOYMENT_TARGET="${IPHONEOS_DEPLOYMENT_TARGET:-13.0}"
lib=libwxlogin_core.a
out=bindings/swift/build
work=target/ios
rm -rf "$work" "$out/WxLoginCoreFFI.xcframework" "$out/WxLoginCoreFFI.xcframework.zip"*
mkdir -p "$work/device" "$work/simulator" "$out"

for t in "${targets[@]}"; do
  echo "build-ios: cargo rustc --release --crate-type staticlib --target $t"
  # The static library alone, so that cargo runs LTO on the core (it does not when it
  # also builds the rlib; see README "Size").
  cargo rustc --quiet --release --lib -p wxlogin-core --crate-type staticlib --target "$t"
done
cp "target/aarch64-apple-ios/release/$lib" "$work/device/$lib"
lipo -create -output "$work/simulator/$lib" \
  "target/aarch64-apple-ios-sim/release/$lib" "target/x86_64-apple-ios/release/$lib"

# Header and module map, from the device library. The module map goes into a folder
# named after the module, so that two XCFrameworks in one app never both put a
# `module.modulemap` at the top of the shared include directory.
gen="$work/generated"
cargo run --quiet -p uniffi-bindgen -- generate --no-format --config uniffi.toml \
  --language swift --out-dir "$gen" "$work/device/$lib" >/dev/null
diff -r "$gen" bindings/swift/generated >/dev/null \
  || die "bindings/swift/generated differs from the iOS library's bindings: run scripts/bindings.sh and commit"
for slice in device simulator; do
  headers="$work/$slice/Headers/WxLoginCoreFFI"
  mkdir -p "$headers"
  cp "$gen/WxLoginCoreFFI.h" "$headers/"
  cp "$gen/WxLoginCoreFFI.modulemap" "$headers/module.modulemap"
done

xcodebuild -create-xcframework \
  -library "$work/device/$lib" -headers "$work/device/Headers" \
  -library "$work/simulator/$lib" -headers "$work/simulator/Headers" \
  -output "$out/WxLoginCoreFFI.xcframework" >/dev/null

(cd "$out" && ditto -c -k --sequesterRsrc --keepParent \
  WxLoginCoreFFI.xcframework WxLoginCoreFFI.xcframework.zip)
checksum=$(cd bindings/swift && swift package compute-checksum build/WxLoginCoreFFI.xcframework.zip)
echo "$checksum" >"$out/WxLoginCoreFFI.xcframework.zip.checksum"

echo "build-ios: $out/WxLoginCoreFFI.xcframework"
echo "build-ios: $out/WxLoginCoreFFI.xcframework.zip  checksum $checksum"
