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

# Robolectric on a plain JVM classpath (scripts/robolectric-test.sh). 4.17, not 4.18: the
# latter's nativeruntime-dist-compat 1.0.20 is not on Maven Central. The framework jar is
# SDK 34's, in Robolectric's offline layout (robolectric.dependency.dir).
WXLOGIN_ROBOLECTRIC=org.robolectric:robolectric:4.17
WXLOGIN_ROBOLECTRIC_ANDROID_ALL=org.robolectric:android-all-instrumented:14-robolectric-10818077-i7
# Dispatchers.Main on Android (the library's `api` dependency; the sample's MainScope).
WXLOGIN_COROUTINES_ANDROID=org.jetbrains.kotlinx:kotlinx-coroutines-android:1.11.0
# The XmlPull API, which android.jar 4.1.1.4 leaves to a dependency: compile time only (the
# framework jar brings its own at run time).
WXLOGIN_XMLPULL=xmlpull:xmlpull:1.1.3.1

# ensure_robolectric: exports WXLOGIN_ROBOLECTRIC_CLASSPATH (Robolectric's closure, with
# the classes.jar of the two AARs in it, and kotlinx-coroutines-android),
# WXLOGIN_ROBOLECTRIC_DEPS (the directory holding the android-all jar) and
# WXLOGIN_XMLPULL_JAR (for compiling only).
ensure_robolectric() {
  local dir="$WXLOGIN_CACHE/robolectric-${WXLOGIN_ROBOLECTRIC##*:}"
  local jars="$dir/jars" deps="$dir/android-all" stamp="$dir/jars.done"
  local want="$WXLOGIN_ROBOLECTRIC $WXLOGIN_COROUTINES_ANDROID"
  local xa xv _xg
  IFS=: read -r _xg xa xv <<<"$WXLOGIN_XMLPULL"
  if [[ ! -f $dir/compile/$xa-$xv.jar ]]; then
    maven_fetch robolectric "$dir/compile" "$WXLOGIN_XMLPULL" || return 1
  fi
  export WXLOGIN_XMLPULL_JAR="$dir/compile/$xa-$xv.jar"
  if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    rm -rf "$jars" "$stamp"
    mkdir -p "$jars"
    robolectric_closure "$jars" || return 1
    maven_fetch robolectric "$jars" "$WXLOGIN_COROUTINES_ANDROID" || return 1
    # androidx.test:monitor and espresso-idling-resource come as AARs: the JVM wants their
    # classes.jar.
    local aar
    for aar in "$jars"/*.aar; do
      [[ -e $aar ]] || continue
      python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("classes.jar"))' \
        "$aar" >"${aar%.aar}.jar" || { echo "robolectric: no classes.jar in $aar" >&2; return 1; }
      rm "$aar"
    done
    printf '%s\n' "$want" >"$stamp"
  fi
  local a v _g
  IFS=: read -r _g a v <<<"$WXLOGIN_ROBOLECTRIC_ANDROID_ALL"
  if [[ ! -f $deps/$a-$v.jar ]]; then
    maven_fetch robolectric "$deps" "$WXLOGIN_ROBOLECTRIC_ANDROID_ALL" || return 1
  fi
  local classpath="" jar
  for jar in "$jars"/*.jar; do classpath+="${classpath:+:}$jar"; done
  export WXLOGIN_ROBOLECTRIC_CLASSPATH="$classpath" WXLOGIN_ROBOLECTRIC_DEPS="$deps"
  export WXLOGIN_ROBOLECTRIC_ANDROID_ALL_JAR="$deps/$a-$v.jar"
}

# robolectric_closure DIR: Robolectric and everything it depends on, copied into DIR. The
# dependency plugin resolves a closure only for a project, so a throwaway pom names the
# one pinned dependency; Maven's resolution of fixed versions is the same on every run.
robolectric_closure() {
  local dir=$1 pom out g a v
  IFS=: read -r g a v <<<"$WXLOGIN_ROBOLECTRIC"
  pom=$(mktemp -d)
  cat >"$pom/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>wxlogin.tools</groupId><artifactId>robolectric-closure</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>
  </dependencies>
</project>
POM
  echo "robolectric: fetching $WXLOGIN_ROBOLECTRIC and its dependencies from Maven Central" >&2
  if ! out=$(mvn -B -q -Dstyle.color=never -f "$pom/pom.xml" -Dmaven.repo.local="$WXLOGIN_CACHE/m2" \
    "$WXLOGIN_MVN_DEP_PLUGIN:copy-dependencies" -DoutputDirectory="$dir" 2>&1); then
    printf '%s\n' "$out" >&2
    rm -rf "$pom"
    echo "robolectric: mvn could not resolve $WXLOGIN_ROBOLECTRIC" >&2
    return 1
  fi
  rm -rf "$pom"
}
