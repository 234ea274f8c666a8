#!/usr/bin/env bash
# Compiles the generated Kotlin bindings together with the JVM tests and runs
# them with JUnit 4 against the Rust cdylib, through JNA, as an Android app
# would (minus Android). No Gradle: kotlinc and the jars come from
# scripts/lib/tools.sh, so this works wherever npm and Maven Central are reachable.
#
# Needs: scripts/bindings.sh run first (bindings/kotlin/src/generated/kotlin/)
# and the library built (cargo build). WXLOGIN_LIB_DIR overrides where the
# library is looked for (default: target/debug).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. "$root/scripts/lib/tools.sh"
ensure_kotlinc
ensure_jars

gen="$root/bindings/kotlin/src/generated/kotlin"
tests="$root/bindings/kotlin/src/test/kotlin"
out="$root/build/kotlin-test"
lib_dir="${WXLOGIN_LIB_DIR:-$root/target/debug}"

if [[ ! -d $gen ]]; then
  echo "kotlin-test: $gen missing; run scripts/bindings.sh first" >&2
  exit 1
fi
mapfile -t sources < <(find "$gen" "$tests" -name '*.kt' 2>/dev/null | sort)

# Test classes: top-level classes named *Test (abstract ones cannot be run),
# qualified by their file's package line. Column 0 only, so a nested class is
# not mistaken for a top-level one.
# shellcheck disable=SC2016 # $2 and $0 are awk's
mapfile -t classes < <(find "$tests" -name '*.kt' 2>/dev/null | sort | xargs -r awk '
  FNR == 1 { pkg = "" }
  /^package[ \t]/ { pkg = $2; sub(/;$/, "", pkg); pkg = pkg "." }
  /^((public|internal|open|final)[ \t]+)*class[ \t]+[A-Za-z0-9_]*Test([^A-Za-z0-9_]|$)/ {
    name = $0; sub(/.*class[ \t]+/, "", name); sub(/[^A-Za-z0-9_].*/, "", name)
    print pkg name
  }')
if ((${#classes[@]} == 0)); then
  # Passing with nothing run would look like green tests.
  echo "kotlin-test: no *Test classes under $tests" >&2
  exit 1
fi
if ! compgen -G "$lib_dir/*wxlogin_core*" >/dev/null; then
  echo "kotlin-test: warning: no wxlogin_core library in $lib_dir (cargo build?)" >&2
fi

# A clean output dir, so classes of deleted sources cannot hide a compile error.
rm -rf "$out/classes"
mkdir -p "$out/classes"
echo "kotlin-test: compiling ${#sources[@]} files" >&2
"$KOTLINC" -nowarn -cp "$WXLOGIN_TEST_CLASSPATH" -d "$out/classes" "${sources[@]}"

# kotlinc adds its stdlib only when compiling; at run time it must be on the
# classpath, and the compiler's own copy is the matching version.
status=0
java -Djna.library.path="$lib_dir" \
  -cp "$out/classes:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_KOTLIN_STDLIB" \
  org.junit.runner.JUnitCore "${classes[@]}" | tee "$out/junit.log" || status=$?

# JUnit 4 ends with "OK (N tests)" or "Tests run: N,  Failures: M": restate it
# as the plain "N passed, N failed" line that CI logs are read for.
awk '
  /^OK \(/ { run = $2; sub(/^\(/, "", run); fail = 0 }
  /^Tests run:/ { run = $3 + 0; fail = $5 + 0 }
  END { if (run != "") printf "kotlin: %d passed, %d failed\n", run - fail, fail }
' "$out/junit.log"
exit "$status"
