# shellcheck shell=bash
# The WeChat simulator (wxlogin-sim) and the reference server (wxlogin-server, --dev,
# a fresh SQLite file) for tests that run a whole login through the bindings: started
# from built binaries on loopback ports the OS picks, stopped by services_stop.
#
# Meant to be sourced (safe under `set -euo pipefail`):
#
#   . scripts/lib/services.sh
#   trap services_stop EXIT
#   services_start LABEL BIN_DIR LOG_DIR
#
# services_start exports WXLOGIN_TEST_SERVER_URL, WXLOGIN_TEST_SIM_URL and
# WXLOGIN_TEST_APP_ID, the variables the tests read. Logs: LOG_DIR/<name>.{out,log}.

WXLOGIN_SERVICE_PIDS=()

# services_start LABEL BIN_DIR LOG_DIR
services_start() {
  local label=$1 bin_dir=$2 logs=$3
  local app_id=wx0123456789abcdef app_secret=binding-test-secret sim_url server_url
  rm -rf "$logs"
  mkdir -p "$logs"
  service_start "$label" "$bin_dir" "$logs" wxlogin-sim --listen 127.0.0.1:0 --app "$app_id:$app_secret" || return 1
  sim_url=$REPLY
  # No captcha cooldown: the tests ask for several captchas within seconds. The
  # per-address limit is raised for the same reason (every request is from 127.0.0.1).
  service_start "$label" "$bin_dir" "$logs" wxlogin-server --listen 127.0.0.1:0 \
    --database-url "sqlite://$logs/server.db?mode=rwc" \
    --wechat-api-base "$sim_url" --wechat-app-id "$app_id" --wechat-app-secret "$app_secret" \
    --dev --captcha-cooldown-s 0 --captcha-per-ip-hour 1000 || return 1
  server_url=$REPLY
  echo "$label: simulator $sim_url, server $server_url" >&2
  export WXLOGIN_TEST_SERVER_URL=$server_url WXLOGIN_TEST_SIM_URL=$sim_url WXLOGIN_TEST_APP_ID=$app_id
}

# service_start LABEL BIN_DIR LOG_DIR NAME ARGS...: runs BIN_DIR/NAME ARGS... and sets
# REPLY to the URL of its ready line ("<name> listening on http://ADDR" on stdout).
service_start() {
  local label=$1 bin_dir=$2 logs=$3 name=$4 pid line i
  shift 4
  "$bin_dir/$name" "$@" >"$logs/$name.out" 2>"$logs/$name.log" &
  pid=$!
  WXLOGIN_SERVICE_PIDS+=("$pid")
  for ((i = 0; i < 300; i++)); do # 30 s
    line=$(grep -m1 "^$name listening on http://" "$logs/$name.out" 2>/dev/null || true)
    if [[ -n $line ]]; then
      REPLY=${line##* }
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$label: $name exited before it was ready:" >&2
      tail -n 40 "$logs/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "$label: $name not ready after 30 s:" >&2
  tail -n 40 "$logs/$name.log" >&2
  return 1
}

# services_stop: stops what services_start started (by pid) and waits for it.
services_stop() {
  local pid
  for pid in "${WXLOGIN_SERVICE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${WXLOGIN_SERVICE_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  WXLOGIN_SERVICE_PIDS=()
}
