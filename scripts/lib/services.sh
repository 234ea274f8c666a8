# shellcheck shell=bash
# Starts the project's binaries (wxlogin-sim, wxlogin-server) as background processes
# on ports the OS picks, waits until each is ready, and stops them again.
#
# Meant to be sourced (safe under `set -euo pipefail`):
#   SERVICE_BIN_DIR=target/debug SERVICE_LOG_DIR=$work
#   . scripts/lib/services.sh
#   trap stop_services EXIT
#   start_service wxlogin-sim --listen 127.0.0.1:0 --app "$id:$secret"; sim_url=$REPLY
#
# or, for tests that run a whole login through the bindings, the pair at once:
#   start_login_services LABEL BIN_DIR LOG_DIR   (exports WXLOGIN_TEST_SERVER_URL,
#                                                 WXLOGIN_TEST_SIM_URL, WXLOGIN_TEST_APP_ID)
#
# Each binary prints "<name> listening on http://ADDR" on stdout once it accepts
# connections; its stdout and stderr go to $SERVICE_LOG_DIR/<name>.{out,log}. Messages
# are prefixed with $SERVICE_LABEL (default "services").

service_pids=()

# start_service NAME ARGS...: runs $SERVICE_BIN_DIR/NAME ARGS... and sets REPLY to the
# URL of its ready line. Fails (after printing the log's tail) if NAME exits first or
# is not ready within 30 s.
start_service() {
  local name=$1 pid line i label=${SERVICE_LABEL:-services}
  shift
  "$SERVICE_BIN_DIR/$name" "$@" >"$SERVICE_LOG_DIR/$name.out" 2>"$SERVICE_LOG_DIR/$name.log" &
  pid=$!
  service_pids+=("$pid")
  for ((i = 0; i < 300; i++)); do
    line=$(grep -m1 "^$name listening on http://" "$SERVICE_LOG_DIR/$name.out" 2>/dev/null || true)
    if [[ -n $line ]]; then
      REPLY=${line##* }
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$label: $name exited before it was ready:" >&2
      tail -n 40 "$SERVICE_LOG_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$label: $name not ready after 30 s:" >&2
  tail -n 40 "$SERVICE_LOG_DIR/$name.log" >&2
  return 1
}

# free_port: prints a loopback port nothing listens on right now, for a server whose
# --public-url must name its port before it starts.
free_port() {
  node -e "const s = require('net').createServer().listen(0, '127.0.0.1', () => {
    console.log(s.address().port); s.close(); });"
}

# stop_services: stops (SIGTERM) and reaps every process start_service started.
# shellcheck disable=SC2317 # called from EXIT traps
stop_services() {
  local pid
  for pid in "${service_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${service_pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  service_pids=()
}

# start_login_services LABEL BIN_DIR LOG_DIR: the simulator and a --dev server on a fresh
# SQLite file in LOG_DIR, for the bindings' full-flow tests; exports the variables the
# tests read.
start_login_services() {
  SERVICE_LABEL=$1 SERVICE_BIN_DIR=$2 SERVICE_LOG_DIR=$3
  local app_id=wx0123456789abcdef app_secret=binding-test-secret sim_url server_url
  rm -rf "$SERVICE_LOG_DIR"
  mkdir -p "$SERVICE_LOG_DIR"
  start_service wxlogin-sim --listen 127.0.0.1:0 --app "$app_id:$app_secret" || return 1
  sim_url=$REPLY
  # No captcha cooldown: the tests ask for several captchas within seconds. The
  # per-address limit is raised for the same reason (every request is from 127.0.0.1).
  start_service wxlogin-server --listen 127.0.0.1:0 \
    --database-url "sqlite://$SERVICE_LOG_DIR/server.db?mode=rwc" \
    --wechat-api-base "$sim_url" --wechat-app-id "$app_id" --wechat-app-secret "$app_secret" \
    --dev --captcha-cooldown-s 0 --captcha-per-ip-hour 1000 || return 1
  server_url=$REPLY
  echo "$SERVICE_LABEL: simulator $sim_url, server $server_url" >&2
  export WXLOGIN_TEST_SERVER_URL=$server_url WXLOGIN_TEST_SIM_URL=$sim_url WXLOGIN_TEST_APP_ID=$app_id
}
