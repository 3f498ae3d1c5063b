#!/usr/bin/env bash
# benches/memory.sh BINARY STORE XDGDIR
#
# Peak memory of the reader, as docs/benchmarks.md ("Memory") measures it: folio in tmux
# at 120x40 under `/usr/bin/time -v`, its XDG_* folders all XDGDIR (an empty one: the
# first build; one with an up-to-date index: a warm start), until FOLIO_LOG says
# `index up to date`; then `q`. Prints the peak resident set size, the wall time, and
# the largest RssAnon and RssFile seen in /proc/PID/status (sampled every 0.5 s).
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 BINARY STORE XDGDIR" >&2
    exit 2
fi
BIN=$(readlink -f "$1")
STORE=$(readlink -f "$2")
DIR=$3
mkdir -p "$DIR"
. "$(dirname "$(readlink -f "$0")")/support/tmux.sh"
trap cleanup_tmux EXIT
LOG=$DIR/.memory.log
TIMES=$DIR/.memory.time
: >"$LOG"
T new-session -d -x 120 -y 40 -s folio \
    "env FOLIO_LOG=$(printf %q "$LOG") XDG_CONFIG_HOME=$DIR XDG_DATA_HOME=$DIR XDG_CACHE_HOME=$DIR XDG_STATE_HOME=$DIR /usr/bin/time -v -o $(printf %q "$TIMES") $(printf %q "$BIN") $(printf %q "$STORE")"
PID=
for _ in $(seq 1 100); do
    PID=$(pgrep -f -n "^$BIN $STORE\$") && break
    sleep 0.05
done
[ -n "$PID" ] || { echo "folio did not start" >&2; exit 1; }
anon=0 file=0
while [ -d "/proc/$PID" ] && ! grep -q 'index up to date' "$LOG"; do
    a=$(awk '/RssAnon/{print $2}' "/proc/$PID/status" 2>/dev/null)
    f=$(awk '/RssFile/{print $2}' "/proc/$PID/status" 2>/dev/null)
    [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
    [ -n "$f" ] && [ "$f" -gt "$file" ] && file=$f
    sleep 0.5
done
sleep 1
T send-keys -t folio q
wait_exit 30 || echo "warning: folio did not quit within 30 s" >&2
grep -E "Maximum resident|Elapsed" "$TIMES"
echo "largest RssAnon: $anon kB, largest RssFile: $file kB"
