#!/usr/bin/env bash
# Login benchmark of wxlogin-server (server/examples/login_bench.rs): full WeChat logins
# (simulator authorize, then POST /v1/auth/wechat) for a new identity and for a returning
# bound user, the forced phone binding between them, and GET /v1/health for comparison,
# on each database backend. Prints figures; asserts nothing about timing.
#
#   scripts/bench-server.sh                          # 16 in flight, 2000 per phase
#   scripts/bench-server.sh --concurrency 32 --count 5000
#   scripts/bench-server.sh --wechat-latency-ms 30   # WeChat 30 ms away, as from a server in China
#
# Arguments go to login_bench (see `--help` there). Backends, in order, from
# WXLOGIN_BENCH_BACKENDS (default "sqlite postgres"):
#   sqlite      a temp SQLite file, as the server opens it by default
#   postgres    a fresh database on the cluster of scripts/lib/postgres.sh
#               (ensure_postgres), or on WXLOGIN_TEST_POSTGRES_URL if that is set and
#               the library is missing; skipped with a message when neither is there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

backends=${WXLOGIN_BENCH_BACKENDS:-sqlite postgres}
results=$(mktemp)
out=$(mktemp)
trap 'rm -f "$results" "$out"' EXIT

echo "== building login_bench (release)"
cargo build --quiet --release -p wxlogin-server --example login_bench

failed=()
skipped=()

# run_bench LABEL [login_bench args...]: runs one backend, shows its report, keeps its
# tsv lines.
run_bench() {
  local label=$1
  shift
  printf '\n== %s\n' "$label"
  if cargo run --quiet --release -p wxlogin-server --example login_bench -- \
    --tsv --label "$label" "$@" >"$out"; then
    :
  else
    failed+=("$label")
  fi
  grep -v '^tsv' "$out" || true
  grep '^tsv' "$out" >>"$results" || true
}

# The admin URL of a PostgreSQL server, on stdout; nothing (and a message) if none.
postgres_url() {
  if [[ -f scripts/lib/postgres.sh ]]; then
    # shellcheck source-path=SCRIPTDIR source=lib/postgres.sh
    . scripts/lib/postgres.sh
    if ! ensure_postgres >&2; then
      echo "postgres: ensure_postgres failed" >&2
      return 0
    fi
  elif [[ -z ${WXLOGIN_TEST_POSTGRES_URL:-} ]]; then
    echo "postgres: scripts/lib/postgres.sh does not exist yet and WXLOGIN_TEST_POSTGRES_URL is unset" >&2
    return 0
  fi
  printf '%s' "${WXLOGIN_TEST_POSTGRES_URL:-}"
}

for backend in $backends; do
  case $backend in
    sqlite) run_bench sqlite "$@" ;;
    postgres)
      url=$(postgres_url)
      if [[ -n $url ]]; then
        run_bench postgres --postgres-admin-url "$url" "$@"
      else
        printf '\n== postgres: skipped (no PostgreSQL server)\n'
        skipped+=(postgres)
      fi
      ;;
    *)
      echo "unknown backend $backend (want sqlite, postgres)" >&2
      exit 2
      ;;
  esac
done

printf '\n== summary (server-call latency; throughput in completed operations/s)\n'
printf '%-12s %-24s %10s %10s %10s %7s %12s\n' backend phase "ops/s" "p50 ms" "p99 ms" errors "WeChat/op"
while IFS=$'\t' read -r _ label phase rate p50 p99 errors calls; do
  printf '%-12s %-24s %10s %10s %10s %7s %12s\n' "$label" "$phase" "$rate" "$p50" "$p99" "$errors" "$calls"
done <"$results"
echo "(…/health rows: login ÷ health; throughput, p50, p99. WeChat/op: calls to the simulator's"
echo " WeChat API and avatars per operation, including work the server does after answering."
echo " The in-process WeChat simulator's HTTP work, and --wechat-latency-ms, are part of every"
echo " login. The private PostgreSQL cluster of scripts/lib/postgres.sh runs with fsync=off;"
echo " the server opens SQLite in WAL mode with synchronous=NORMAL.)"
if ((${#skipped[@]})); then
  echo "skipped: ${skipped[*]}"
fi
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
