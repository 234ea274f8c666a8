#!/usr/bin/env bash
# What can be checked of the Android library without an Android SDK, NDK or
# Gradle (everything it needs comes from npm and Maven Central, cached under
# ~/.cache/wxlogin by scripts/lib/tools.sh and scripts/lib/android.sh):
#
#   1. the hand-written glue (bindings/kotlin/src/main/kotlin) compiles with
#      warnings as errors against android.jar (API 16, from Maven Central), the
#      real WeChat OpenSDK classes and the generated bindings: a call to an SDK
#      or core API that does not exist fails here;
#   2. the JVM tests in bindings/kotlin/src/androidJvmTest run the glue over the
#      real core (target/debug, through JNA) with the SDK's own SendAuth.Resp
#      and SendAuth.Req objects;
#   3. the library's AndroidManifest.xml declares <queries> for com.tencent.mm,
#      and the module declares the SDK version that was checked;
#   4. the sample app (android-sample/app) compiles with warnings as errors
#      against the same jars plus the glue (BuildConfig stubbed from the
#      buildConfigField lines of its build.gradle.kts), and its manifest declares
#      <queries> com.tencent.mm, INTERNET and an exported, singleTask
#      <applicationId>.wxapi.WXEntryActivity that is a compiled subclass of
#      WxEntryActivityBase; every class it names exists.
#
#   scripts/android-check.sh [APP_MANIFEST...]
#
# Each APP_MANIFEST (another app's) is also checked for an exported
# .wxapi.WXEntryActivity, as is the sample's. Exits non-zero on the first failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. "$root/scripts/lib/tools.sh"
# shellcheck source-path=SCRIPTDIR source=lib/android.sh
. "$root/scripts/lib/android.sh"
ensure_kotlinc
ensure_jars
ensure_android_jars

