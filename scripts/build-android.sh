#!/usr/bin/env bash
# Builds the Android library: the Rust core for arm64-v8a, armeabi-v7a and
# x86_64 with cargo-ndk, the Kotlin bindings, then the AAR with Gradle.
#
#   scripts/build-android.sh          prints the AAR path and the size of each .so
#
# Needs: ANDROID_NDK_HOME (an NDK), ANDROID_HOME (an SDK with platform 35; or
# bindings/kotlin/local.properties with sdk.dir), cargo-ndk
# (`cargo install cargo-ndk`), the Rust Android targets, and Gradle 8.9 to 8.14
# (bindings/kotlin/gradlew if present, else `gradle` on PATH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
module="$root/bindings/kotlin"
abis=(arm64-v8a armeabi-v7a x86_64)
targets=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)
min_sdk=21 # bindings/kotlin/build.gradle.kts minSdk

die() {
  echo "build-android: $*" >&2
  exit 1
}

# Everything that can be missing is checked before anything is built.
[[ -n ${ANDROID_NDK_HOME:-} ]] || die "ANDROID_NDK_HOME is not set (install the NDK with Android Studio's SDK Manager, then export ANDROID_NDK_HOME=\$ANDROID_HOME/ndk/<version>)"
[[ -d $ANDROID_NDK_HOME ]] || die "ANDROID_NDK_HOME=$ANDROID_NDK_HOME is not a directory"
command -v cargo-ndk >/dev/null || die "cargo-ndk not found: cargo install cargo-ndk"
if [[ -z ${ANDROID_HOME:-${ANDROID_SDK_ROOT:-}} ]] && ! grep -qs '^sdk.dir=' "$module/local.properties"; then
  die "no Android SDK: export ANDROID_HOME or write sdk.dir=... in bindings/kotlin/local.properties"
fi
if [[ -x $module/gradlew ]]; then
  gradle=("$module/gradlew")
elif command -v gradle >/dev/null; then
  gradle=(gradle)
else
  die "Gradle not found: install Gradle 8.9 to 8.14 (AGP 8.7) or add a wrapper (gradle wrapper) in bindings/kotlin"
fi
installed=$(rustup target list --installed)
for t in "${targets[@]}"; do
  grep -qx "$t" <<<"$installed" || die "Rust target $t missing: rustup target add ${targets[*]}"
done

# 1. The core for each ABI, into src/main/jniLibs/<abi>/libwxlogin_core.so.
abi_args=()
for abi in "${abis[@]}"; do abi_args+=(-t "$abi"); done
rm -rf "$module/src/main/jniLibs"
# `rustc --crate-type cdylib`, not `build`: the core also declares lib and staticlib,
# and cargo only runs LTO on it when the cdylib is built alone (measured: +840 KiB on
# aarch64 without; see README "Size").
(cd "$root" && cargo ndk "${abi_args[@]}" --platform "$min_sdk" -o "$module/src/main/jniLibs" \
  rustc --release -p wxlogin-core --lib --crate-type cdylib)

# 2. The Kotlin bindings from the core's metadata (same output as committed).
"$root/scripts/bindings.sh"

# 3. The AAR.
(cd "$module" && "${gradle[@]}" --no-daemon assembleRelease)

aar=$(find "$module/build/outputs/aar" -name '*-release.aar' | head -n1)
[[ -n $aar ]] || die "no release AAR under $module/build/outputs/aar"
echo "AAR: ${aar#"$root"/}"
for abi in "${abis[@]}"; do
  so="$module/src/main/jniLibs/$abi/libwxlogin_core.so"
  [[ -f $so ]] || die "missing $so"
  printf '  %-12s %8d bytes\n' "$abi" "$(wc -c <"$so")"
done
