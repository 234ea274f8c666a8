# shellcheck shell=bash
# The Android jars that scripts/android-check.sh compiles the hand-written glue
# against, from Maven Central only (no Android SDK, no Google Maven):
#
#   - com.google.android:android:4.1.1.4, the last android.jar published there
#     (API 16). Its classes are stubs that throw "Stub!" when run: fine to
#     compile against, never to execute.
#   - the WeChat OpenSDK AAR, whose classes.jar is the real SDK (plain Java:
#     SendAuth.Resp and BaseResp can be created and read on a desktop JVM).
#
# Meant to be sourced after scripts/lib/tools.sh (it uses WXLOGIN_CACHE and
# maven_fetch from there):
#   . "$root/scripts/lib/tools.sh"; . "$root/scripts/lib/android.sh"; ensure_android_jars

WXLOGIN_ANDROID_JAR=com.google.android:android:4.1.1.4
WXLOGIN_WECHAT_SDK=com.tencent.mm.opensdk:wechat-sdk-android:6.8.34:aar

# ensure_android_jars: exports WXLOGIN_ANDROID_CLASSPATH, android.jar then the
# WeChat SDK's classes.jar, under $WXLOGIN_CACHE/android.
ensure_android_jars() {
  local dir="$WXLOGIN_CACHE/android"
  local android_a android_v sdk_a sdk_v
  IFS=: read -r _ android_a android_v <<<"$WXLOGIN_ANDROID_JAR"
  IFS=: read -r _ sdk_a sdk_v _ <<<"$WXLOGIN_WECHAT_SDK"
  local android_jar="$dir/$android_a-$android_v.jar"
  local aar="$dir/$sdk_a-$sdk_v.aar"
  local sdk_jar="$dir/$sdk_a-$sdk_v-classes.jar"
  local missing=()
  [[ -f $android_jar ]] || missing+=("$WXLOGIN_ANDROID_JAR")
  [[ -f $sdk_jar ]] || missing+=("$WXLOGIN_WECHAT_SDK")
  ((${#missing[@]} == 0)) || maven_fetch android "$dir" "${missing[@]}" || return 1
  if [[ ! -f $sdk_jar ]]; then
    # An AAR is a zip; the compiled SDK is its classes.jar. Extract to a temp
    # name and rename, so an interrupted run leaves nothing the check accepts.
    # Python's zipfile rather than unzip: python3 is on every machine, unzip is not.
    if ! python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("classes.jar"))' \
      "$aar" >"$sdk_jar.tmp.$$" || [[ ! -s $sdk_jar.tmp.$$ ]]; then
      rm -f "$sdk_jar.tmp.$$"
      echo "android: no classes.jar in $aar" >&2
      return 1
    fi
    mv "$sdk_jar.tmp.$$" "$sdk_jar"
  fi
  export WXLOGIN_ANDROID_CLASSPATH="$android_jar:$sdk_jar"
}
