# shellcheck shell=bash
# A private PostgreSQL cluster for the server's integration tests.
#
# Meant to be sourced (safe under `set -euo pipefail`):
#   . scripts/lib/postgres.sh; ensure_postgres; scripts/package-tests.sh wxlogin-server
#
# ensure_postgres installs Debian's `postgresql` package when the server binaries are
# missing, starts a throwaway cluster listening on 127.0.0.1 only, with a password role
# wxlogin/wxlogin that may create databases (each test creates its own), and exports
# WXLOGIN_TEST_POSTGRES_URL for server/tests/common/mod.rs. Running it again while the
# cluster is up only exports. It prints one line (to stderr) when it installs or starts
# something, nothing otherwise. stop_postgres stops the cluster. release_postgres is for
# the end of a run (an EXIT trap): if this shell's ensure_postgres started the cluster, it
# drops the test databases (wxt_*) and stops it; a cluster that was already up belongs to
# someone else and is left alone.
#
# Settings (environment):
#   WXLOGIN_PG_PORT  TCP port on 127.0.0.1, default 25432.
#   WXLOGIN_PG_DIR   where the cluster lives (data/, socket, log); see _pg_dir.
#
# Every command below ends in `|| return 1`: `set -e` is not in force inside a function
# called as `ensure_postgres && ...`, so failures have to be passed on by hand.

WXLOGIN_CACHE="${WXLOGIN_CACHE:-$HOME/.cache/wxlogin}"
export WXLOGIN_CACHE
# Below Linux's ephemeral range (32768-60999 by default): the previous default, 55432, was in
# it, and once a loopback connection of the step before happened to hold it as its local
# port, so the cluster could not bind ("Address already in use") and the run failed.
WXLOGIN_PG_PORT="${WXLOGIN_PG_PORT:-25432}"

# The newest /usr/lib/postgresql/<major>/bin holding the server (initdb and postgres),
# or nothing. A client-only install (postgresql-client) has psql there but no server.
_pg_bindir() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x $dir/initdb && -x $dir/postgres && -x $dir/pg_ctl ]] || continue
    if [[ -z $best ]] || [[ $(printf '%s\n%s\n' "$best" "$dir" | sort -V | tail -n1) == "$dir" ]]; then
      best=$dir
    fi
  done
  printf '%s' "$best"
}

# Runs a command as the cluster's owner: the `postgres` OS user when we are root
# (PostgreSQL refuses to run as root), ourselves otherwise. From `/`, so the owner
# need not be able to enter our working directory.
_pg_as() {
  if ((EUID == 0)); then
    (cd / && runuser -u postgres -- "$@")
  else
    (cd / && "$@")
  fi
}

# The cluster's directory. As root the cluster belongs to the `postgres` user, which
# usually cannot even enter root's $HOME (mode 0700 on Debian), so the cache dir is
# used only when postgres can reach it; otherwise /var/tmp/wxlogin-pg (/var/tmp is
# world-writable and survives reboots, unlike /tmp). The cache dir is created first,
# so that the answer does not change once tools.sh creates it later.
_pg_dir() {
  if [[ -n ${WXLOGIN_PG_DIR:-} ]]; then
    printf '%s' "$WXLOGIN_PG_DIR"
  elif ((EUID != 0)); then
    printf '%s' "$WXLOGIN_CACHE/pg-data"
  else
    mkdir -p "$WXLOGIN_CACHE" || return 1
    if runuser -u postgres -- test -x "$WXLOGIN_CACHE" 2>/dev/null; then
      printf '%s' "$WXLOGIN_CACHE/pg-data"
    else
      printf '%s' /var/tmp/wxlogin-pg
    fi
  fi
}

_pg_install() {
  if ((EUID != 0)); then
    echo "postgres: no PostgreSQL server under /usr/lib/postgresql; install Debian's postgresql package (as root: apt-get install postgresql)" >&2
    return 1
  fi
  echo "postgres: installing Debian's postgresql package" >&2
  local out
  # Output is kept only for the error case.
  if ! out=$(export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq 2>&1 && apt-get install -y -qq --no-install-recommends postgresql 2>&1); then
    printf '%s\n' "$out" >&2
    echo "postgres: apt-get install postgresql failed" >&2
    return 1
  fi
}

# psql as the cluster's owner over its private socket, reading SQL from stdin.
_pg_psql() {
  _pg_as "$1/psql" -X -q -v ON_ERROR_STOP=1 -h "$2" -p "$WXLOGIN_PG_PORT" -d postgres
}

