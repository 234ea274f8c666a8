#!/usr/bin/env bash
# Runs one workspace package's test binaries from the shared build (scripts/build-workspace.sh),
# each in the package's directory as `cargo test` would:
#
#   scripts/package-tests.sh wxlogin-server          every test of the server's suite
#   scripts/package-tests.sh wxlogin-server -- rate  libtest arguments after --
#
# Why not `cargo test -p PACKAGE`: it resolves features for that package alone, which means
# another build of the shared dependencies and of the package (see build-workspace.sh); the
# test command runs the server's suite a second time on PostgreSQL this way.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
(($#)) || { echo "usage: $0 PACKAGE [-- libtest args]" >&2; exit 2; }
package=$1
shift
[[ ${1:-} == -- ]] && shift

"$root/scripts/build-workspace.sh"
# "<manifest dir> <executable>" per test binary of the package, from cargo's own build plan.
mapfile -t binaries < <(
  cargo test --quiet --manifest-path "$root/Cargo.toml" --workspace --no-run --message-format=json |
    python3 -c '
import json, sys

def name(package_id):
    # path+file:///…/server#wxlogin-server@0.1.0, or …/uniffi-bindgen#0.1.0 when the
    # package is named like its directory.
    location, _, fragment = package_id.rpartition("#")
    return fragment.rpartition("@")[0] if "@" in fragment else location.rpartition("/")[2]

for line in sys.stdin:
    msg = json.loads(line)
    if (msg.get("reason") == "compiler-artifact" and msg.get("executable")
            and msg["profile"]["test"] and name(msg["package_id"]) == sys.argv[1]):
        print(msg["manifest_path"].rpartition("/")[0], msg["executable"])
' "$package"
)
((${#binaries[@]})) || { echo "package-tests: no test binaries for package $package" >&2; exit 2; }

failed=()
for entry in "${binaries[@]}"; do
  dir=${entry%% *}
  exe=${entry#* }
  printf 'package-tests: %s\n' "$(basename "$exe")"
  (cd "$dir" && "$exe" --quiet "$@") || failed+=("$(basename "$exe")")
done
if ((${#failed[@]})); then
  echo "package-tests: $package: ${#failed[@]} of ${#binaries[@]} test binaries failed: ${failed[*]}" >&2
  exit 1
fi
echo "package-tests: $package: ${#binaries[@]} test binaries passed"
