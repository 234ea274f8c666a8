#!/usr/bin/env bash
# Points the third-party Python SDK wechatpy at the wxlogin-sim binary: code exchange,
# refresh, /sns/auth, /sns/userinfo and WeChat's errors through wechatpy's own handling.
#
#   scripts/wechatpy-test.sh [pytest args...]     e.g. -k expired -v
#
# wechatpy and pytest live in their own venv under $WXLOGIN_CACHE, keyed by the pins
# below (a stamp file), so a second run touches no network and changing a pin rebuilds it.
set -euo pipefail

cd "$(dirname "$0")/.."

WXLOGIN_CACHE="${WXLOGIN_CACHE:-$HOME/.cache/wxlogin}"
export WXLOGIN_CACHE

# The whole closure is pinned, not just the two direct requirements: wechatpy 1.8.x
# declares loose dependencies and imports its crypto module (cryptography or
# pycryptodome) on `import wechatpy`, so an unpinned resolve could change under us.
WECHATPY_PINS=(
  wechatpy==1.8.18
  cryptography==50.0.2 cffi==2.1.1 pycparser==3.12
  requests==2.34.2 urllib3==2.8.0 idna==3.20 charset-normalizer==3.5.2 certifi==2026.10.18
  six==1.17.0 optionaldict==0.1.2 python-dateutil==4.0.0 xmltodict==1.0.4 tzdata==2026.6
  pytest==9.2.0 pluggy==1.7.0 iniconfig==2.3.1 packaging==26.3 Pygments==2.21.0
)

venv="$WXLOGIN_CACHE/venv-wechatpy"
stamp="$venv/wxlogin-pins.txt"
want="${WECHATPY_PINS[*]}"
if [[ ! -x $venv/bin/python || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "wechatpy-test: installing $want from PyPI" >&2
  rm -rf "$venv"
  python3 -m venv "$venv" || {
    echo "wechatpy-test: python3 -m venv failed (Debian: apt-get install python3-venv)" >&2
    exit 1
  }
  "$venv/bin/pip" install -q --disable-pip-version-check \
    --cache-dir "$WXLOGIN_CACHE/pip" "${WECHATPY_PINS[@]}" >&2
  printf '%s\n' "$want" >"$stamp"
fi

# The test fixture builds too; doing it here first keeps compile errors out of pytest's
# fixture-error output and its time out of the test timings.
scripts/build-workspace.sh

# No __pycache__ / .pyc next to the tests.
export PYTHONDONTWRITEBYTECODE=1
exec "$venv/bin/python" -m pytest sim/tests/python "$@"
