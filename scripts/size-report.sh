#!/usr/bin/env bash
# Prints the stripped release size of the core's shared library: for the host, and
# for aarch64-unknown-linux-gnu as the stand-in for Android arm64 (same ISA; the NDK
# is not installable here). Installs the rustup target and Debian's cross linker
# when they are missing.
#
#   scripts/size-report.sh                 the shipped profile (Cargo.toml)
#   scripts/size-report.sh --compare-opt   also opt-level "s" vs "z", for the README table
#
# It builds the cdylib alone (`cargo rustc --crate-type cdylib`): only then does cargo
# pass `-C lto` to the core crate. `cargo build` builds core's three crate types (lib,
# cdylib, staticlib) in one rustc call without `-C lto`, because an rlib cannot be
# LTO'd, and the .so it leaves is about a third larger (variant `no-lto` below).
#   scripts/size-report.sh --compare-http [VARIANT...]
#                                          one HTTP-stack choice at a time against the
#                                          shipped configuration (all variants when none
#                                          is named), as a Markdown table
#
# --compare-http never touches the real core/Cargo.toml: each variant is built from a
# temporary copy of the workspace (sources only, no target/ and no .git) in which
# core/Cargo.toml, and where a choice needs code, core/src/api/client.rs, are edited;
# `pre-http` is `git archive` of the last commit before reqwest entered the core. Each
# variant has its own target dir, target/size-compare/<variant>, so nothing is reused
# between variants (a full variant takes minutes per triple on two cores). Variants:
#
#   pre-http           the core before the HTTP stack
#   current            the shipped configuration, as in core/Cargo.toml
#   aws-lc-rs          rustls on aws-lc-rs instead of ring (webpki roots, HTTP/2)
#   no-roots           ring, no bundled roots at all: the size of webpki-roots by difference
#   native-roots       ring, rustls-native-certs instead of webpki-roots
#   platform-verifier  ring, rustls-platform-verifier (OS verifier) instead of webpki-roots;
#                      on Linux it is native-certs + webpki, on Android JNI, on iOS Security
#   no-http2           ring, webpki roots, HTTP/1.1 only
#   multi-thread       async-compat's `multi-thread` feature: tokio's multi-thread scheduler
#                      for the fallback runtime (the shipped one is current_thread)
#   opt-z              the shipped configuration at opt-level "z"
#   http1-z            ring, webpki roots, HTTP/1.1 only, opt-level "z" (no-http2 + opt-z)
#   verifier-http1     ring, rustls-platform-verifier, HTTP/1.1 only, opt-level "s"
#   no-lto             the shipped configuration built by plain `cargo build` (all three
#                      crate types at once, which leaves the core crate without LTO)
#
# The aarch64 figures move in steps of 64 KiB (the linker aligns segments to 64 KiB
# pages), so a choice worth less than that may show as 0 or as a full step there; the
# host figure is the finer one. Differences are against `current` when it is built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

cross=aarch64-unknown-linux-gnu
linker=aarch64-linux-gnu-gcc

ensure_cross() {
  rustup target list --installed | grep -qx "$cross" || rustup target add "$cross" >&2
  if ! command -v "$linker" >/dev/null; then
    echo "size-report: installing gcc-aarch64-linux-gnu from Debian" >&2
    apt-get update -qq >&2 && apt-get install -y -qq gcc-aarch64-linux-gnu >/dev/null
  fi
}

# Builds into a separate target dir per variant so a comparison never reuses the
# artifacts of another opt-level.
measure() { # label target-triple|host opt-level
  local label=$1 triple=$2 opt=$3 lib
  local dir=target/size-$opt
  local args=(rustc --release -q -p wxlogin-core --lib --crate-type cdylib --target-dir "$dir")
  if [ "$triple" = host ]; then
    lib=$dir/release/libwxlogin_core.so
  else
    args+=(--target "$triple")
    lib=$dir/$triple/release/libwxlogin_core.so
  fi
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=$linker cargo "${args[@]}"
  local bytes
  bytes=$(stat -c %s "$lib")
  printf '%-28s opt-level=%s  %9d bytes  (%s KiB)\n' "$label" "$opt" "$bytes" "$((bytes / 1024))"
}

