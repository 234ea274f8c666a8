#!/usr/bin/env bash
# The QA runner against a staging setup, as the README describes it: the simulator and
# the server started as their own processes with the README's flags, web channels
# included (default captcha limits, --dev, SQLite in a temp dir; the ports are the OS's
# pick, the server's taken first since --public-url names it), then
# `wxlogin-qa --server URL --sim URL`, without --app-id, twice. Both runs must pass
# 18 of 18 and the web section's W1-W10; the second runs on the accounts and captcha
# counters the first left behind.
# Everything started is stopped on exit, also on failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

scripts/build-workspace.sh
work=$(mktemp -d)
SERVICE_BIN_DIR="${CARGO_TARGET_DIR:-$root/target}/debug"
SERVICE_LOG_DIR=$work
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
. scripts/lib/services.sh
# shellcheck disable=SC2317 # called from the EXIT trap
on_exit() {
  local rc=$?
  stop_services
  if ((rc != 0)) && [[ -s $work/wxlogin-server.log ]]; then
    echo "qa-staging-test: last lines of the server's log:" >&2
    tail -n 30 "$work/wxlogin-server.log" >&2
  fi
  rm -rf "$work"
}
trap on_exit EXIT

# The README's commands, with its web channels: a website app and an official account of
# the app's open-platform account, on the loopback domain.
start_service wxlogin-sim --listen 127.0.0.1:0 --app wx0123456789abcdef:devsecret \
  --website-app wxweb:websecret:127.0.0.1 --official-account wxoa:oasecret:127.0.0.1
sim_url=$REPLY
port=$(free_port)
verify_token=LZajyYxePcus2bkd
start_service wxlogin-server --listen "127.0.0.1:$port" \
  --database-url "sqlite://$work/wxlogin.db?mode=rwc" --wechat-api-base "$sim_url" \
  --wechat-app-id wx0123456789abcdef --wechat-app-secret devsecret --dev \
  --public-url "http://127.0.0.1:$port" --wechat-web-base "$sim_url" \
  --website-app-id wxweb --website-app-secret websecret \
  --oa-app-id wxoa --oa-app-secret oasecret --mp-verify-token "$verify_token"
server_url=$REPLY

for run in 1 2; do
  status=0
  started=$SECONDS
  "$SERVICE_BIN_DIR/wxlogin-qa" --server "$server_url" --sim "$sim_url" --out "$work/run$run" \
    --mp-verify-token "$verify_token" \
    >"$work/run$run.txt" 2>&1 || status=$?
  # The runner's closing lines: the summary in Chinese, then in English.
  tail -n 3 "$work/run$run.txt"
  echo "qa-staging-test: run $run took $((SECONDS - started)) s"
  if ((status != 0)) ||
    ! grep -q '^18 passed, 0 failed;.* web channels: 10 passed, 0 failed;' "$work/run$run.txt"; then
    echo "qa-staging-test: run $run did not pass 18 of 18 and W1-W10 (exit $status):" >&2
    cat "$work/run$run.txt" >&2
    exit 1
  fi
done
echo "qa-staging-test: two runs against $server_url and $sim_url, 18 of 18 and W1-W10 each"
