#!/usr/bin/env bash
# Times a cold `folio list` of STORE against `rg -c -F` over the same files, in one
# hyperfine run, so the two figures come from the same machine state; prints the
# medians and their ratio.
# Usage: benches/compare-rg.sh STORE [RUNS]
set -euo pipefail
store=${1:?usage: benches/compare-rg.sh STORE [RUNS]}
runs=${2:-20}
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_CACHE_HOME=$tmp
hyperfine -N --ignore-failure --warmup 3 --runs "$runs" --export-json "$tmp/times.json" \
    "target/release/folio list $store" \
    "rg -c -F somestring $store"
python3 - "$tmp/times.json" <<'PY'
import json, sys
folio, rg = json.load(open(sys.argv[1]))["results"]
print(f"median: folio list {folio['median'] * 1000:.0f} ms, rg -c {rg['median'] * 1000:.0f} ms, "
      f"ratio {folio['median'] / rg['median']:.2f}")
PY
