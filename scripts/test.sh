#!/usr/bin/env bash
# Every test: the README's test command, and what CI runs (.ci/run).
#
# On a fresh machine it installs what it needs by itself: rustfmt and clippy through
# rustup, kotlinc from npm, the JVM jars from Maven Central and tree-sitter-swift from
# PyPI (scripts/lib/tools.sh, cached under ~/.cache/wxlogin).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. scripts/lib/tools.sh

step() { printf '\n== %s\n' "$*"; }

step "toolchain"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
cargo --version

step "format"
cargo fmt --all --check

step "clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "rust tests"
cargo test --workspace --quiet

step "generated bindings are fresh"
scripts/bindings.sh --check

step "kotlin tests on the JVM (generated bindings + host library)"
scripts/kotlin-test.sh

step "swift syntax (tree-sitter; no Swift compiler here)"
ensure_treesitter
mapfile -t swift_files < <(git ls-files --cached --others --exclude-standard '*.swift')
"$WXLOGIN_PY" scripts/check-swift.py --self-test "${swift_files[@]}"

step "all tests passed"
