#!/usr/bin/env bash
# benches/live.sh BINARY STORE N
#
# How long a change to the store takes to reach folio's screen while it runs, as
# docs/benchmarks.md ("The store while folio runs") measures it. The XDG_* dir is
# prepared as in benches/typing.sh (FOLIO_BENCH_XDG=DIR to reuse one); folio runs in tmux
# at 120x40 with FOLIO_LOG; once the index is up to date, N times: a new article is
# written into STORE/folio-live-bench/ (a title no other article has), and the time is
# taken until capture-pane shows its title (polled every 10 ms); then the file is deleted
# and the time taken until the title is gone. Prints each figure and the medians.
# The folder is removed at the end.
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 BINARY STORE N" >&2
    exit 2
fi
BIN=$(readlink -f "$1")
STORE=$(readlink -f "$2")
N=$3
. "$(dirname "$(readlink -f "$0")")/support/tmux.sh"
BENCH_DIR="$STORE/folio-live-bench"
trap 'cleanup_tmux; rm -rf "$BENCH_DIR"' EXIT

echo "binary: $BIN (md5 $(md5sum <"$BIN" | cut -c1-12))"
echo "store: $STORE"
echo "date: $(date -u +%FT%TZ)"
DIR=$(warm_xdg "$BIN" "$STORE") || exit 1
LOG=$DIR/.live.log
: >"$LOG"
mkdir -p "$BENCH_DIR"
start_folio "$BIN" "$STORE" "$DIR" "$LOG" "$DIR/.folio-rc"
wait_log "$LOG" ' scanned ' 120 || { echo "no 'scanned' line" >&2; exit 1; }
wait_log "$LOG" 'index up to date' 600 || { echo "no 'index up to date' line" >&2; exit 1; }
sleep 1

# ms until `want` (1: shown, 0: gone) holds for the title, polling capture-pane.
until_screen() {
    local title=$1 want=$2 t0=$3 now
    while :; do
        if T capture-pane -p -t folio | grep -q "$title"; then shown=1; else shown=0; fi
        now=$(date +%s%N)
        [ "$shown" = "$want" ] && break
        [ $(((now - t0) / 1000000)) -gt 20000 ] && { echo "timeout"; return; }
        sleep 0.01
    done
    echo $(((now - t0) / 1000000))
}

ADDED=() GONE=()
for i in $(seq 1 "$N"); do
    title="Zqxlive$i arrives"
    t0=$(date +%s%N)
    printf '# %s\n\nDate: 2099-01-0%s\n\nA benchmark article.\n' "$title" "$((i % 9 + 1))" >"$BENCH_DIR/live-$i.md"
    ms=$(until_screen "$title" 1 "$t0")
    ADDED+=("$ms")
    sleep 0.5
    t0=$(date +%s%N)
    rm "$BENCH_DIR/live-$i.md"
    gone=$(until_screen "$title" 0 "$t0")
    GONE+=("$gone")
    echo "run $i: shown after $ms ms, gone after $gone ms"
    sleep 0.5
done
T send-keys -t folio q
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median: shown after $(median "${ADDED[@]}") ms, gone after $(median "${GONE[@]}") ms"
