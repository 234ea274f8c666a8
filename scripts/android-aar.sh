#!/usr/bin/env bash
# Assembles the JVM part of the Android library (AAR) without Gradle or an Android SDK, and
# checks its layout against the AAR format (developer.android.com, "Anatomy of an AAR
# file": a zip whose only mandatory entry is AndroidManifest.xml; here also classes.jar,
# R.txt, proguard.txt and, when present, jni/<abi>/*.so):
#
#   classes.jar          the generated bindings and the glue, from one kotlinc call,
#                        compiled against android.jar, the WeChat OpenSDK, JNA and
#                        kotlinx-coroutines (the library's `api` dependencies, which the
#                        app gets from the POM and which are not bundled)
#   AndroidManifest.xml  src/main/AndroidManifest.xml with the namespace as package and
#                        minSdk as <uses-sdk>, as AGP writes it into a library's AAR
#   proguard.txt         consumer-rules.pro, byte for byte (R8 applies it to the app)
#   R.txt                empty: the library has no resources
#   jni/<abi>/           libwxlogin_core.so from src/main/jniLibs, which only
#                        scripts/build-android.sh fills (cargo-ndk): nothing on this
#                        machine can link an Android .so (no bionic sysroot in Debian)
#
#   scripts/android-aar.sh     prints the AAR's path and its entries
#
# The AAR goes to build/android-aar/wxlogin-android-<version>.aar. classes.jar is rebuilt
# only when its sources, the compiler or the classpath change (a stamp beside it), so a
# second run takes seconds; scripts/robolectric-test.sh runs this classes.jar.
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
gen="$module/src/generated/kotlin"
out="$root/build/android-aar"

fail() {
  echo "android-aar: FAIL: $*" >&2
  exit 1
}

[[ -d $gen ]] || fail "$gen missing; run scripts/bindings.sh first"

# namespace, minSdk and version from the module's build script: one source of truth.
read -r namespace min_sdk version < <(python3 - "$module/build.gradle.kts" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
def one(pattern, what):
    found = re.findall(pattern, text, re.M)
    if len(found) != 1:
        sys.exit(f"{sys.argv[1]}: expected one {what}, found {len(found)}")
    return found[0]
print(one(r'^\s*namespace\s*=\s*"([A-Za-z0-9_.]+)"', "namespace"),
      one(r'^\s*minSdk\s*=\s*(\d+)', "minSdk"),
      one(r'^version\s*=\s*"([^"]+)"', "version"))
PY
) || fail "bindings/kotlin/build.gradle.kts"

# classes.jar: one kotlinc call over the generated bindings and the glue. The generated
# code has warnings of its own (never edited by hand), so no -Werror here;
# scripts/android-check.sh compiles the glue with -Werror. JVM 17 as the module's
# jvmTarget. Only JNA and coroutines of the test jars: JUnit is not the library's.
mapfile -t sources < <(find "$gen" "$module/src/main/kotlin" -name '*.kt' | sort)
classpath=$WXLOGIN_ANDROID_CLASSPATH
IFS=: read -ra jars <<<"$WXLOGIN_TEST_CLASSPATH"
for jar in "${jars[@]}"; do
  case "$jar" in */jna-* | */kotlinx-coroutines-*) classpath+=":$jar" ;; esac