module="$root/bindings/kotlin"
sample="$root/android-sample/app"
sample_manifest="$sample/src/main/AndroidManifest.xml"
gen="$module/src/generated/kotlin"
out="$root/build/android-check"
lib_dir="${WXLOGIN_LIB_DIR:-${CARGO_TARGET_DIR:-$root/target}/debug}"
android_jar=${WXLOGIN_ANDROID_CLASSPATH%%:*}
sdk_jar=${WXLOGIN_ANDROID_CLASSPATH#*:}

fail() {
  echo "android-check: FAIL: $*" >&2
  exit 1
}

# 3 first: it takes no time.
echo "android-check: manifests" >&2
python3 - "$module/src/main/AndroidManifest.xml" "$sample_manifest" "$@" <<'PY' || fail "manifest check"
import sys
import xml.etree.ElementTree as ET

A = "{http://schemas.android.com/apk/res/android}"
ok = True

def check(path, app):
    global ok
    root = ET.parse(path).getroot()
    queried = {p.get(A + "name") for q in root.findall("queries") for p in q.findall("package")}
    if "com.tencent.mm" not in queried:
        print(f"{path}: no <queries><package android:name=\"com.tencent.mm\"/></queries> "
              "(isWXAppInstalled() is false on Android 11+)", file=sys.stderr)
        ok = False
    if app:
        entries = [a for a in root.iter() if a.tag in ("activity", "activity-alias")
                   and (a.get(A + "name") or "").endswith(".wxapi.WXEntryActivity")]
        if not entries:
            print(f"{path}: no <applicationId>.wxapi.WXEntryActivity", file=sys.stderr)
            ok = False
        for a in entries:
            if a.get(A + "exported") != "true":
                print(f"{path}: {a.get(A + 'name')} is not android:exported=\"true\"", file=sys.stderr)
                ok = False

check(sys.argv[1], app=False)
for path in sys.argv[2:]:
    check(path, app=True)
sys.exit(0 if ok else 1)
PY
# The module must ship the SDK this script compiled against.
IFS=: read -r sdk_g sdk_a sdk_v _ <<<"$WXLOGIN_WECHAT_SDK"
grep -q "\"$sdk_g:$sdk_a:$sdk_v\"" "$module/build.gradle.kts" ||
  fail "bindings/kotlin/build.gradle.kts does not depend on $sdk_g:$sdk_a:$sdk_v"
for keep in 'com.sun.jna.**' 'com.wxlogin.core.**'; do
  grep -qF -- "-keep class $keep" "$module/consumer-rules.pro" || fail "consumer-rules.pro does not keep $keep"
done

[[ -d $gen ]] || fail "$gen missing; run scripts/bindings.sh first"
"$root/scripts/build-workspace.sh"

# 1. The generated bindings: the AAR's classes.jar holds them (compiled once, there), and the
# glue's sources compiled below take precedence over its copy of the glue.
"$root/scripts/android-aar.sh" >/dev/null
gen_classes="$root/build/android-aar/classes.jar"

glue_classes="$out/glue-classes"
test_classes="$out/test-classes"
rm -rf "$glue_classes" "$test_classes"
mkdir -p "$glue_classes" "$test_classes"
mapfile -t glue < <(find "$module/src/main/kotlin" -name '*.kt' -not -path '*/com/wxlogin/core/*' | sort)
((${#glue[@]})) || fail "no glue sources under $module/src/main/kotlin"
echo "android-check: compiling ${#glue[@]} glue files against android.jar and the WeChat SDK" >&2
"$KOTLINC" -Werror -cp "$gen_classes:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_ANDROID_CLASSPATH" \
  -d "$glue_classes" "${glue[@]}" || fail "the glue does not compile against the SDK and the bindings"

# 4. The sample app: its Kotlin against the glue, the bindings and the jars an
# app gets from the library (JNA, coroutines, android.jar, the WeChat SDK; not
# JUnit). AGP generates BuildConfig; here a stub with the same fields stands in,
# so a field the build script does not declare fails to compile.
sample_classes="$out/sample-classes"
sample_gen="$out/sample-gen"
rm -rf "$sample_classes" "$sample_gen"
mkdir -p "$sample_classes" "$sample_gen"
# applicationId and namespace: "<applicationId>\t<namespace>" from build.gradle.kts.
sample_ids=$(python3 - "$sample/build.gradle.kts" "$sample_gen" <<'PY'
import os, re, sys
gradle, gen = sys.argv[1], sys.argv[2]
text = open(gradle, encoding="utf-8").read()
def one(key):
    found = re.findall(r'^\s*' + key + r'\s*=\s*"([A-Za-z0-9_.]+)"', text, re.M)
    if len(found) != 1:
        sys.exit(f"{gradle}: expected one {key} = \"...\", found {len(found)}")
    return found[0]
app_id, namespace = one("applicationId"), one("namespace")
if not re.search(r'^\s*buildConfig\s*=\s*true', text, re.M):
    sys.exit(f"{gradle}: buildFeatures {{ buildConfig = true }} missing (the sample reads BuildConfig)")
stub = {"String": '"stub"', "boolean": "false", "int": "0", "long": "0L"}
fields = [("boolean", "DEBUG"), ("String", "APPLICATION_ID"), ("String", "BUILD_TYPE"),
          ("int", "VERSION_CODE"), ("String", "VERSION_NAME")]
fields += re.findall(r'buildConfigField\(\s*"(\w+)"\s*,\s*"(\w+)"', text)
body = "".join(f"  public static final {t} {n} = {stub.get(t, 'null')};\n" for t, n in fields)
out = os.path.join(gen, *namespace.split("."))
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "BuildConfig.java"), "w", encoding="utf-8") as f:
    f.write(f"package {namespace};\n\npublic final class BuildConfig {{\n{body}}}\n")
print(f"{app_id}\t{namespace}")
PY
) || fail "android-sample/app/build.gradle.kts"
IFS=$'\t' read -r sample_app_id sample_namespace <<<"$sample_ids"
sample_cp="$glue_classes:$gen_classes:$WXLOGIN_ANDROID_CLASSPATH"
IFS=: read -ra test_jars <<<"$WXLOGIN_TEST_CLASSPATH"
for jar in "${test_jars[@]}"; do
  case "$jar" in */junit-* | */hamcrest-*) ;; *) sample_cp+=":$jar" ;; esac
