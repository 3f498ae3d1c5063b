#!/usr/bin/env bash
# Times a cold `folio list` of STORE against `rg -c -F` over the same files, in one
# hyperfine run, so the two figures come from the same machine state.
# Usage: benches/compare-rg.sh STORE [RUNS]
set -euo pipefail
store=${1:?usage: benches/compare-rg.sh STORE [RUNS]}
runs=${2:-10}
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_CACHE_HOME=$tmp
hyperfine -N --ignore-failure --warmup 2 --runs "$runs" \
    "target/release/folio list $store" \
    "rg -c -F somestring $store"
