#!/usr/bin/env bash
# Browser tests: headless Chromium (Debian's `chromium` package) driven by playwright-core
# (npm, pinned in web-tests/package-lock.json) through Node's built-in test runner, against
# the wxlogin-sim and wxlogin-server binaries started here. Screenshots of every page go to web-report/.
#
#   scripts/web-test.sh [node --test args...]     e.g. --test-name-pattern 'QR login'
#
# Installs what is missing (chromium and a CJK font through apt, playwright-core through `npm ci` with
# its cache under $WXLOGIN_CACHE/npm) and stops everything it started, also on failure.
# Ends with the line "web: N passed, N failed".
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source-path=SCRIPTDIR source=lib/services.sh
. scripts/lib/services.sh

WXLOGIN_CACHE="${WXLOGIN_CACHE:-$HOME/.cache/wxlogin}"
export WXLOGIN_CACHE
CHROMIUM=/usr/bin/chromium

# A CJK font too: without one the screenshots show the Chinese text as empty boxes.
packages=()
[[ -x $CHROMIUM ]] || packages+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || packages+=(fonts-wqy-microhei)
if ((${#packages[@]} > 0)); then
  echo "web-test: installing ${packages[*]} from Debian's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

# `npm ci` again only when the lock file changed: a stamp in node_modules holds the copy
# it was installed from.
stamp=web-tests/node_modules/.wxlogin-package-lock.json
if ! cmp -s web-tests/package-lock.json "$stamp" 2>/dev/null; then
  echo "web-test: npm ci (playwright-core) in web-tests/" >&2
  (cd web-tests && npm_config_update_notifier=false npm ci --cache "$WXLOGIN_CACHE/npm" \
    --prefer-offline --no-audit --no-fund --loglevel=error >/dev/null)
  cp web-tests/package-lock.json "$stamp"
fi

scripts/build-workspace.sh

work=$(mktemp -d)
node_pid=
# Playwright starts Chromium in a process group of its own and kills it when the test
# process exits; should a test process die first, whatever still runs with a profile under
# $work is ours and is stopped here.
cleanup() {
  if [[ -n $node_pid ]]; then
    kill -TERM -- "-$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  local leftover
  leftover=$(pgrep -f -- "$work/" || true)
  if [[ -n $leftover ]]; then
    # shellcheck disable=SC2086 # one pid per word
    kill -TERM $leftover 2>/dev/null || true
  fi
  stop_services
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One open-platform account: the mobile app, the website app and an official account share
# a person's unionid; a second official account is not bound to it (no unionid). The web
# apps' authorized domain is 127.0.0.1, where the servers and the tests' relying party listen.
mobile_app=wxMobileTest0001:mobile-test-secret
website_app=wxWebTest0000001:web-test-secret
official_account=wxOaTest00000001:oa-test-secret
official_no_unionid=wxOaNoUnion00001:oa-no-union-secret
mp_verify_token=WebTestVerify0123
SERVICE_LABEL=web-test SERVICE_BIN_DIR=target/debug SERVICE_LOG_DIR=$work
start_service wxlogin-sim --listen 127.0.0.1:0 --app "$mobile_app" \
  --website-app "$website_app:127.0.0.1" --official-account "$official_account:127.0.0.1" \
  --official-account "$official_no_unionid:127.0.0.1:-"
sim_url=$REPLY

# start_server NAME OA_APP [WEBSITE_APP]: a --dev server on its own SQLite file; sets REPLY.
start_server() {
  local name=$1 oa=$2 website=${3:-} port
  # Chosen before the server starts: its --public-url (the callbacks' redirect_uri) names it.
  port=$(free_port)
  SERVICE_LOG_DIR=$work/$name
  mkdir -p "$SERVICE_LOG_DIR"
  local web_args=(--oa-app-id "${oa%%:*}" --oa-app-secret "${oa#*:}")
  if [[ -n $website ]]; then
    web_args+=(--website-app-id "${website%%:*}" --website-app-secret "${website#*:}")
  fi
  # No captcha cooldown and a high per-address limit: every test binds a phone from 127.0.0.1.
  start_service wxlogin-server --listen "127.0.0.1:$port" \
    --database-url "sqlite://$SERVICE_LOG_DIR/server.db?mode=rwc" \
    --wechat-api-base "$sim_url" --wechat-web-base "$sim_url" \
    --wechat-app-id "${mobile_app%%:*}" --wechat-app-secret "${mobile_app#*:}" \
    "${web_args[@]}" --public-url "http://127.0.0.1:$port" --mp-verify-token "$mp_verify_token" \
    --dev --captcha-cooldown-s 0 --captcha-per-ip-hour 100000
}
start_server server "$official_account" "$website_app"
server_url=$REPLY
start_server server-no-unionid "$official_no_unionid"
server_no_unionid_url=$REPLY

export WXLOGIN_WEB_SIM_URL=$sim_url WXLOGIN_WEB_CHROMIUM=$CHROMIUM \
  WXLOGIN_WEB_WEBSITE_APP=$website_app WXLOGIN_WEB_OFFICIAL_ACCOUNT=$official_account \
  WXLOGIN_WEB_OFFICIAL_ACCOUNT_NO_UNIONID=$official_no_unionid WXLOGIN_WEB_MOBILE_APP=$mobile_app \
  WXLOGIN_WEB_SERVER_URL=$server_url WXLOGIN_WEB_SERVER_NO_UNIONID_URL=$server_no_unionid_url \
  WXLOGIN_WEB_MP_VERIFY_TOKEN=$mp_verify_token
export WXLOGIN_WEB_REPORT_DIR=$root/web-report
rm -rf "$WXLOGIN_WEB_REPORT_DIR"
mkdir -p "$WXLOGIN_WEB_REPORT_DIR" "$work/tmp"

# One test file at a time (each test runs a browser; the machine has 2 cores), and no test
# longer than 2 minutes (a hung page fails instead of holding the test command). The spec
# reporter is for people, the TAP copy for the closing count.
status=0
(cd web-tests && TMPDIR=$work/tmp exec setsid node --test --test-concurrency=1 --test-timeout=120000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$work/results.tap" \
  "$@" ./*.test.mjs) &
node_pid=$!
wait "$node_pid" || status=$?
node_pid=
passed=$(sed -n 's/^# pass //p' "$work/results.tap" | tail -n 1)
failed=$(sed -n 's/^# fail //p' "$work/results.tap" | tail -n 1)
if ((status != 0)); then
  echo "web-test: simulator log:" >&2
  tail -n 20 "$work/wxlogin-sim.log" >&2 || true
  for log in "$work"/server*/wxlogin-server.log; do
    echo "web-test: $log:" >&2
    tail -n 20 "$log" >&2 || true
  done
fi
echo "screenshots: $(find "$WXLOGIN_WEB_REPORT_DIR" -name '*.png' | wc -l) in web-report/"
echo "web: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
