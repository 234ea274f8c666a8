#!/usr/bin/env bash
# Memory under a password-login flood: starts the wxlogin-sim and wxlogin-server binaries
# (release build, SQLite), sends 500 concurrent password logins for unknown accounts
# (server/examples/password_flood.rs) and prints the server process's peak RSS, the
# answers and their latency. Prints figures; asserts nothing.
#
#   scripts/bench-passwords.sh                    # 500 at once
#   scripts/bench-passwords.sh --concurrency 200
#   WXLOGIN_BENCH_SERVER_BIN=/path/to/older/wxlogin-server scripts/bench-passwords.sh
#   WXLOGIN_BENCH_SERVER_ARGS='--password-hash-wait-ms 600000' scripts/bench-passwords.sh
#
# The attempt limits per address would refuse most of a flood from one address before
# it reaches Argon2; they are raised here so that every attempt goes for a password
# check, the worst case for memory. WXLOGIN_BENCH_SERVER_BIN runs another build of the
# server (e.g. an older one, for a before/after figure); flags it does not know are
# then left out.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

app_id=wxbench0123456789
secret=bench-app-secret-0123456789
work=$(mktemp -d)
pids=()
stop() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop EXIT

echo "== building (release)"
cargo build -q --release -p wxlogin-server -p wxlogin-sim --bins --example password_flood
target=$(cargo metadata -q --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')
server_bin=${WXLOGIN_BENCH_SERVER_BIN:-$target/release/wxlogin-server}
extra=()
if "$server_bin" --help | grep -q -- --login-free-attempts-address; then
  extra=(--login-free-attempts-address 1000000 --login-free-attempts-pair 1000000
    --login-free-attempts-account 1000000)
fi
# Further server flags, e.g. a long wait for a slot so that every attempt is checked.
read -r -a server_args <<<"${WXLOGIN_BENCH_SERVER_ARGS:-}"
extra+=("${server_args[@]}")

# start NAME READY-PREFIX COMMAND...: runs it in the background (in this shell, so that
# stop() knows its pid), waits for its ready line and sets $url to the URL in it.
start() {
  local name=$1 prefix=$2 line="" i
  shift 2
  "$@" >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  for ((i = 0; i < 300; i++)); do
    line=$(head -n1 "$work/$name.out" 2>/dev/null || true)
    [[ $line == "$prefix"* ]] && break
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  if [[ $line != "$prefix"* ]]; then
    echo "bench-passwords: $name did not start" >&2
    cat "$work/$name.log" >&2
    return 1
  fi
  url=${line#"$prefix"}
}

start sim "wxlogin-sim listening on " "$target/release/wxlogin-sim" \
  --listen 127.0.0.1:0 --app "$app_id:$secret"
sim=$url
start server "wxlogin-server listening on " "$server_bin" \
  --listen 127.0.0.1:0 --database-url "sqlite://$work/bench.db?mode=rwc" \
  --wechat-api-base "$sim" --wechat-app-id "$app_id" --wechat-app-secret "$secret" \
  "${extra[@]}"
base=$url
server_pid=${pids[-1]}
echo "== $server_bin ($(nproc) cores)"
"$target/release/examples/password_flood" --base "$base" --server-pid "$server_pid" "$@"
