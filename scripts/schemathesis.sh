#!/usr/bin/env bash
# Fuzzes the reference server against server/openapi.yaml with schemathesis (PyPI): the
# wxlogin-sim and wxlogin-server binaries run on loopback (SQLite, --dev), schemathesis
# sends generated and mutated requests to every documented route, signed in with a real
# session, and fails on any 5xx, any status the document does not list for the route,
# a wrong content type or missing Allow on 405, and a method not refused with 405.
#
#   scripts/schemathesis.sh                  # bounded: 25 examples a route, ~90 s in all
#   WXLOGIN_SCHEMATHESIS_MAX_TIME=300 scripts/schemathesis.sh -n 200
#
# Extra arguments go to `schemathesis run`. Both processes are stopped on exit, also
# on failure; their logs are shown when the run fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. scripts/lib/tools.sh
ensure_schemathesis

app_id=wxfuzz0123456789ab
secret=fuzz-app-secret-0123456789
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

scripts/build-workspace.sh
target=$(cargo metadata -q --format-version 1 --no-deps |
  "$(dirname "$WXLOGIN_SCHEMATHESIS")/python" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')

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
    echo "schemathesis: $name did not start" >&2
    cat "$work/$name.log" >&2
    return 1
  fi
  url=${line#"$prefix"}
}

start sim "wxlogin-sim listening on " "$target/debug/wxlogin-sim" \
  --listen 127.0.0.1:0 --app "$app_id:$secret"
sim=$url
start server "wxlogin-server listening on " "$target/debug/wxlogin-server" \
  --listen 127.0.0.1:0 --database-url "sqlite://$work/fuzz.db?mode=rwc" \
  --wechat-api-base "$sim" --wechat-app-id "$app_id" --wechat-app-secret "$secret" --dev \
  --public-url http://127.0.0.1 --wechat-web-base "$sim" \
  --website-app-id wxfuzzweb0123456789 --website-app-secret fuzz-web-secret-0123456789 \
  --oa-app-id wxfuzzoa01234567890 --oa-app-secret fuzz-oa-secret-0123456789 \
  --mp-verify-token LZajyYxePcus2bkd
base=$url

# The web channels' routes are fuzzed too: their public URL is never visited (no login
# reaches WeChat's redirect), so any loopback origin does.
# A real session for the routes behind a token (phone login through the dev SMS).
token=$("$(dirname "$WXLOGIN_SCHEMATHESIS")/python" - "$base" <<'PY'
import sys, requests
base, mobile = sys.argv[1], "13900000000"
requests.post(f"{base}/v1/captcha", json={"mobile": mobile, "purpose": "login"}).raise_for_status()
captcha = requests.get(f"{base}/dev/sms", params={"mobile": mobile}).json()["captcha"]
answer = requests.post(f"{base}/v1/auth/phone", json={"mobile": mobile, "captcha": captcha})
answer.raise_for_status()
print(answer.json()["data"]["token"])
PY
)

checks=not_a_server_error,status_code_conformance,content_type_conformance
checks+=,response_headers_conformance,unsupported_method,allow_header_conformance
max_time=${WXLOGIN_SCHEMATHESIS_MAX_TIME:-90}
# fuzz SECONDS FILTER...: one bounded run over the routes FILTER selects.
fuzz() {
  local seconds=$1
  shift
  # From the scratch dir: schemathesis keeps a cache in its working directory.
  (cd "$work" && "$WXLOGIN_SCHEMATHESIS" run "$root/server/openapi.yaml" --url "$base" \
    --checks "$checks" --max-examples 25 --max-time "$seconds" \
    --workers 2 --seed 1 --request-timeout 20 \
    -H "Authorization: Bearer $token" "$@")
}
# Logout and resume end or rotate the session: they run last, so that the other routes
# behind a token are fuzzed signed in.
session_routes='^/v1/auth/(logout|resume)$'
if ! fuzz $((max_time * 2 / 3)) --exclude-path-regex "$session_routes" "$@" ||
  ! fuzz $((max_time / 3)) --include-path-regex "$session_routes" "$@"; then
  echo "schemathesis: failed; server log:" >&2
  tail -n 50 "$work/server.log" >&2
  exit 1
fi
