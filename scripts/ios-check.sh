#!/usr/bin/env bash
# What can be checked of the iOS side without Xcode (runs on Linux and macOS):
#
#   scripts/ios-check.sh [SAMPLE_DIR]     SAMPLE_DIR defaults to ios-sample
#
# 1. Swift syntax (tree-sitter, scripts/check-swift.py --self-test) of every .swift file
#    under bindings/swift and SAMPLE_DIR. Syntax only: nothing is type-checked or compiled.
# 2. The sample's Info.plist and entitlements (the files project.yml's INFOPLIST_FILE and
#    CODE_SIGN_ENTITLEMENTS name) are well-formed plists with what WeChat login needs,
#    $(VARIABLES) expanded from project.yml's build settings:
#    - LSApplicationQueriesSchemes contains weixin, weixinULAPI, weixinURLParamsAPI
#    - a CFBundleURLSchemes entry that is the AppID (wx...), equal to WxLoginAppID
#    - WxLoginUniversalLink is https, and its host is an applinks: entry of
#      com.apple.developer.associated-domains
# Exits 1 on the first failing part.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sample=${1:-ios-sample}
[ -f "$sample/project.yml" ] || { echo "ios-check: no $sample/project.yml" >&2; exit 1; }

# shellcheck source-path=SCRIPTDIR source=lib/tools.sh
. "$root/scripts/lib/tools.sh"
ensure_treesitter
"$WXLOGIN_PY" scripts/check-swift.py --self-test bindings/swift "$sample"

python3 - "$sample" <<'EOF'
import plistlib
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

sample = Path(sys.argv[1])
# project.yml's build settings: `KEY: value` lines with an upper-case key.
settings = {
    key: value.strip().strip('"')
    for key, value in re.findall(r"^\s+([A-Z][A-Z0-9_]*):[ \t]*([^\n#]*)", (sample / "project.yml").read_text(), re.M)
}
errors = []


def expand(value):
    if not isinstance(value, str):
        errors.append(f"expected a string, found {value!r}")
        return ""
    out = re.sub(r"\$\(([A-Za-z0-9_]+)\)", lambda m: settings.get(m.group(1), m.group(0)), value)
    if "$(" in out:
        errors.append(f"{value}: build setting not defined in project.yml")
    return out


def load(setting):
    if setting not in settings:
        errors.append(f"project.yml: no {setting}")
        return {}
    path = sample / settings[setting]
    try:
        with open(path, "rb") as f:
            plist = plistlib.load(f)
    except Exception as e:  # OSError, InvalidFileException, ExpatError ...
        errors.append(f"{path}: not a readable plist ({e})")
        return {}
    if not isinstance(plist, dict):
        errors.append(f"{path}: top level is not a dictionary")
        return {}
    return plist


info = load("INFOPLIST_FILE")
entitlements = load("CODE_SIGN_ENTITLEMENTS")

queries = {expand(s) for s in info.get("LSApplicationQueriesSchemes", [])}
missing = {"weixin", "weixinULAPI", "weixinURLParamsAPI"} - queries
if missing:
    errors.append(f"Info.plist: LSApplicationQueriesSchemes lacks {', '.join(sorted(missing))}")

url_schemes = [
    expand(scheme)
    for url_type in info.get("CFBundleURLTypes", [])
    for scheme in url_type.get("CFBundleURLSchemes", [])
]
app_id = expand(info.get("WxLoginAppID", ""))
if not any(re.fullmatch(r"wx[0-9A-Za-z]+", s) for s in url_schemes):
    errors.append(f"Info.plist: no CFBundleURLTypes scheme wx<AppID> (schemes: {url_schemes})")
elif app_id not in url_schemes:
    errors.append(f"Info.plist: the URL scheme must be the AppID {app_id!r} (schemes: {url_schemes})")

link = urlsplit(expand(info.get("WxLoginUniversalLink", "")))
domains = [expand(d) for d in entitlements.get("com.apple.developer.associated-domains", [])]
applinks = {d[len("applinks:"):].split("?")[0] for d in domains if d.startswith("applinks:")}
if not applinks:
    errors.append("entitlements: no applinks: entry in com.apple.developer.associated-domains")
if link.scheme != "https" or not link.hostname:
    errors.append(f"Info.plist: WxLoginUniversalLink {link.geturl()!r} is not an https URL")
elif applinks and link.hostname not in applinks:
    errors.append(f"the universal link's host {link.hostname} is not in applinks ({', '.join(sorted(applinks))})")

for error in errors:
    print(f"ios-check: {error}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"ios plists: ok (AppID {app_id}, universal link {link.geturl()}, applinks {', '.join(sorted(applinks))})")
EOF
