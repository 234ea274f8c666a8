#!/usr/bin/env bash
# Latency of the core's WeChat login (qa/examples/core_latency.rs): WxLogin::login_with_code
# against the reference server and the WeChat simulator, started in-process on loopback,
# beside a plain reqwest POST /v1/auth/wechat of the same request; p50/p90/p99 per
# concurrency level and the core / plain ratio. Release mode. Prints figures; asserts
# nothing about timing.
#
#   scripts/bench-core.sh                                # 500 logins per client, concurrency 1 and 8
#   scripts/bench-core.sh --count 2000 --concurrency 1,4,16
#
# Arguments go to core_latency (see `--help` there).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

echo "== building core_latency (release)"
cargo build --quiet --release -p wxlogin-qa --example core_latency
echo
exec cargo run --quiet --release -p wxlogin-qa --example core_latency -- "$@"
