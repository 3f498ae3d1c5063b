#!/usr/bin/env bash
# benches/pages.sh BINARY STORE N [LOGDIR]
#
# The reader on a store of saved web pages (made by benches/gen-pages.py), as
# docs/benchmarks.md measures it, folio in tmux at 120x40 with FOLIO_LOG:
#  1. a first start on an empty cache: when the full list is drawn (`list complete`,
#     every page read) and when the index is built (`index up to date`), both from the
#     start. A second after the start, `harbour` is typed into the filter, a key every
#     150 ms: how long each key took to handle and draw shows whether the reader stays
#     usable meanwhile, and when the filter's first matches and whole answer came.
#  2. N warm starts on the index that start built: `list complete` each, and the median.
# Each start's log is kept in LOGDIR (default: not kept).
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 BINARY STORE N" >&2
    exit 2
fi
BIN=$(readlink -f "$1")
STORE=$(readlink -f "$2")
N=$3
[ -x "$BIN" ] || { echo "not executable: $BIN" >&2; exit 2; }
. "$(dirname "$(readlink -f "$0")")/support/tmux.sh"
DIR=$(mktemp -d /tmp/folio-bench-pages.XXXXXX)
LOGDIR=${4:-}
trap 'cleanup_tmux; [ -n "$LOGDIR" ] && mkdir -p "$LOGDIR" && cp "$DIR"/*.log "$LOGDIR"/; rm -rf "$DIR"' EXIT
RC=$DIR/.folio-rc

echo "binary: $BIN (md5 $(md5sum <"$BIN" | cut -c1-12))"
echo "store: $STORE ($(find "$STORE" -type f | wc -l) files, $(du -sh "$STORE" | cut -f1))"
echo "date: $(date -u +%FT%TZ)"

# Milliseconds from the start (the first frame's time less its since_start_ms) to the
# first line of LOG matching REGEX.
since_start() {
    python3 - "$1" "$2" <<'PY'
import re, sys
from datetime import datetime
log, pattern = sys.argv[1], re.compile(sys.argv[2])
def at(line):
    return datetime.strptime(line[:26], "%Y-%m-%dT%H:%M:%S.%f")
start = None
for line in open(log):
    if start is None and " first frame " in line:
        start = at(line).timestamp() * 1000 - int(re.search(r"since_start_ms=(\d+)", line).group(1))
    elif start is not None and pattern.search(line):
        print(round(at(line).timestamp() * 1000 - start))
        break
PY
}

log=$DIR/first.log
: >"$log"
echo "load at first start: $(loadavg)"
start_folio "$BIN" "$STORE" "$DIR" "$log" "$RC"
wait_log "$log" ' first frame ' 30 || { echo "no first frame" >&2; exit 1; }
sleep 1
T send-keys -t folio /
WORD=harbour
for ((i = 0; i < ${#WORD}; i++)); do
    sleep 0.15
    T send-keys -t folio -l "${WORD:i:1}"
done
if ! wait_log "$log" 'index up to date' 1200; then
    echo "no 'index up to date' within 1200 s" >&2
    exit 1
fi
wait_log "$log" 'results shown query="harbour"' 60
echo "first start: list complete at $(since_start "$log" 'list complete') ms, index up to date at $(since_start "$log" 'index up to date') ms"
echo "  the typed keys, each handled and drawn (us): $(grep -oE "Insert\('.'\) handle_us=[0-9]+ draw_us=[0-9]+" "$log" | sed -E 's/.*handle_us=([0-9]+) draw_us=([0-9]+)/\1+\2/' | tr '\n' ' ')"
echo "  the filter's first matches at $(since_start "$log" 'filtered matches=') ms, its whole answer at $(since_start "$log" 'results shown query="harbour"') ms"
T send-keys -t folio Escape Escape q
wait_exit 10 || T kill-server

all=()
for ((k = 1; k <= N; k++)); do
    log=$DIR/warm-$k.log
    : >"$log"
    sleep 1
    l=$(load1)
    start_folio "$BIN" "$STORE" "$DIR" "$log" "$RC"
    if ! wait_log "$log" 'list complete' 60 || ! wait_log "$log" 'index up to date' 120; then
        echo "start $k: no full list within 60 s" >&2
        exit 1
    fi
    ms=$(sed -n 's/.*list complete.*since_start_ms=\([0-9]*\).*/\1/p' "$log" | head -1)
    echo "warm start $k: list complete at ${ms} ms (load $l)"
    all+=("$ms")
    T send-keys -t folio q
    wait_exit 10 || T kill-server
done
printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; print "warm start median: " m " ms of " NR}'
