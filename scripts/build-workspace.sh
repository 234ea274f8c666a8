#!/usr/bin/env bash
# The one Rust build every script and test fixture uses: the whole workspace, every target
# (libraries, the core's cdylib, the binaries, tests and examples), in the debug profile.
#
#   scripts/build-workspace.sh     extra arguments go to cargo build
#
# Why one command: cargo resolves features for the packages a command names. `cargo build -p
# wxlogin-core`, `-p uniffi-bindgen` or `cargo test -p wxlogin-server` each pick a different
# feature set for shared dependencies (serde, tokio, reqwest, clap, uniffi's own `cli`), so
# each compiles its own copy of them and of our crates, and the unhashed outputs
# (libwxlogin_core.so, the binaries in target/debug) are overwritten by whichever ran last.
# `--workspace --all-targets` resolves exactly like `cargo test --workspace` and
# `cargo clippy --workspace --all-targets`, so after the test step it compiles nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
exec cargo build --quiet --manifest-path "$root/Cargo.toml" --workspace --all-targets "$@"