done
classes_jar="$out/classes.jar"
stamp=$({ sha256sum "${sources[@]}"; echo "$KOTLINC $classpath"; } | sha256sum)
if [[ ! -f $classes_jar || "$(cat "$classes_jar.stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "android-aar: compiling ${#sources[@]} files (bindings + glue) into classes.jar" >&2
  rm -f "$classes_jar" "$classes_jar.stamp"
  mkdir -p "$out"
  "$KOTLINC" -nowarn -jvm-target 17 -module-name wxlogin-android -cp "$classpath" \
    -d "$classes_jar.tmp.jar" "${sources[@]}" || fail "kotlinc"
  mv "$classes_jar.tmp.jar" "$classes_jar"
  printf '%s\n' "$stamp" >"$classes_jar.stamp"
fi

aar="$out/wxlogin-android-$version.aar"
python3 - "$aar" "$classes_jar" "$module" "$namespace" "$min_sdk" <<'PY' || fail "assembling the AAR"
import os, sys, zipfile
import xml.etree.ElementTree as ET

aar, classes_jar, module, namespace, min_sdk = sys.argv[1:6]
A = "http://schemas.android.com/apk/res/android"
ET.register_namespace("android", A)
manifest = ET.parse(os.path.join(module, "src/main/AndroidManifest.xml")).getroot()
manifest.set("package", namespace)
uses_sdk = ET.Element("uses-sdk", {f"{{{A}}}minSdkVersion": min_sdk})
manifest.insert(0, uses_sdk)
ET.indent(manifest, space="    ")
manifest_xml = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(manifest) + b"\n"

# A fixed timestamp: the same inputs give the same bytes.
def add(z, name, data):
    info = zipfile.ZipInfo(name, date_time=(1980, 2, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)

tmp = aar + ".tmp"
with zipfile.ZipFile(tmp, "w") as z:
    add(z, "AndroidManifest.xml", manifest_xml)
    add(z, "classes.jar", open(classes_jar, "rb").read())
    add(z, "R.txt", b"")
    add(z, "proguard.txt", open(os.path.join(module, "consumer-rules.pro"), "rb").read())
    jni = os.path.join(module, "src/main/jniLibs")
    for abi in sorted(os.listdir(jni)) if os.path.isdir(jni) else []:
        for lib in sorted(os.listdir(os.path.join(jni, abi))):
            add(z, f"jni/{abi}/{lib}", open(os.path.join(jni, abi, lib), "rb").read())
os.replace(tmp, aar)
PY

# The layout, checked on the written file (not on what the step above meant to write).
echo "android-aar: checking $(basename "$aar")" >&2
python3 - "$aar" "$module" "$namespace" "$min_sdk" <<'PY' || fail "the AAR's layout"
import io, os, re, struct, sys, zipfile
import xml.etree.ElementTree as ET

aar, module, namespace, min_sdk = sys.argv[1:5]
A = "{http://schemas.android.com/apk/res/android}"
errors = []
z = zipfile.ZipFile(aar)
names = z.namelist()
allowed = re.compile(r"^(AndroidManifest\.xml|classes\.jar|R\.txt|proguard\.txt|jni/(arm64-v8a|armeabi-v7a|x86_64)/lib[A-Za-z0-9_]+\.so)$")
for n in names:
    if not allowed.match(n):
        errors.append(f"unexpected entry {n}")
for n in ("AndroidManifest.xml", "classes.jar", "R.txt", "proguard.txt"):
    if n not in names:
        errors.append(f"no {n}")

m = ET.fromstring(z.read("AndroidManifest.xml"))
if m.tag != "manifest" or m.get("package") != namespace:
    errors.append(f"AndroidManifest.xml: package is {m.get('package')!r}, not the namespace {namespace}")
sdk = m.find("uses-sdk")
if sdk is None or sdk.get(A + "minSdkVersion") != min_sdk:
    errors.append(f"AndroidManifest.xml: no <uses-sdk android:minSdkVersion=\"{min_sdk}\">")
if "com.tencent.mm" not in {p.get(A + "name") for q in m.findall("queries") for p in q.findall("package")}:
    errors.append("AndroidManifest.xml: the <queries> for com.tencent.mm did not survive")
if m.find("application") is not None:
    errors.append("AndroidManifest.xml: a library declares no <application> here (the app owns WXEntryActivity)")

if z.read("proguard.txt") != open(os.path.join(module, "consumer-rules.pro"), "rb").read():
    errors.append("proguard.txt differs from consumer-rules.pro")
if z.read("R.txt") != b"":
    errors.append("R.txt is not empty, but the library declares no resources")

jar = zipfile.ZipFile(io.BytesIO(z.read("classes.jar")))
classes = [n for n in jar.namelist() if n.endswith(".class")]
for n in classes:
    if not n.startswith(("com/wxlogin/core/", "com/wxlogin/android/")):
        errors.append(f"classes.jar: {n} is not the library's (dependencies come from the POM)")
        break
for need in ("com/wxlogin/core/WxLogin.class", "com/wxlogin/core/SecureStore.class",
             "com/wxlogin/android/WxLoginAndroid.class", "com/wxlogin/android/WxEntryActivityBase.class",
             "com/wxlogin/android/WeChatResponseHandler.class"):
    if need not in classes:
        errors.append(f"classes.jar: no {need}")
majors = {struct.unpack(">H", jar.read(n)[6:8])[0] for n in classes}
if majors != {61}:
    errors.append(f"classes.jar: class file versions {sorted(majors)}, expected 61 (Java 17, the module's jvmTarget)")
if not any(n.startswith("META-INF/") and n.endswith(".kotlin_module") for n in jar.namelist()):
    errors.append("classes.jar: no META-INF/*.kotlin_module (Kotlin callers lose top-level functions)")

for n in names:
    if n.startswith("jni/"):
        head = z.read(n)[:20]
        machine = struct.unpack("<H", head[18:20])[0] if head[:4] == b"\x7fELF" else None
        want = {"arm64-v8a": 183, "armeabi-v7a": 40, "x86_64": 62}[n.split("/")[1]]
        if machine != want:
            errors.append(f"{n}: not an ELF for its ABI (e_machine {machine}, expected {want})")

for e in errors:
    print(f"{aar}: {e}", file=sys.stderr)
if errors:
    sys.exit(1)
for info in z.infolist():
    print(f"  {info.file_size:>9}  {info.filename}")
jni = [n for n in names if n.startswith("jni/")]
print(f"  ({len(classes)} classes; " + (f"{len(jni)} native libraries)" if jni else
      "no jni/: scripts/build-android.sh adds jni/<abi>/libwxlogin_core.so with the NDK)"))
PY
echo "android-aar: ${aar#"$root"/}"
