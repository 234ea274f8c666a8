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
# Each binary prints "<name> listening on http://ADDR" on stdout once it accepts
# connections; its stdout and stderr go to $SERVICE_LOG_DIR/<name>.{out,log}.

service_pids=()

# start_service NAME ARGS...: runs $SERVICE_BIN_DIR/NAME ARGS... and sets REPLY to the
# URL of its ready line. Fails (after printing the log's tail) if NAME exits first or
# is not ready within 30 s.
start_service() {
  local name=$1 pid line i
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
      echo "services: $name exited before it was ready:" >&2
      tail -n 40 "$SERVICE_LOG_DIR/$name.log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "services: $name not ready after 30 s:" >&2
  tail -n 40 "$SERVICE_LOG_DIR/$name.log" >&2
  return 1
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
