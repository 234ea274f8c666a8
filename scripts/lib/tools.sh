# shellcheck shell=bash
# Installs the non-Rust test tooling (kotlinc, the JVM test jars, tree-sitter
# for Swift, schemathesis) from package registries only: npm, Maven Central and PyPI are what
# every developer machine and CI can reach, GitHub release downloads are not.
#
# Meant to be sourced (safe under `set -euo pipefail`):
#   . "$(dirname "$0")/lib/tools.sh"; ensure_kotlinc; ensure_jars; ensure_treesitter
#
# Everything lands under $WXLOGIN_CACHE, keyed by the pinned versions, so a
# second run touches no network and a version bump installs side by side.
# Each ensure_* prints one line (to stderr) only when it downloads something.

WXLOGIN_CACHE="${WXLOGIN_CACHE:-$HOME/.cache/wxlogin}"
export WXLOGIN_CACHE

# Pins. Kotlin reads class metadata up to one minor version ahead, so the
# coroutines jar (built with Kotlin 2.2.20) must not be newer than kotlinc.
WXLOGIN_KOTLIN_VERSION=2.4.20
WXLOGIN_JARS=(
  net.java.dev.jna:jna:5.19.1
  org.jetbrains.kotlinx:kotlinx-coroutines-core-jvm:1.11.0
  junit:junit:4.13.2
  org.hamcrest:hamcrest-core:1.3
)
WXLOGIN_MVN_DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
# Checked together: tree-sitter-swift 0.7.4 (language ABI 15) parses with py-tree-sitter 0.24-0.26.
WXLOGIN_PY_PINS=(tree-sitter==0.26.1 tree-sitter-swift==0.7.4)
# The whole closure, so that a resolve cannot change under us.
WXLOGIN_SCHEMATHESIS_PINS=(
  schemathesis==4.32.5 anyio==4.16.0 certifi==2026.10.19.post1 charset-normalizer==3.5.3
  click==8.5.1 graphql-core==3.3.2 harfile==0.6.0 hypothesis==6.170.17 hypothesis-graphql==0.13.5
  idna==3.20 iniconfig==2.3.1 jsonschema_rs==0.60.3 markdown-it-py==4.3.0 MarkupSafe==3.0.4
  mdurl==0.1.2 packaging==26.4 pluggy==1.7.0 Pygments==2.21.0 pyrate-limiter==4.5.1 pytest==9.2.0
  PyYAML==6.0.4 requests==2.34.2 rich==15.0.0 sortedcontainers==2.4.0 typing_extensions==4.16.0
  urllib3==2.8.0 Werkzeug==3.1.9
)

# ensure_kotlinc: exports KOTLINC (the JVM compiler launcher) and
# WXLOGIN_KOTLIN_STDLIB (the stdlib jar matching it, needed at `java` run time).
ensure_kotlinc() {
  local dir="$WXLOGIN_CACHE/kotlin-$WXLOGIN_KOTLIN_VERSION"
  # The npm package is JetBrains' full compiler zip; its package.json `bin`
  # only links kotlinc-js, so we call the shell launcher inside it directly.
  local home="$dir/node_modules/kotlin-compiler"
  if [[ ! -x $home/bin/kotlinc ]]; then
    echo "tools: installing kotlin-compiler@$WXLOGIN_KOTLIN_VERSION from npm" >&2
    # Install into a scratch dir and rename, so an interrupted run never
    # leaves a half-unpacked compiler that the check above would accept.
    # npm's tarball cache goes in the scratch dir and is dropped: the unpacked
    # compiler is the cache, a second ~90 MB copy in ~/.npm would only waste disk.
    local tmp="$dir.tmp.$$"
    rm -rf "$tmp"
    npm_config_update_notifier=false npm install --prefix "$tmp" --cache "$tmp/.npm-cache" \
      --no-audit --no-fund --loglevel=error --save-exact \
      "kotlin-compiler@$WXLOGIN_KOTLIN_VERSION" >/dev/null || return 1
    rm -rf "$tmp/.npm-cache" "$dir"
    mv "$tmp" "$dir"
    # Checked once after install: it costs ~3 s of JVM start-up.
    if ! "$home/bin/kotlinc" -version >/dev/null 2>&1; then
      echo "tools: $home/bin/kotlinc does not run (is java on PATH?)" >&2
      return 1
    fi
  fi
  export KOTLINC="$home/bin/kotlinc"
  export WXLOGIN_KOTLIN_STDLIB="$home/lib/kotlin-stdlib.jar"
}

