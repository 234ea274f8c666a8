#!/usr/bin/env bash
# The Android glue and the sample app run in Robolectric (the Android framework of SDK 34 on
# a desktop JVM), against the real core through JNA and the host build of the library, and
# for the whole login against the real simulator and server. No Gradle, no Android SDK:
#
#   - Robolectric 4.17 and its SDK-34 framework jar from Maven Central, run offline from a
#     local dependency dir (scripts/lib/android.sh);
#   - the library's classes.jar as scripts/android-aar.sh assembles it for the AAR;
#   - the sample compiled against it, with a BuildConfig whose fields read system
#     properties (AGP generates constants; here the server's port is known only at run
#     time), and its merged manifest packaged with Debian's aapt against
#     android-framework-res, so the package manager knows the real package, activities and
#     their flags (handed to Robolectric through com/android/tools/test_config.properties);
#   - the tests in android-sample/app/src/robolectricTest, run with JUnit 4.
#
#   scripts/robolectric-test.sh [TEST-CLASS...]     default: every *Test class there
#
# Installs aapt and android-framework-res from Debian when missing. Ends with JUnit's line.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. "$root/scripts/lib/tools.sh"
# shellcheck source-path=SCRIPTDIR source=lib/android.sh
. "$root/scripts/lib/android.sh"
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
. "$root/scripts/lib/services.sh"

framework_res=/usr/share/android-framework-res/framework-res.apk
if ! command -v aapt >/dev/null || [[ ! -f $framework_res ]]; then
  echo "robolectric-test: installing aapt and android-framework-res from Debian" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    --no-install-recommends aapt android-framework-res; } >&2
fi
ensure_kotlinc
ensure_jars
ensure_android_jars
ensure_robolectric