done
mapfile -t sample_src < <(find "$sample/src/main/kotlin" -name '*.kt' | sort)
((${#sample_src[@]})) || fail "no sources under $sample/src/main/kotlin"
echo "android-check: compiling ${#sample_src[@]} sample app files against the glue, android.jar and the WeChat SDK" >&2
"$KOTLINC" -Werror -cp "$sample_cp" -d "$sample_classes" \
  "${sample_src[@]}" "$(find "$sample_gen" -name BuildConfig.java)" ||
  fail "android-sample does not compile against the glue, the bindings and the SDK"
echo "android-check: sample manifest (applicationId $sample_app_id)" >&2
python3 - "$sample_manifest" "$sample_app_id" "$sample_namespace" "$sample_classes" <<'PY' || fail "android-sample manifest"
import os, subprocess, sys
import xml.etree.ElementTree as ET

A = "{http://schemas.android.com/apk/res/android}"
path, app_id, namespace, classes = sys.argv[1:5]
root = ET.parse(path).getroot()
errors = []

def attr(e, name):
    return (e.get(A + name) or "").replace("${applicationId}", app_id)

def resolve(name):
    return namespace + name if name.startswith(".") else name

if "com.tencent.mm" not in {attr(p, "name") for q in root.findall("queries") for p in q.findall("package")}:
    errors.append("no <queries><package android:name=\"com.tencent.mm\"/></queries>")
if "android.permission.INTERNET" not in {attr(p, "name") for p in root.findall("uses-permission")}:
    errors.append("no INTERNET permission (the core calls the app's server)")
app = root.find("application")
components = [app] + app.findall("activity") + app.findall("activity-alias") if app is not None else []
entry_name = app_id + ".wxapi.WXEntryActivity"
entries = [a for a in components[1:] if resolve(attr(a, "name")) == entry_name]
if not entries:
    errors.append(f"no activity or activity-alias resolving to {entry_name} "
                  f"(relative names resolve against the namespace {namespace})")
for a in entries:
    if attr(a, "exported") != "true":
        errors.append(f"{entry_name} is not android:exported=\"true\" (WeChat cannot start it)")
    target = a if a.tag == "activity" else next(
        (t for t in app.findall("activity") if resolve(attr(t, "name")) == resolve(attr(a, "targetActivity"))), None)
    if target is None:
        errors.append(f"{entry_name}: activity-alias without a declared targetActivity")
        continue
    if attr(target, "launchMode") != "singleTask":
        errors.append(f"{entry_name}: launchMode is not singleTask")
    if attr(target, "taskAffinity") != app_id:
        errors.append(f"{entry_name}: taskAffinity is not the package ({app_id})")
    if not any(t in attr(target, "theme") for t in ("Translucent", "NoDisplay")):
        errors.append(f"{entry_name}: theme is not translucent / no display")
    cls = os.path.join(classes, *resolve(attr(target, "name")).split(".")) + ".class"
    if os.path.isfile(cls):
        out = subprocess.run(["javap", "-cp", classes, resolve(attr(target, "name"))],
                             capture_output=True, text=True).stdout
        if "extends com.wxlogin.android.WxEntryActivityBase" not in out:
            errors.append(f"{entry_name} does not extend com.wxlogin.android.WxEntryActivityBase")
for c in components:
    if c.tag == "activity-alias" or not attr(c, "name"):
        continue
    name = resolve(attr(c, "name"))
    if not os.path.isfile(os.path.join(classes, *name.split(".")) + ".class"):
        errors.append(f"<{c.tag} android:name=\"{attr(c, 'name')}\">: no class {name} in the sample's sources")
for e in errors:
    print(f"{path}: {e}", file=sys.stderr)
sys.exit(1 if errors else 0)
PY

# 2. The JVM tests. -Xfriend-paths: they may use the glue's internal members.
mapfile -t tests < <(find "$module/src/androidJvmTest/kotlin" -name '*.kt' | sort)
((${#tests[@]})) || fail "no tests under $module/src/androidJvmTest/kotlin"
"$KOTLINC" -Werror -Xfriend-paths="$glue_classes" \
  -cp "$glue_classes:$gen_classes:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_ANDROID_CLASSPATH" \
  -d "$test_classes" "${tests[@]}" || fail "the tests do not compile"
# shellcheck disable=SC2016 # $2 and $0 are awk's
mapfile -t classes < <(awk '
  FNR == 1 { pkg = "" }
  /^package[ \t]/ { pkg = $2 "." }
  /^class[ \t]+[A-Za-z0-9_]*Test([^A-Za-z0-9_]|$)/ {
    name = $0; sub(/^class[ \t]+/, "", name); sub(/[^A-Za-z0-9_].*/, "", name); print pkg name
  }' "${tests[@]}")
((${#classes[@]})) || fail "no *Test classes in $module/src/androidJvmTest/kotlin"

# The SDK's classes.jar is dex-bound bytecode (class version 51 without
# StackMapTable frames) that the JVM's verifier rejects; on the boot class path
# it is not verified, and neither is android.jar, whose stubs throw "Stub!" if
# a test ever reaches the Android runtime. Our own classes are still verified.
status=0
java -Xbootclasspath/a:"$sdk_jar:$android_jar" -Djna.library.path="$lib_dir" \
  -cp "$test_classes:$glue_classes:$gen_classes:$WXLOGIN_TEST_CLASSPATH:$WXLOGIN_KOTLIN_STDLIB" \
  org.junit.runner.JUnitCore "${classes[@]}" | tee "$out/junit.log" || status=$?
junit_summary android "$out/junit.log"
((status == 0)) || fail "JVM tests"
echo "android-check: OK" >&2