# --- --compare-http -----------------------------------------------------------------

all_variants=(pre-http current aws-lc-rs no-roots native-roots platform-verifier no-http2
  multi-thread opt-z http1-z verifier-http1 no-lto)

describe() {
  case $1 in
    pre-http) echo "before the HTTP stack" ;;
    current) echo "shipped: ring, webpki-roots, HTTP/2, current_thread, \`s\`" ;;
    aws-lc-rs) echo "aws-lc-rs instead of ring" ;;
    no-roots) echo "no bundled roots (webpki-roots' share)" ;;
    native-roots) echo "rustls-native-certs instead of webpki-roots" ;;
    platform-verifier) echo "rustls-platform-verifier instead of webpki-roots" ;;
    no-http2) echo "HTTP/2 off" ;;
    multi-thread) echo "tokio multi_thread runtime (async-compat \`multi-thread\`)" ;;
    opt-z) echo "opt-level \`z\`" ;;
    http1-z) echo "HTTP/2 off and opt-level \`z\`" ;;
    verifier-http1) echo "ring, platform verifier, HTTP/1.1, current_thread, \`s\`" ;;
    no-lto) echo "shipped, built by plain \`cargo build\` (no LTO)" ;;
    *) return 1 ;;
  esac
}

# The reqwest line of core/Cargo.toml, replaced by a variant (plus extra dependencies).
set_deps() { # copy lines...
  local copy=$1
  shift
  local file=$copy/core/Cargo.toml
  grep -q '^reqwest = ' "$file" || { echo "size-report: no reqwest line in core/Cargo.toml" >&2; exit 1; }
  local replacement
  replacement=$(printf '%s\\n' "$@")
  sed -i "s|^reqwest = .*|${replacement%\\n}|" "$file"
}

reqwest_with() { # features (a TOML array body)
  echo "reqwest = { version = \"0.12\", default-features = false, features = [$1] }"
}

# Code the variant needs so that what it adds is really linked (a provider nobody calls
# would be removed by LTO and measure as free).
patch_client() { # copy builder-prefix function-text
  local file=$1/core/src/api/client.rs
  grep -q 'let http = reqwest::Client::builder()' "$file" \
    || { echo "size-report: client.rs no longer has the builder line to patch" >&2; exit 1; }
  sed -i "s|let http = reqwest::Client::builder()|$2|" "$file"
  printf '\n%s\n' "$3" >>"$file"
}

prepare() { # variant copy-dir
  local variant=$1 copy=$2
  if [ "$variant" = pre-http ]; then
    local first
    first=$(git log --format=%H --reverse -S'reqwest' -- core/Cargo.toml | head -n1)
    [ -n "$first" ] || { echo "size-report: no commit adds reqwest to core/Cargo.toml" >&2; exit 1; }
    git archive "$first^" | tar -x -C "$copy"
    return
  fi
  tar -c --exclude=./target --exclude=./.git . | tar -x -C "$copy"
  case $variant in
    current | opt-z | no-lto) ;;
    aws-lc-rs)
      set_deps "$copy" "$(reqwest_with '"rustls-tls-webpki-roots-no-provider", "http2"')" \
        'rustls = { version = "0.23", default-features = false, features = ["aws_lc_rs", "std", "tls12"] }'
      patch_client "$copy" \
        'let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();\n        let http = reqwest::Client::builder()' ''
      ;;
    no-roots) set_deps "$copy" "$(reqwest_with '"rustls-tls-manual-roots", "http2"')" ;;
    native-roots) set_deps "$copy" "$(reqwest_with '"rustls-tls-native-roots", "http2"')" ;;
    platform-verifier | verifier-http1)
      local http2='"http2"' alpn='b"h2".to_vec(), b"http/1.1".to_vec()'
      if [ "$variant" = verifier-http1 ]; then http2='' alpn='b"http/1.1".to_vec()'; fi
      set_deps "$copy" "$(reqwest_with "\"rustls-tls-manual-roots\"${http2:+, $http2}")" \
        'rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12"] }' \
        'rustls-platform-verifier = "0.6"'
      patch_client "$copy" \
        'let http = reqwest::Client::builder().use_preconfigured_tls(size_report_tls()?)' \
        "fn size_report_tls() -> Result<rustls::ClientConfig> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map_err(|e| Error::Internal(format!(\"TLS: {e}\")))?
        .with_no_client_auth();
    config.alpn_protocols = vec![$alpn];
    Ok(config)
}"
      ;;
    no-http2 | http1-z) set_deps "$copy" "$(reqwest_with '"rustls-tls"')" ;;
    multi-thread)
      set_deps "$copy" "$(grep '^reqwest = ' core/Cargo.toml)" \
        'async-compat = { version = "0.2", features = ["multi-thread"] }'
      ;;
    *) echo "size-report: unknown variant $variant" >&2; exit 1 ;;
  esac
}