# ensure_jars: exports WXLOGIN_TEST_CLASSPATH, the colon-joined pinned jars.
ensure_jars() {
  local dir="$WXLOGIN_CACHE/jars" gav a v classpath="" missing=()
  for gav in "${WXLOGIN_JARS[@]}"; do
    IFS=: read -r _ a v <<<"$gav"
    [[ -f $dir/$a-$v.jar ]] || missing+=("$gav")
    classpath+="${classpath:+:}$dir/$a-$v.jar"
  done
  ((${#missing[@]} == 0)) || maven_fetch tools "$dir" "${missing[@]}" || return 1
  export WXLOGIN_TEST_CLASSPATH="$classpath"
}

# ensure_treesitter: exports WXLOGIN_PY, a python with tree_sitter and
# tree_sitter_swift importable.
ensure_treesitter() {
  ensure_venv "$WXLOGIN_CACHE/venv" "${WXLOGIN_PY_PINS[@]}" || return 1
  export WXLOGIN_PY="$WXLOGIN_CACHE/venv/bin/python"
}

# ensure_schemathesis: exports WXLOGIN_SCHEMATHESIS, the schemathesis command.
ensure_schemathesis() {
  local venv="$WXLOGIN_CACHE/venv-schemathesis"
  ensure_venv "$venv" "${WXLOGIN_SCHEMATHESIS_PINS[@]}" || return 1
  export WXLOGIN_SCHEMATHESIS="$venv/bin/schemathesis"
}

# ensure_venv DIR PIN...: a Python venv at DIR holding the pinned packages from PyPI.
# A stamp records which pins the venv holds, so changing a pin rebuilds it.
ensure_venv() {
  local venv=$1
  shift
  local stamp="$venv/wxlogin-pins.txt" want="$*"
  if [[ ! -x $venv/bin/python || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    echo "tools: installing $want from PyPI" >&2
    rm -rf "$venv"
    python3 -m venv "$venv" || { echo "tools: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2; return 1; }
    "$venv/bin/pip" install -q --disable-pip-version-check \
      --cache-dir "$WXLOGIN_CACHE/pip" "$@" >&2 || return 1
    printf '%s\n' "$want" >"$stamp"
  fi
}

# maven_fetch LABEL DIR GAV...: copies each artifact (group:artifact:version[:type])
# into DIR. No pom needed: the dependency plugin is invoked by coordinates. A private
# local repository keeps Maven's own downloads (the plugin and its dependencies) in the
# cache too; Maven's output is shown only when a fetch fails (-q still prints colours).
maven_fetch() {
  local label=$1 dir=$2 gav out
  shift 2
  for gav in "$@"; do
    echo "$label: fetching $gav from Maven Central" >&2
    if ! out=$(mvn -B -q -Dstyle.color=never -Dmaven.repo.local="$WXLOGIN_CACHE/m2" \
      "$WXLOGIN_MVN_DEP_PLUGIN:copy" -Dartifact="$gav" -DoutputDirectory="$dir" 2>&1); then
      printf '%s\n' "$out" >&2
      echo "$label: mvn could not fetch $gav" >&2
      return 1
    fi
  done
}

# junit_summary LABEL LOG: JUnit 4 ends with "OK (N tests)" or "Tests run: N,
# Failures: M"; restate it as the plain "LABEL: N passed, N failed" line that CI logs
# are read for.
junit_summary() {
  awk -v label="$1" '
    /^OK \(/ { run = $2; sub(/^\(/, "", run); fail = 0 }
    /^Tests run:/ { run = $3 + 0; fail = $5 + 0 }
    END { if (run != "") printf "%s: %d passed, %d failed\n", label, run - fail, fail }
  ' "$2"
}