# Every database the tests created (server/tests/common/mod.rs names them wxt_*). WITH
# (FORCE) ends connections a killed test process may have left behind.
_pg_drop_test_databases() {
  _pg_psql "$1" "$2" >/dev/null <<'EOF'
SELECT format('DROP DATABASE %I WITH (FORCE)', datname) FROM pg_database WHERE datname LIKE 'wxt\_%' \gexec
EOF
}

# The URL the tests use; wxlogin may connect to the `postgres` database and create others.
_pg_export() {
  export WXLOGIN_TEST_POSTGRES_URL="postgres://wxlogin:wxlogin@127.0.0.1:$WXLOGIN_PG_PORT/postgres"
}

ensure_postgres() {
  local bin dir data out
  bin=$(_pg_bindir)
  if [[ -z $bin ]]; then
    _pg_install || return 1
    bin=$(_pg_bindir)
    [[ -n $bin ]] || { echo "postgres: installed, but no server binaries under /usr/lib/postgresql/*/bin" >&2; return 1; }
  fi

  # Already up (ours, or another session's on the same port): only export.
  if "$bin/pg_isready" -q -h 127.0.0.1 -p "$WXLOGIN_PG_PORT" -t 2; then
    _pg_export
    return 0
  fi

  dir=$(_pg_dir) || return 1
  data="$dir/data"
  if ((EUID == 0)); then
    { mkdir -p "$dir" && chown postgres:postgres "$dir"; } || return 1
  else
    mkdir -p "$dir" || return 1
  fi

  # A cluster made by another major version cannot be started by this one; it only
  # ever holds test databases, so start over.
  if [[ -f $data/PG_VERSION && $(cat "$data/PG_VERSION") != "$(basename "$(dirname "$bin")")" ]]; then
    _pg_as rm -rf "$data" || return 1
  fi

  echo "postgres: starting a private cluster in $dir on 127.0.0.1:$WXLOGIN_PG_PORT" >&2
  _WXLOGIN_PG_STARTED=1
  if [[ ! -f $data/PG_VERSION ]]; then
    # Peer authentication on the private socket (for the setup below), passwords over TCP.
    if ! out=$(_pg_as "$bin/initdb" -D "$data" -E UTF8 --locale=C \
      --auth-local=peer --auth-host=scram-sha-256 2>&1); then
      printf '%s\n' "$out" >&2
      echo "postgres: initdb failed" >&2
      return 1
    fi
    # The socket goes into our own dir, not /run/postgresql (a system cluster's). No
    # durability: the cluster holds nothing but test databases, and fsync makes every
    # test's CREATE DATABASE slow.
    _pg_as tee -a "$data/postgresql.conf" >/dev/null <<EOF || return 1

# wxlogin test cluster (scripts/lib/postgres.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi

  # The port is given at each start, so WXLOGIN_PG_PORT can change without a new cluster.
  if ! _pg_as "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -w -t 60 -s \
    -o "-p $WXLOGIN_PG_PORT" start >/dev/null; then
    tail -n 20 "$dir/postgres.log" >&2
    echo "postgres: pg_ctl start failed (log: $dir/postgres.log)" >&2
    return 1
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$WXLOGIN_PG_PORT" && break
    sleep 0.5
  done
  if ((i == 60)); then
    echo "postgres: the cluster does not accept connections (log: $dir/postgres.log)" >&2
    return 1
  fi

  # The test role (again at every start: cheap, and repairs a changed password), and
  # the databases earlier test runs left behind: none can be in use, as the cluster was
  # down, and each holds a copy of template1.
  if ! out=$(_pg_psql "$bin" "$dir" 2>&1 <<'EOF'
SELECT 'CREATE ROLE wxlogin' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'wxlogin') \gexec
ALTER ROLE wxlogin LOGIN CREATEDB PASSWORD 'wxlogin';
EOF
  ) || ! _pg_drop_test_databases "$bin" "$dir"; then
    printf '%s\n' "$out" >&2
    echo "postgres: creating the wxlogin role failed" >&2
    return 1
  fi
  _pg_export
}

stop_postgres() {
  local bin dir
  bin=$(_pg_bindir)
  dir=$(_pg_dir) || return 1
  [[ -n $bin && -f $dir/data/postmaster.pid ]] || return 0
  if _pg_as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "postgres: stopping the private cluster in $dir" >&2
    _pg_as "$bin/pg_ctl" -D "$dir/data" -w -s -m fast stop || return 1
  fi
}

release_postgres() {
  [[ ${_WXLOGIN_PG_STARTED:-} == 1 ]] || return 0
  local bin dir
  bin=$(_pg_bindir)
  dir=$(_pg_dir) || return 1
  _pg_drop_test_databases "$bin" "$dir" || echo "postgres: dropping the test databases failed" >&2
  stop_postgres
  _WXLOGIN_PG_STARTED=
}