build_variant() { # variant copy-dir triple|host -> prints bytes
  local variant=$1 copy=$2 triple=$3 opt=s
  case $variant in opt-z | http1-z) opt=z ;; esac
  local dir=$root/target/size-compare/$variant
  # Only the cdylib, so that cargo passes `-C lto` (see the top of this file).
  local args=(rustc --release -q -p wxlogin-core --lib --crate-type cdylib
    --manifest-path "$copy/Cargo.toml" --target-dir "$dir")
  if [ "$variant" = no-lto ]; then
    args=(build --release -q -p wxlogin-core --manifest-path "$copy/Cargo.toml" --target-dir "$dir")
  fi
  local lib=$dir/release/libwxlogin_core.so
  if [ "$triple" != host ]; then
    args+=(--target "$triple")
    lib=$dir/$triple/release/libwxlogin_core.so
  fi
  rm -f "$lib"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt CARGO_PROFILE_RELEASE_STRIP=true \
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=$linker cargo "${args[@]}" >&2
  stat -c %s "$lib"
}

commas() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }

cell() { # bytes [reference-bytes]
  local kib
  kib=$(awk -v b="$1" 'BEGIN { printf "%.0f", b / 1024 }')
  if [ -n "${2:-}" ] && [ "$1" != "$2" ]; then
    printf "%s B (%s KiB, %+d KiB)" "$(commas "$1")" "$kib" "$(((($1 - $2) + ($1 > $2 ? 512 : -512)) / 1024))"
  else
    printf "%s B (%s KiB)" "$(commas "$1")" "$kib"
  fi
}

compare_http() {
  local variants=("$@")
  [ ${#variants[@]} -gt 0 ] || variants=("${all_variants[@]}")
  for v in "${variants[@]}"; do describe "$v" >/dev/null || {
    echo "size-report: unknown variant $v (one of: ${all_variants[*]})" >&2
    exit 1
  }; done
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  # The shipped configuration is the reference of the differences, so it goes first.
  local ordered=() v
  for v in "${variants[@]}"; do [ "$v" = current ] && ordered+=(current); done
  for v in "${variants[@]}"; do [ "$v" = current ] || ordered+=("$v"); done
  local ref_host='' ref_cross='' host_bytes cross_bytes
  printf '| variant | host %s | %s |\n|---|---|---|\n' "$(uname -m)" "$cross"
  for v in "${ordered[@]}"; do
    echo "size-report: building $v" >&2
    mkdir -p "$scratch/$v"
    prepare "$v" "$scratch/$v"
    host_bytes=$(build_variant "$v" "$scratch/$v" host)
    cross_bytes=$(build_variant "$v" "$scratch/$v" "$cross")
    printf '| %s: %s | %s | %s |\n' "$v" "$(describe "$v")" "$(cell "$host_bytes" "$ref_host")" \
      "$(cell "$cross_bytes" "$ref_cross")"
    if [ "$v" = current ]; then ref_host=$host_bytes ref_cross=$cross_bytes; fi
  done
}

ensure_cross
case ${1:-} in
  --compare-http)
    shift
    compare_http "$@"
    exit
    ;;
esac
shipped=$(sed -n '/^\[profile.release\]/,/^\[/s/^opt-level *= *"\(.*\)"/\1/p' Cargo.toml)
opts=("$shipped")
[ "${1:-}" = --compare-opt ] && opts=(s z)
for opt in "${opts[@]}"; do
  measure "host ($(uname -m))" host "$opt"
  measure "$cross" "$cross" "$opt"
done
