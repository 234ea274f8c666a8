#!/usr/bin/env bash
# Every test: the README's test command, and what CI runs (.ci/run).
#
# On a fresh machine it installs what it needs by itself: rustfmt and clippy through
# rustup, kotlinc from npm, the JVM jars from Maven Central, tree-sitter-swift and
# wechatpy from PyPI (cached under ~/.cache/wxlogin), playwright-core from npm and
# chromium from Debian's packages (scripts/web-test.sh), and a private PostgreSQL cluster
# from Debian's packages (scripts/lib/postgres.sh); qemu-user and the aarch64 cross gcc and
# libc from Debian (scripts/core-aarch64-test.sh); Robolectric and its SDK-34 framework jar
# from Maven Central, aapt and android-framework-res from Debian (scripts/robolectric-test.sh).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. scripts/lib/tools.sh
# shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
. scripts/lib/postgres.sh

# Each step's wall time, printed at the end (also after a failure): the README's cost
# figures come from this table.
step_names=()
step_secs=()
current_step=""
step_started=$SECONDS
end_step() {
  [[ -n $current_step ]] || return 0
  step_names+=("$current_step")
  step_secs+=($((SECONDS - step_started)))
  current_step=""
}
step() {
  end_step
  current_step=$*
  step_started=$SECONDS
  printf '\n== %s\n' "$*"
}
print_step_times() {
  end_step
  printf '\n== wall time per step (s)\n'
  local i
  for i in "${!step_names[@]}"; do
    printf '%6d  %s\n' "${step_secs[$i]}" "${step_names[$i]}"
  done
  printf '%6d  total\n' "$SECONDS"
}

# What this run starts, it stops, also when a step fails or the run is interrupted: the
# PostgreSQL cluster and its test databases here; each step script cleans up its own
# processes and mounts.
on_exit() {
  print_step_times
  release_postgres
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# A one-off build: incremental compilation only adds work and gigabytes to target/.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo --version

step "format"
cargo fmt --all --check

step "clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "rust tests (the server suite on SQLite)"
cargo test --workspace --quiet

step "the QA runner twice against the README's simulator and server commands"
scripts/qa-staging-test.sh

step "the server suite again on PostgreSQL"
ensure_postgres
WXLOGIN_TEST_POSTGRES_URL=$WXLOGIN_TEST_POSTGRES_URL scripts/package-tests.sh wxlogin-server

step "the server fuzzed against openapi.yaml (schemathesis)"
scripts/schemathesis.sh

step "a third-party WeChat client (wechatpy) against the simulator"
scripts/wechatpy-test.sh -q

step "web pages in a real browser: headless Chromium (Debian) driven by playwright-core"
scripts/web-test.sh

step "generated bindings are fresh"
scripts/bindings.sh --check

step "kotlin tests on the JVM (generated bindings + host library)"
scripts/kotlin-test.sh

step "java 17: a whole login from Java through the glue's callback forms; no Continuation, mangled name or unsigned type in the API"
scripts/java-test.sh

step "android glue: compiled against android.jar + the WeChat SDK, response handling on a JVM"
scripts/android-check.sh

step "the AAR's JVM part: classes.jar (bindings + glue), manifest, consumer rules, R.txt; layout checked"
scripts/android-aar.sh

step "android glue and sample in Robolectric (SDK 34): real SDK intents, the sample's Activities, the real core, simulator and server"
scripts/robolectric-test.sh

step "the core's tests on aarch64 (Android arm64's instruction set) under qemu-user"
scripts/core-aarch64-test.sh

step "iOS side without Xcode: Swift syntax of bindings/swift and ios-sample (tree-sitter), the sample's plists"
scripts/ios-check.sh

step "swift on Linux (trixie chroot): generated bindings, WxLoginKit and the sample's logic compiled, XCTest against the simulator and server"
scripts/swift-test.sh

end_step
echo
echo "== all tests passed"
