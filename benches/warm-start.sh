#!/usr/bin/env bash
# benches/warm-start.sh BINARY STORE N [LOGDIR]
#
# Warm start to the full list, as docs/benchmarks.md measures it: `scan_ms` of the
# `scanned` line in FOLIO_LOG, folio in tmux at 120x40. The XDG_* dir is prepared as in
# benches/typing.sh (fresh temp dir, index built by `BINARY list --query river STORE`; or
# FOLIO_BENCH_XDG=DIR), then folio is started N times on it, one after the other; each
# run waits for `scanned` and `index up to date`, then quits with q.
# Prints one line per start (scan_ms, first frame, 1-min load), then the median of all
# starts and of starts 2..N. Each start's log is kept in LOGDIR (default: not kept).
set -u
if [ $# -lt 3 ]; then
    echo "usage: $0 BINARY STORE N [LOGDIR]" >&2
    exit 2
fi
BIN=$(readlink -f "$1")
STORE=$(readlink -f "$2")
N=$3
LOGDIR=${4:-}
[ -x "$BIN" ] || { echo "not executable: $BIN" >&2; exit 2; }
. "$(dirname "$(readlink -f "$0")")/support/tmux.sh"
trap cleanup_tmux EXIT

echo "binary: $BIN (md5 $(md5sum <"$BIN" | cut -c1-12))"
echo "store: $STORE"
echo "date: $(date -u +%FT%TZ)"
echo "load at start: $(loadavg)"
DIR=$(warm_xdg "$BIN" "$STORE") || exit 1
RC=$DIR/.folio-rc
[ -n "$LOGDIR" ] && mkdir -p "$LOGDIR"

all=() drawn=()
for ((k = 1; k <= N; k++)); do
    log=${LOGDIR:-$DIR}/start-$k.log
    : >"$log"
    sleep 1 # let the last run's exit settle
    l=$(load1)
    start_folio "$BIN" "$STORE" "$DIR" "$log" "$RC"
    if ! wait_log "$log" ' scanned ' 60; then
        echo "start $k: no 'scanned' line within 60 s" >&2
        exit 1
    fi
    wait_log "$log" 'index up to date' 60 || echo "start $k: warning: no 'index up to date' line" >&2
    sleep 0.3
    T send-keys -t folio q
    wait_exit 10 || { echo "start $k: folio did not quit within 10 s" >&2; exit 1; }
    scan=$(grep -m1 ' scanned ' "$log" | grep -oE 'scan_ms=[0-9]+' | cut -d= -f2)
    ff=$(grep -m1 'first frame' "$log" | grep -oE 'since_start_ms=[0-9]+' | cut -d= -f2)
    shown=$(grep -m1 'list complete' "$log" | grep -oE 'since_start_ms=[0-9]+' | cut -d= -f2)
    src=$(grep -qE 'listed from the index' "$log" && echo "listed from the index" || echo "scanned the files")
    printf 'start %d: scan_ms=%s  list_drawn_ms=%s  first_frame_ms=%s  (%s; exit %s; load1 %s at launch)\n' \
        "$k" "$scan" "${shown:-?}" "$ff" "$src" "$(cat "$RC" 2>/dev/null || echo '?')" "$l"
    all+=("$scan")
    drawn+=("${shown:-0}")
done

median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "scan_ms: ${all[*]}"
echo "list drawn (list complete, since_start_ms): ${drawn[*]}, median $(median "${drawn[@]}")"
echo "median scan_ms, all $N starts: $(median "${all[@]}")"
[ "$N" -gt 1 ] && echo "median scan_ms, starts 2..$N: $(median "${all[@]:1}")"
echo "load at end: $(loadavg)"
[ -z "${FOLIO_BENCH_XDG:-}" ] && rm -rf "$DIR"
exit 0
