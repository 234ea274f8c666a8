# shellcheck shell=bash
# A throw-away Debian chroot for tools the host's release does not package (the Swift
# toolchain: trixie's `swiftlang` needs a newer glibc than bookworm's). debootstrap
# fetches the suite into a tree of its own; the system's apt sources are never touched.
#
# Meant to be sourced (safe under `set -euo pipefail`):
#
#   . scripts/lib/chroot.sh
#   trap chroot_release EXIT; trap 'exit 130' INT; trap 'exit 143' TERM
#   chroot_ensure swift trixie swiftlang libc6-dev   # sets CHROOT_DIR, mounts /proc
#   chroot_bind "$root" /src ro                      # the checkout, read-only
#   chroot_run sh -c 'cd /src && ...'
#
# The tree is built once with debootstrap + apt-get and cached as a zstd tarball under
# $WXLOGIN_CACHE/chroot, named by a hash of what is in it (suite, packages, this recipe),
# so changing the package list builds a new one. Every run unpacks a fresh copy into a
# private work dir under $WXLOGIN_CHROOT_WORK (default $TMPDIR, else /tmp): nothing a
# run leaves inside (build output, a crashed test's files) reaches the next one.
#
# chroot_release (run it from the EXIT trap, also on failure) stops what still runs
# inside, unmounts everything under the tree and deletes it, but never deletes while
# /proc/mounts still lists a mount under it: a bind-mounted checkout would go with it.

WXLOGIN_CACHE="${WXLOGIN_CACHE:-$HOME/.cache/wxlogin}"
WXLOGIN_DEBIAN_MIRROR="${WXLOGIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# Bump when the recipe below changes what ends up in the tarball.
WXLOGIN_CHROOT_RECIPE=1

CHROOT_DIR=""

# chroot_ensure NAME SUITE PACKAGE...: a fresh tree with PACKAGEs installed, /proc
# mounted; sets CHROOT_DIR. Prints what it downloads or unpacks, to stderr.
chroot_ensure() {
  local name=$1 suite=$2
  shift 2
  local key tarball
  key=$(printf '%s\n' "recipe=$WXLOGIN_CHROOT_RECIPE" "$suite" minbase "$(printf '%s\n' "$@" | sort -u)" |
    sha256sum | cut -c1-16)
  tarball="$WXLOGIN_CACHE/chroot/$name-$suite-$key.tar.zst"
  [[ -f $tarball ]] || chroot_build "$tarball" "$suite" "$@" || return 1

  local work="${WXLOGIN_CHROOT_WORK:-${TMPDIR:-/tmp}}"
  mkdir -p "$work"
  chroot_reap_stale "$work/wxlogin-chroot-$name"
  CHROOT_DIR=$(chroot_mktemp "$work/wxlogin-chroot-$name") || return 1
  echo "chroot: unpacking $(basename "$tarball") into $CHROOT_DIR" >&2
  chroot_interruptible tar -C "$CHROOT_DIR" -I 'zstd -T0' -xpf "$tarball" || return 1
  mount -t proc proc "$CHROOT_DIR/proc"
}

