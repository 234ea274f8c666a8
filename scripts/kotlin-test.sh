#!/usr/bin/env bash
# Compiles the JVM tests against the library's classes.jar (the generated bindings and the
# glue, as scripts/android-aar.sh builds them for the AAR) and runs them with JUnit 4 against
# the Rust cdylib, through JNA, as an Android app would (minus Android). The tests run the
# very classes an app links, and the bindings are compiled once for every step that needs
# them (kotlinc takes most of a minute over them). No Gradle: kotlinc and the jars come from
# scripts/lib/tools.sh, so this works wherever npm and Maven Central are reachable.
#
# Needs: scripts/bindings.sh run first (bindings/kotlin/src/generated/kotlin/). It builds
# the library itself (scripts/build-workspace.sh); WXLOGIN_LIB_DIR overrides where the
# library is looked for (default: target/debug).
#
# The simulator (wxlogin-sim) and the reference server (wxlogin-server, --dev, a
# fresh SQLite file) are built and started on free loopback ports for the tests
# that run a whole login through the bindings; their URLs reach the JVM as
# WXLOGIN_TEST_SERVER_URL, WXLOGIN_TEST_SIM_URL and WXLOGIN_TEST_APP_ID. Both
# are stopped on exit; their logs are in build/kotlin-test/services/.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. "$root/scripts/lib/tools.sh"
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
. "$root/scripts/lib/services.sh"
ensure_kotlinc
ensure_jars

"$root/scripts/build-workspace.sh"
bin_dir="${CARGO_TARGET_DIR:-$root/target}/debug"

gen="$root/bindings/kotlin/src/generated/kotlin"
tests="$root/bindings/kotlin/src/test/kotlin"
out="$root/build/kotlin-test"
lib_dir="${WXLOGIN_LIB_DIR:-$bin_dir}"

if [[ ! -d $gen ]]; then
  echo "kotlin-test: $gen missing; run scripts/bindings.sh first" >&2
  exit 1
fi
"$root/scripts/android-aar.sh" >/dev/null
library_jar="$root/build/android-aar/classes.jar"
mapfile -t sources < <(find "$tests" -name '*.kt' 2>/dev/null | sort)

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
# -Xfriend-paths: like a Gradle test source set, the tests may call the library's internal
# members (wellFormedUtf16). JVM 17 like classes.jar, whose inline functions (use) they inline.
"$KOTLINC" -nowarn -jvm-target 17 -Xfriend-paths="$library_jar" -cp "$library_jar:$WXLOGIN_TEST_CLASSPATH" \
  -d "$out/classes" "${sources[@]}"

# The simulator and the server, on ports the OS picks (scripts/lib/services.sh).
# shellcheck disable=SC2317 # called from the EXIT trap
on_exit() {
  local rc=$?
  stop_services
  if ((rc != 0)) && [[ -s $out/services/wxlogin-server.log ]]; then
    echo "kotlin-test: last lines of $out/services/wxlogin-server.log:" >&2
    tail -n 40 "$out/services/wxlogin-server.log" >&2
  fi
}
trap on_exit EXIT
start_login_services kotlin-test "$bin_dir" "$out/services"

# kotlinc adds its stdlib only when compiling; at run time it must be on the
# classpath, and the compiler's own copy is the matching version.
status=0
java -Djna.library.path="$lib_dir" \
  -cp "$out/classes:$library_jar:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_KOTLIN_STDLIB" \
  org.junit.runner.JUnitCore "${classes[@]}" | tee "$out/junit.log" || status=$?

junit_summary kotlin "$out/junit.log"
exit "$status"
