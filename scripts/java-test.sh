#!/usr/bin/env bash
# Java is a first-class caller: the tests in bindings/kotlin/src/javaTest/java, compiled
# with javac --release 17 against the library's classes.jar (the generated bindings and the
# glue, as scripts/android-aar.sh builds it for the AAR), run with JUnit 4 on the JVM over
# the real core (target/debug, through JNA) and a whole login against the real simulator
# and server (scripts/lib/services.sh).
#
# Before that, two checks of the API Java sees:
#   - the Java sources name no `Continuation` (a suspend function called raw) and no
#     mangled member (Kotlin appends `-<hash>` to members with unsigned or inline-class
#     types; Java can only reach them by reflection);
#   - no public signature of the generated Kotlin has UInt/ULong/UShort (the FfiConverter
#     machinery, which converts them inside, is not API), and no public member of the
#     library's public classes has a mangled name (javap).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. "$root/scripts/lib/tools.sh"
# shellcheck source-path=SCRIPTDIR source=lib/android.sh
. "$root/scripts/lib/android.sh"
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
. "$root/scripts/lib/services.sh"
ensure_kotlinc
ensure_jars
ensure_android_jars

tests="$root/bindings/kotlin/src/javaTest/java"
gen="$root/bindings/kotlin/src/generated/kotlin/com/wxlogin/core/wxlogin.kt"
out="$root/build/java-test"
lib_dir="${WXLOGIN_LIB_DIR:-${CARGO_TARGET_DIR:-$root/target}/debug}"
android_jar=${WXLOGIN_ANDROID_CLASSPATH%%:*}
sdk_jar=${WXLOGIN_ANDROID_CLASSPATH#*:}

fail() {
  echo "java-test: FAIL: $*" >&2
  exit 1
}

mapfile -t sources < <(find "$tests" -name '*.java' | sort)
((${#sources[@]})) || fail "no Java sources under $tests"
if grep -n 'Continuation' "${sources[@]}" >&2; then
  fail "the Java tests name Continuation: call the callback forms, not a suspend function"
fi
# A mangled member in a call or a reflective lookup: `getCooldownS-pVg5ArA`, `getStateTtlMs-s-VKNKU`.
if grep -nE '[A-Za-z_][A-Za-z0-9_]*-[A-Za-z0-9_-]{7} *\(|"[a-z][A-Za-z0-9_]*-[A-Za-z0-9_-]{7}"' "${sources[@]}" >&2; then
  fail "the Java tests name a mangled member"
fi
# Declarations of the generated file with an unsigned type, minus comments and the
# FfiConverter machinery (lift/lower/read/write/allocationSize and the converters themselves).
if grep -nE '\bkotlin\.(UInt|ULong|UShort)\b|[(:,<] *(UInt|ULong|UShort)\b' "$gen" |
  grep -vE '^[0-9]+: *(//|\*($|[^/]))|FfiConverter|fun (lift|lower|read|write|allocationSize)\(|internal |private ' >&2; then
  fail "an unsigned type in a public signature of the generated Kotlin"
fi

"$root/scripts/android-aar.sh" >/dev/null
library_jar="$root/build/android-aar/classes.jar"
"$root/scripts/build-workspace.sh"
bin_dir="${CARGO_TARGET_DIR:-$root/target}/debug"

# Every public member of the library's public classes, as javac sees them.
mapfile -t public_classes < <(python3 - "$library_jar" <<'PY'
import sys, zipfile
for name in sorted(zipfile.ZipFile(sys.argv[1]).namelist()):
    if name.endswith(".class") and name.startswith(("com/wxlogin/core/", "com/wxlogin/android/")):
        print(name[:-len(".class")].replace("/", "."))
PY
)
mkdir -p "$out"
javap -public -cp "$library_jar" "${public_classes[@]}" >"$out/javap.txt" || fail "javap of classes.jar"
# shellcheck disable=SC2016 # $0 is awk's
if ! awk '
  /^[a-z ]*(class|interface) / { machinery = ($0 ~ /com\.wxlogin\.core\.(FfiConverter|RustBuffer|Uniffi)/) }
  !machinery && /^ +public .*[A-Za-z0-9_]-[A-Za-z0-9_]+\(/ { print; bad = 1 }
  END { exit bad }' "$out/javap.txt" >&2; then
  fail "a public member with a mangled name (javap -public of classes.jar)"
fi

classes="$out/classes"
rm -rf "$classes"
mkdir -p "$classes"
compile_cp="$library_jar:$WXLOGIN_ANDROID_CLASSPATH:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_KOTLIN_STDLIB"
echo "java-test: javac --release 17, ${#sources[@]} files" >&2
javac --release 17 -Xlint:all -Werror -cp "$compile_cp" -d "$classes" "${sources[@]}" ||
  fail "the Java tests do not compile against the library"

# shellcheck disable=SC2016 # $2 and $0 are awk's
mapfile -t test_classes < <(awk '
  FNR == 1 { pkg = "" }
  /^package[ \t]/ { pkg = $2; sub(/;$/, "", pkg); pkg = pkg "." }
  /^public[ \t]+class[ \t]+[A-Za-z0-9_]*Test([^A-Za-z0-9_]|$)/ {
    name = $0; sub(/.*class[ \t]+/, "", name); sub(/[^A-Za-z0-9_].*/, "", name); print pkg name
  }' "${sources[@]}")
((${#test_classes[@]})) || fail "no public *Test classes under $tests"

# shellcheck disable=SC2317 # called from the EXIT trap
on_exit() {
  local rc=$?
  stop_services
  if ((rc != 0)) && [[ -s $out/services/wxlogin-server.log ]]; then
    echo "java-test: last lines of $out/services/wxlogin-server.log:" >&2
    tail -n 40 "$out/services/wxlogin-server.log" >&2
  fi
}
trap on_exit EXIT
start_login_services java-test "$bin_dir" "$out/services"

# The SDK's classes.jar and android.jar on the boot class path, unverified, as
# scripts/android-check.sh runs them (the SDK is dex-bound bytecode; android.jar's stubs
# throw "Stub!" if a test ever reaches the Android runtime).
status=0
java -Xbootclasspath/a:"$sdk_jar:$android_jar" -Djna.library.path="$lib_dir" \
  -cp "$classes:$library_jar:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_KOTLIN_STDLIB" \
  org.junit.runner.JUnitCore "${test_classes[@]}" | tee "$out/junit.log" || status=$?
junit_summary java "$out/junit.log"
exit "$status"
