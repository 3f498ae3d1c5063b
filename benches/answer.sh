#!/usr/bin/env bash
# benches/answer.sh STORE OUTDIR RUNS BINARY:XDGDIR...
#
# "Key → final answer" (issue 15): the time from a key typed into the filter bar to the
# frame that shows the whole answer to the text typed, as folio logs it
# (`results shown query="…" matches=N key_to_frame_us=N`, timed from the key that asked
# for the query shown).
#   - Each BINARY runs with its own XDG_* folder XDGDIR, whose cache holds an up-to-date
#     index of STORE (brought up to date first with `BINARY list --query river STORE`).
#   - RUNS rounds; in each, every binary in turn (interleaved): `BINARY STORE` in a
#     private tmux server at 120x40 with FOLIO_LOG, wait for the `index up to date` line
#     and 1 s more, `/`, then TYPINGS times: type QUERY one character every 150 ms
#     (`tmux send-keys -l`), wait until its answer is shown (at most 20 s) and 0.5 s
#     more, Ctrl-U (the bar cleared), 1 s; then Esc and q.
# Then, per binary, n, p50, p90, p99 (nearest rank) and max of key_to_frame_us: over the
# answers shown for a typed text (not the empty bar after Ctrl-U), each timed from the
# key that asked for it; over every key that asked for a query, timed to the frame that
# showed its answer or a later one (folio logs `results shown for an earlier key` for
# the keys whose own answer was never shown); and over the answers to the whole QUERY.
# The logs stay in OUTDIR.
# QUERY (default `prime minister date:2020`), TYPINGS (default 3) and KEY_DELAY
# (default 0.15) may be set in the environment.
set -u
if [ $# -lt 4 ]; then
    echo "usage: $0 STORE OUTDIR RUNS BINARY:XDGDIR..." >&2
    exit 2
fi
STORE=$(readlink -f "$1")
OUT=$2
RUNS=$3
shift 3
QUERY=${QUERY:-prime minister date:2020}
TYPINGS=${TYPINGS:-3}
KEY_DELAY=${KEY_DELAY:-0.15}
mkdir -p "$OUT"
OUT=$(readlink -f "$OUT")
. "$(dirname "$(readlink -f "$0")")/support/tmux.sh"
trap cleanup_tmux EXIT

echo "store: $STORE; query: $QUERY; $TYPINGS typings a run, $KEY_DELAY s a key; $RUNS runs"
echo "date: $(date -u +%FT%TZ); load: $(loadavg)"
for pair in "$@"; do
    bin=$(readlink -f "${pair%%:*}")
    dir=${pair#*:}
    echo "binary: $bin (md5 $(md5sum <"$bin" | cut -c1-12)), XDG $dir"
    FOLIO_BENCH_XDG=$dir warm_xdg "$bin" "$STORE" >/dev/null || exit 1
done

# one_run BINARY XDGDIR LOG: one session of typing.
one_run() {
    local bin=$1 dir=$2 log=$3 rc=$2/.folio-rc t i
    : >"$log"
    start_folio "$bin" "$STORE" "$dir" "$log" "$rc"
    wait_log "$log" 'index up to date' 600 || { echo "no 'index up to date' line" >&2; return 1; }
    sleep 1
    T send-keys -t folio /
    sleep 0.3
    for ((t = 0; t < TYPINGS; t++)); do
        for ((i = 0; i < ${#QUERY}; i++)); do
            T send-keys -t folio -l -- "${QUERY:i:1}"
            sleep "$KEY_DELAY"
        done
        for ((i = 0; i < 400; i++)); do
            [ "$(grep -cF "results shown query=\"$QUERY\"" "$log")" -gt "$t" ] && break
            sleep 0.05
        done
        sleep 0.5
        T send-keys -t folio C-u
        sleep 1
    done
    T send-keys -t folio Escape
    sleep 0.3
    T send-keys -t folio q
    wait_exit 30 || { echo "folio did not quit within 30 s" >&2; return 1; }
}

for ((r = 1; r <= RUNS; r++)); do
    for pair in "$@"; do
        bin=$(readlink -f "${pair%%:*}")
        dir=${pair#*:}
        log=$OUT/$(basename "$bin").$r.log
        echo "run $r: $(basename "$bin") (load $(loadavg))"
        one_run "$bin" "$dir" "$log" || exit 1
    done
done

stats() { # stats LABEL < microseconds (one per line)
    sort -n | awk -v label="$1" '
        { v[NR] = $1 }
        function rank(p,  r) { r = int(p * NR); if (r < p * NR) r++; if (r < 1) r = 1; return v[r] }
        END {
            if (NR == 0) { printf "  %s: none\n", label; exit }
            printf "  %s: n=%d  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  max %.1f ms\n",
                label, NR, rank(0.5) / 1000, rank(0.9) / 1000, rank(0.99) / 1000, v[NR] / 1000
        }'
}
echo "load at end: $(loadavg)"
for pair in "$@"; do
    name=$(basename "$(readlink -f "${pair%%:*}")")
    logs=("$OUT/$name".*.log)
    echo "$name:"
    cat "${logs[@]}" | grep 'results shown query=' | grep -v 'query="" ' |
        sed 's/.*key_to_frame_us=\([0-9]*\).*/\1/' | stats "each answer shown, from the key that asked"
    cat "${logs[@]}" | grep -e 'results shown query=' -e 'results shown for an earlier key' |
        grep -v 'query="" ' | sed 's/.*key_to_frame_us=\([0-9]*\).*/\1/' |
        stats "each key that asked, to its answer or a later one"
    cat "${logs[@]}" | grep -F "results shown query=\"$QUERY\"" |
        sed 's/.*key_to_frame_us=\([0-9]*\).*/\1/' | stats "the whole query"
done
