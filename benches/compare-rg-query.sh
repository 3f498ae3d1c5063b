#!/usr/bin/env bash
# Times a warm `folio list --query WORD` (index built and up to date; every file still
# checked by size and mtime) against `rg -l -i WORD` over the same store, in one
# hyperfine run; prints the medians and their ratio.
# Usage: benches/compare-rg-query.sh STORE [WORD] [RUNS]
set -euo pipefail
store=${1:?usage: benches/compare-rg-query.sh STORE [WORD] [RUNS]}
word=${2:-river}
runs=${3:-15}
cd "$(dirname "$0")/.."
cargo build --release --quiet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp XDG_DATA_HOME=$tmp XDG_CACHE_HOME=$tmp XDG_STATE_HOME=$tmp
TIMEFORMAT='first run (builds the index): %R s'
time target/release/folio list --query "$word" "$store" > /dev/null
hyperfine -N --warmup 3 --runs "$runs" --export-json "$tmp/times.json" \
    "target/release/folio list --query $word $store" \
    "rg -l -i $word $store"
python3 - "$tmp/times.json" <<'PY'
import json, sys
folio, rg = json.load(open(sys.argv[1]))["results"]
print(f"median: folio list --query {folio['median'] * 1000:.0f} ms, rg -l -i {rg['median'] * 1000:.0f} ms, "
      f"ratio {folio['median'] / rg['median']:.2f}")
PY