sample="$root/android-sample/app"
tests="$sample/src/robolectricTest/kotlin"
out="$root/build/robolectric-test"
lib_dir="${WXLOGIN_LIB_DIR:-${CARGO_TARGET_DIR:-$root/target}/debug}"
sdk_jar=${WXLOGIN_ANDROID_CLASSPATH#*:}

fail() {
  echo "robolectric-test: FAIL: $*" >&2
  exit 1
}

"$root/scripts/android-aar.sh" >/dev/null
library_jar="$root/build/android-aar/classes.jar"
"$root/scripts/build-workspace.sh"
mkdir -p "$out"

# The sample's merged manifest (its own + the library's <queries> and permissions, the
# placeholders filled, package and uses-sdk from build.gradle.kts, as AGP merges them),
# then packaged by aapt, which resolves its framework references the way a build does.
config="$out/config"
rm -rf "$config"
mkdir -p "$config/com/android/tools" "$out/buildconfig"
python3 - "$sample" "$root/bindings/kotlin/src/main/AndroidManifest.xml" "$config" "$out/buildconfig" <<'PY' || fail "the sample's manifest or build.gradle.kts"
import os, re, sys
import xml.etree.ElementTree as ET

sample, library_manifest, config, gen = sys.argv[1:5]
A = "http://schemas.android.com/apk/res/android"
ET.register_namespace("android", A)
gradle = open(os.path.join(sample, "build.gradle.kts"), encoding="utf-8").read()
def one(pattern, what):
    found = re.findall(pattern, gradle, re.M)
    if len(found) != 1:
        sys.exit(f"build.gradle.kts: expected one {what}, found {len(found)}")
    return found[0]
app_id = one(r'^\s*applicationId\s*=\s*"([A-Za-z0-9_.]+)"', "applicationId")
namespace = one(r'^\s*namespace\s*=\s*"([A-Za-z0-9_.]+)"', "namespace")
min_sdk = one(r'^\s*minSdk\s*=\s*(\d+)', "minSdk")
target_sdk = one(r'^\s*targetSdk\s*=\s*(\d+)', "targetSdk")

text = open(os.path.join(sample, "src/main/AndroidManifest.xml"), encoding="utf-8").read()
app = ET.fromstring(text.replace("${applicationId}", app_id))
app.set("package", app_id)
app.insert(0, ET.Element("uses-sdk", {f"{{{A}}}minSdkVersion": min_sdk, f"{{{A}}}targetSdkVersion": target_sdk}))
# Relative class names resolve against the namespace, which AGP writes out in full.
for e in app.iter():
    name = e.get(f"{{{A}}}name")
    if e.tag in ("application", "activity", "activity-alias") and name and name.startswith("."):
        e.set(f"{{{A}}}name", namespace + name)
lib = ET.parse(library_manifest).getroot()
def key(e):
    return (e.tag, e.get(f"{{{A}}}name"), tuple((c.tag, c.get(f"{{{A}}}name")) for c in e))
have = {key(e) for e in app}
for e in lib:
    if e.tag in ("queries", "uses-permission") and key(e) not in have:
        app.insert(1, e)
ET.indent(app, space="    ")
ET.ElementTree(app).write(os.path.join(config, "AndroidManifest.xml"), encoding="utf-8", xml_declaration=True)

# BuildConfig: AGP's fields, read from system properties wxlogin.buildconfig.<NAME>.
fields = re.findall(r'buildConfigField\(\s*"(\w+)"\s*,\s*"(\w+)"', gradle)
version_code = one(r'^\s*versionCode\s*=\s*(\d+)', "versionCode")
version_name = one(r'^\s*versionName\s*=\s*"([^"]*)"', "versionName")
lines = ['  public static final boolean DEBUG = true;',
         f'  public static final String APPLICATION_ID = "{app_id}";',
         '  public static final String BUILD_TYPE = "debug";',
         f'  public static final int VERSION_CODE = {version_code};',
         f'  public static final String VERSION_NAME = "{version_name}";']
for t, n in fields:
    if t != "String":
        sys.exit(f"build.gradle.kts: buildConfigField {t} {n}: only String fields are supported here")
    lines.append(f'  public static final String {n} = System.getProperty("wxlogin.buildconfig.{n}");')
path = os.path.join(gen, *namespace.split("."))
os.makedirs(path, exist_ok=True)
with open(os.path.join(path, "BuildConfig.java"), "w", encoding="utf-8") as f:
    f.write(f"package {namespace};\n\npublic final class BuildConfig {{\n" + "\n".join(lines) + "\n}\n")
with open(os.path.join(config, "com/android/tools/test_config.properties"), "w", encoding="utf-8") as f:
    f.write(f"android_merged_manifest={config}/AndroidManifest.xml\n"
            f"android_resource_apk={config}/resources.ap_\n"
            f"android_custom_package={namespace}\n")
PY
aapt package -f -M "$config/AndroidManifest.xml" -I "$framework_res" -F "$config/resources.ap_" ||
  fail "aapt could not package the sample's merged manifest"

# The sample and the tests: compiled once per content (kotlinc takes most of a minute).
mapfile -t sample_src < <(find "$sample/src/main/kotlin" -name '*.kt' | sort)
mapfile -t test_src < <(find "$tests" -name '*.kt' | sort)
((${#test_src[@]})) || fail "no tests under $tests"
deps_cp="$library_jar:$WXLOGIN_ANDROID_CLASSPATH:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_ROBOLECTRIC_CLASSPATH"
classes="$out/classes"
stamp=$({ sha256sum "$0" "${sample_src[@]}" "${test_src[@]}" "$library_jar" "$out/buildconfig"/*/*/*/BuildConfig.java
  echo "$KOTLINC $deps_cp"; } | sha256sum)
if [[ "$(cat "$classes.stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "robolectric-test: compiling ${#sample_src[@]} sample and ${#test_src[@]} test files" >&2
  rm -rf "$classes" "$classes.stamp"
  mkdir -p "$classes"
  # Against android.jar (API 16 stubs), as scripts/android-check.sh compiles the sample: the
  # android-all jar is instrumented (its classes gain abstract $$robo$ members) and only
  # for running.
  # kotlinc reads Java sources but writes no classes for them: javac compiles BuildConfig.
  javac -d "$classes" "$(find "$out/buildconfig" -name BuildConfig.java)" || fail "BuildConfig.java"
  "$KOTLINC" -Werror -jvm-target 17 -cp "$classes:$deps_cp:$WXLOGIN_XMLPULL_JAR" -d "$classes" \
    "${sample_src[@]}" "${test_src[@]}" || fail "the sample and its Robolectric tests do not compile"
  printf '%s\n' "$stamp" >"$classes.stamp"
fi

if (($# > 0)); then
  test_classes=("$@")
else
  # shellcheck disable=SC2016 # $2 and $0 are awk's
  mapfile -t test_classes < <(awk '
    FNR == 1 { pkg = "" }
    /^package[ \t]/ { pkg = $2 "." }
    /^class[ \t]+[A-Za-z0-9_]*Test([^A-Za-z0-9_]|$)/ {
      name = $0; sub(/^class[ \t]+/, "", name); sub(/[^A-Za-z0-9_].*/, "", name); print pkg name
    }' "${test_src[@]}")
fi
((${#test_classes[@]})) || fail "no *Test classes under $tests"

# shellcheck disable=SC2317 # called from the EXIT trap
on_exit() {
  local rc=$?
  stop_services
  if ((rc != 0)) && [[ -s $out/services/wxlogin-server.log ]]; then
    echo "robolectric-test: last lines of $out/services/wxlogin-server.log:" >&2
    tail -n 40 "$out/services/wxlogin-server.log" >&2
  fi
}
trap on_exit EXIT
start_login_services robolectric-test "${CARGO_TARGET_DIR:-$root/target}/debug" "$out/services"

# The SDK's classes.jar is dex-bound bytecode that the JVM's verifier rejects; the tests'
# @Config instruments com.tencent.mm.opensdk, which Robolectric re-writes with frames.
status=0
java \
  -Drobolectric.offline=true -Drobolectric.dependency.dir="$WXLOGIN_ROBOLECTRIC_DEPS" \
  -Drobolectric.logging.enabled=false \
  -Djna.library.path="$lib_dir" \
  -Dwxlogin.buildconfig.WECHAT_APP_ID="$WXLOGIN_TEST_APP_ID" \
  -Dwxlogin.buildconfig.WXLOGIN_SERVER_URL="$WXLOGIN_TEST_SERVER_URL" \
  -cp "$config:$classes:$deps_cp:$WXLOGIN_KOTLIN_STDLIB" \
  org.junit.runner.JUnitCore "${test_classes[@]}" | tee "$out/junit.log" || status=$?
junit_summary robolectric "$out/junit.log"
exit "$status"
