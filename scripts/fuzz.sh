#!/usr/bin/env bash
# Fuzzes the core's untrusted inputs (fuzz/fuzz_targets/): the SDK callback and the web
# redirect URL, each for a bounded time.
#
#   scripts/fuzz.sh [SECONDS]    # seconds per target, default 60
#
# On a fresh machine it installs what it needs: a minimal nightly toolchain (cargo-fuzz
# needs nightly for the sanitizer flags) and cargo-fuzz. The corpus grows under
# fuzz/corpus/TARGET and crashing inputs land in fuzz/artifacts/TARGET (both
# gitignored); it exits non-zero if any target found a crash. Reproduce one with
#   cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...
set -euo pipefail

seconds=${1:-60}
if ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [SECONDS]   (seconds per target, a positive integer)" >&2
    exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi
rustc +nightly --version
cargo fuzz --version

failed=()
for target in $(cargo +nightly fuzz list); do
    printf '\n== fuzz %s for %ss\n' "$target" "$seconds"
    # A target's dictionary (URL syntax, parameter names) if it has one.
    dict=()
    if [[ -f fuzz/$target.dict ]]; then
        dict=(-dict="$root/fuzz/$target.dict")
    fi
    # --debug-assertions: integer overflow and debug_assert! fail loudly too.
    if ! cargo +nightly fuzz run --debug-assertions "$target" -- \
        -max_total_time="$seconds" -print_final_stats=1 "${dict[@]}"; then
        failed+=("$target")
    fi
done

if ((${#failed[@]})); then
    printf '\nfuzzing found crashes in: %s (inputs under fuzz/artifacts/)\n' "${failed[*]}" >&2
    exit 1
fi
printf '\nfuzzing: no crash in %ss per target\n' "$seconds"