# chroot_build TARBALL SUITE PACKAGE...: debootstrap, install, pack. Built beside the
# cache and renamed into place, so an interrupted build never leaves a tarball that
# chroot_ensure would take for a good one. Other tarballs of the same name (an old
# package list) are deleted once the new one is in place.
chroot_build() {
  local tarball=$1 suite=$2
  shift 2
  command -v debootstrap >/dev/null || {
    echo "chroot: installing debootstrap (apt-get)" >&2
    { apt-get update -qq && apt-get install -y -qq --no-install-recommends debootstrap; } >&2 || return 1
  }
  command -v zstd >/dev/null || apt-get install -y -qq --no-install-recommends zstd >&2 || return 1
  mkdir -p "$(dirname "$tarball")"
  chroot_reap_stale "$tarball.build"
  local started=$SECONDS downloaded
  CHROOT_DIR=$(chroot_mktemp "$tarball.build") || return 1
  echo "chroot: debootstrap --variant=minbase $suite (once; cached as $(basename "$tarball"))" >&2
  chroot_interruptible debootstrap --variant=minbase "$suite" "$CHROOT_DIR" "$WXLOGIN_DEBIAN_MIRROR" >"$CHROOT_DIR.log" 2>&1 || {
    tail -n 20 "$CHROOT_DIR.log" >&2
    return 1
  }
  cp /etc/resolv.conf "$CHROOT_DIR/etc/resolv.conf"
  mount -t proc proc "$CHROOT_DIR/proc" || return 1
  echo "chroot: apt-get install $*" >&2
  chroot_run sh -c 'apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@"' \
    sh "$@" >>"$CHROOT_DIR.log" 2>&1 || {
    tail -n 20 "$CHROOT_DIR.log" >&2
    return 1
  }
  # The packages fetched (debootstrap's and apt-get's .debs) plus the package lists.
  downloaded=$(du -cb "$CHROOT_DIR"/var/cache/apt/archives/*.deb "$CHROOT_DIR"/var/lib/apt/lists | tail -n1 | cut -f1)
  chroot_run apt-get clean
  umount "$CHROOT_DIR/proc" || return 1
  rm -rf "$CHROOT_DIR"/var/lib/apt/lists/* "$CHROOT_DIR/etc/resolv.conf"
  chroot_interruptible tar -C "$CHROOT_DIR" -I 'zstd -T0' -cpf "$tarball.tmp" . || return 1
  local old
  for old in "${tarball%-*}"-*.tar.zst; do
    [[ $old == "$tarball" || ! -f $old ]] || rm -f "$old"
  done
  mv "$tarball.tmp" "$tarball"
  echo "chroot: built in $((SECONDS - started)) s: $((downloaded / 1000000)) MB downloaded," \
    "$(du -sh "$CHROOT_DIR" | cut -f1) tree, $(du -h "$tarball" | cut -f1) tarball" >&2
  chroot_release
}

# chroot_mktemp PREFIX: a new empty dir PREFIX.XXXXXX (symlinks resolved, as
# /proc/mounts shows it) and PREFIX.XXXXXX.pid naming this shell, for
# chroot_reap_stale. Refuses paths with blanks, which /proc/mounts escapes.
chroot_mktemp() {
  local dir
  dir=$(realpath "$(mktemp -d "$1.XXXXXX")") || return 1
  if [[ $dir == *[[:space:]]* ]]; then
    echo "chroot: $dir: a path with blanks is not supported" >&2
    rmdir "$dir"
    return 1
  fi
  echo $$ >"$dir.pid"
  echo "$dir"
}

# chroot_bind SOURCE DEST [ro]: bind-mounts the host's SOURCE at DEST inside the tree.
chroot_bind() {
  local dest="$CHROOT_DIR/${2#/}"
  mkdir -p "$dest"
  mount --bind "$1" "$dest" || return 1
  if [[ ${3:-} == ro ]]; then
    mount -o remount,bind,ro "$dest" || return 1
  fi
}

# chroot_run CMD...: CMD inside the tree, as root, with a clean environment except
# for the variables named in CHROOT_PASS_ENV (space-separated); stopped after
# CHROOT_TIMEOUT seconds when that is set.
chroot_run() {
  local env=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 TERM=dumb)
  local var limit=()
  for var in ${CHROOT_PASS_ENV:-}; do
    env+=("$var=${!var-}")
  done
  # --foreground: timeout stays in this process group, so Ctrl-C reaches the command
  # too (what survives a timeout inside the tree, chroot_release stops).
  [[ -z ${CHROOT_TIMEOUT:-} ]] || limit=(timeout --foreground --kill-after=10 "$CHROOT_TIMEOUT")
  chroot_interruptible "${limit[@]}" env -i "${env[@]}" chroot "$CHROOT_DIR" "$@"
}

# chroot_interruptible CMD...: CMD, waited for in a way a signal can interrupt. Bash
# runs a trap only after the foreground command ends; `wait` returns at once, so a
# TERM to this shell cleans up now instead of after a minutes-long build.
chroot_interruptible() {
  "$@" &
  wait "$!"
}

# chroot_mounts_under DIR: the mount points /proc/mounts lists at or under DIR.
chroot_mounts_under() {
  awk -v dir="$1" '$2 == dir || index($2, dir "/") == 1 { print $2 }' /proc/mounts
}

# chroot_kill_inside DIR: stops every process whose root is DIR (only ours live
# there), rescanning until none is left: a dying build tool may still start new ones.
# TERM first, KILL after 5 s.
chroot_kill_inside() {
  local dir=$1 proc pids i signal=TERM
  for ((i = 0; i < 100; i++)); do
    pids=()
    for proc in /proc/[0-9]*; do
      # -ef: the same directory (device and inode), without a readlink per process.
      [[ $proc/root -ef $dir ]] && pids+=("${proc#/proc/}")
    done
    ((${#pids[@]})) || return 0
    ((i < 50)) || signal=KILL
    kill -s "$signal" "${pids[@]}" 2>/dev/null || true
    sleep 0.1
  done
  echo "chroot: processes still running in $dir: ${pids[*]}" >&2
  return 1
}

# chroot_free DIR: stops what runs inside DIR, unmounts everything under it (deepest
# first), and deletes it, but only once /proc/mounts lists nothing under it any more.
chroot_free() {
  local dir=$1 mount_point
  chroot_kill_inside "$dir"
  while read -r mount_point; do
    umount "$mount_point" || true
  done < <(chroot_mounts_under "$dir" | sort -r)
  if [[ -n $(chroot_mounts_under "$dir") ]]; then
    echo "chroot: NOT deleting $dir, still mounted under it:" >&2
    chroot_mounts_under "$dir" >&2
    return 1
  fi
  rm -rf "$dir" "$dir.pid" "$dir.log"
}

# chroot_release: chroot_free for this run's tree. Safe to call twice, and before
# chroot_ensure.
chroot_release() {
  [[ -n $CHROOT_DIR ]] || return 0
  chroot_free "$CHROOT_DIR" || return 1
  CHROOT_DIR=""
}

# chroot_reap_stale PREFIX: trees of earlier runs that were killed before their trap
# could run (SIGKILL, a power cut): their owner's pid is gone. Released like our own.
chroot_reap_stale() {
  local stale owner
  for stale in "$1".*; do
    [[ -d $stale && $stale != *.pid ]] || continue
    owner=$(cat "$stale.pid" 2>/dev/null || true)
    [[ -n $owner ]] && kill -0 "$owner" 2>/dev/null && continue
    echo "chroot: removing $stale, left by a run that did not finish" >&2
    chroot_free "$stale" || return 1
  done
}
