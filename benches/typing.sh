#!/usr/bin/env bash
# benches/typing.sh BINARY STORE LOGFILE
#
# Keystroke latency of folio's filter bar, as docs/benchmarks.md ("Start, memory and
# typing") measures it:
#   - XDG_* in a fresh temp dir whose cache holds an up-to-date index of STORE (built first
#     with `BINARY list --query river STORE`; set FOLIO_BENCH_XDG=DIR to use DIR instead),
#   - `BINARY STORE` in `tmux new-session -d -x 120 -y 40` (a private tmux socket) with
#     FOLIO_LOG=LOGFILE (LOGFILE is emptied first),
#   - wait for the `scanned` line (the full list) and the `index up to date` line (the
#     background check of the index, so it does not compete with the typing),
#   - `/`, then three queries typed one character every 100 ms with `tmux send-keys -l`,
#     Ctrl-U between them (DeleteToStart: the bar is cleared), 1 s after each query,
#   - Ctrl-U, Escape (leave the bar, empty, so no later run restores the query), q (quit).
# Then from the log: p50/p99/max/mean of handle_us+draw_us over the `event` lines of the
# typed keys (action=Insert(..)), nearest-rank percentiles (with 56 keys, p99 = the
# largest but none = the max); the same over every key event (/, the typed keys and the
# Ctrl-Us, as the docs' "59 keystrokes" count them); and scan_ms of the `scanned` line.
# Per-key figures go to LOGFILE.keys.tsv.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 BINARY STORE LOGFILE" >&2
    exit 2
fi
BIN=$(readlink -f "$1")
STORE=$(readlink -f "$2")
LOG=$(readlink -f "$3")
[ -x "$BIN" ] || { echo "not executable: $BIN" >&2; exit 2; }
. "$(dirname "$(readlink -f "$0")")/support/tmux.sh"
trap cleanup_tmux EXIT

QUERIES=('growth date:2005' '"interest rates" -bank' 'title:oil price 東京')
CHAR_DELAY=0.1

echo "binary: $BIN (md5 $(md5sum <"$BIN" | cut -c1-12))"
echo "store: $STORE"
echo "date: $(date -u +%FT%TZ)"
echo "load at start: $(loadavg)"
DIR=$(warm_xdg "$BIN" "$STORE") || exit 1
RC=$DIR/.folio-rc

: >"$LOG"
echo "load before launch: $(loadavg)"
start_folio "$BIN" "$STORE" "$DIR" "$LOG" "$RC"
wait_log "$LOG" ' scanned ' 60 || { echo "no 'scanned' line within 60 s" >&2; exit 1; }
wait_log "$LOG" 'index up to date' 60 || echo "warning: no 'index up to date' line within 60 s" >&2
sleep 0.5

T send-keys -t folio /
sleep 0.3
n=0
for q in "${QUERIES[@]}"; do
    if [ $n -gt 0 ]; then
        T send-keys -t folio C-u
        sleep 0.5
    fi
    for ((i = 0; i < ${#q}; i++)); do
        T send-keys -t folio -l -- "${q:i:1}"
        sleep "$CHAR_DELAY"
    done
    sleep 1
    n=$((n + 1))
done
T capture-pane -p -t folio | head -1 | sed 's/  */ /g; s/^/last screen, filter bar: /'
echo "load after typing: $(loadavg)"
# The bar emptied before leaving, so the next run in the same XDG dir does not start
# on this query (folio restores the last filter).
T send-keys -t folio C-u
sleep 0.3
T send-keys -t folio Escape
sleep 0.3
T send-keys -t folio q
wait_exit 10 || { echo "folio did not quit within 10 s" >&2; exit 1; }
echo "exit code: $(cat "$RC" 2>/dev/null || echo '?')"

# per key: kind, action, handle_us, draw_us, total
awk '
    / event / {
        a = $0; sub(/.* action=/, "", a); sub(/ handle_us=.*/, "", a)
        match($0, /handle_us=[0-9]+/); h = substr($0, RSTART + 10, RLENGTH - 10)
        match($0, /draw_us=[0-9]+/);   d = substr($0, RSTART + 8, RLENGTH - 8)
        kind = (a ~ /^Insert\(/) ? "insert" : "other"
        printf "%s\t%s\t%d\t%d\t%d\n", kind, a, h, d, h + d
    }' "$LOG" >"$LOG.keys.tsv"

stats() { # stats LABEL < totals (one per line)
    sort -n | awk -v label="$1" '
        { v[NR] = $1; s += $1 }
        function rank(p,  r) { r = int(p * NR); if (r < p * NR) r++; if (r < 1) r = 1; return v[r] }
        END {
            if (NR == 0) { printf "%s: no events\n", label; exit }
            printf "%s: n=%d  p50 %.2f ms  p99 %.2f ms  max %.2f ms  mean %.2f ms\n",
                label, NR, rank(0.5) / 1000, rank(0.99) / 1000, v[NR] / 1000, s / NR / 1000
        }'
}
expected=0
for q in "${QUERIES[@]}"; do expected=$((expected + ${#q})); done
ninsert=$(grep -c '^insert' "$LOG.keys.tsv")
[ "$ninsert" -eq "$expected" ] || echo "warning: $ninsert Insert events, $expected characters sent" >&2
awk -F'\t' '$1 == "insert" { print $5 }' "$LOG.keys.tsv" | stats "typed keys (Insert), handle_us+draw_us"
awk -F'\t' '$2 != "FilterLeave" { print $5 }' "$LOG.keys.tsv" | stats "all key events but Esc (/, Insert, Ctrl-U)"
echo "scanned: $(grep -m1 ' scanned ' "$LOG" | sed 's/.*INFO scanned //')"
echo "first frame: $(grep -m1 'first frame' "$LOG" | sed 's/.*first frame //')"
echo "load at end: $(loadavg)"
[ -z "${FOLIO_BENCH_XDG:-}" ] && rm -rf "$DIR"
exit 0
