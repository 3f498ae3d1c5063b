# Shared by benches/typing.sh and benches/warm-start.sh (sourced, not run).
# Runs folio in a private tmux server (its own socket, so no other tmux is touched).

# The environment every folio run here gets.
export TZ=UTC LC_ALL=C.UTF-8
unset FOLIO_CONFIG FOLIO_LOG

TMUX_SOCK="folio-bench-$$"
T() { tmux -L "$TMUX_SOCK" "$@"; }
cleanup_tmux() {
    T kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCK"
}

# warm_xdg BINARY STORE: prints a fresh XDG dir whose cache holds an up-to-date index of
# STORE (built by `BINARY list --query river STORE`). With $FOLIO_BENCH_XDG set, uses
# that dir instead (and still brings its index up to date the same way).
warm_xdg() {
    local bin=$1 store=$2 dir
    if [ -n "${FOLIO_BENCH_XDG:-}" ]; then
        dir=$FOLIO_BENCH_XDG
        mkdir -p "$dir"
    else
        dir=$(mktemp -d /tmp/folio-bench-xdg.XXXXXX)
    fi
    local t0=$(date +%s.%N)
    XDG_CONFIG_HOME=$dir XDG_DATA_HOME=$dir XDG_CACHE_HOME=$dir XDG_STATE_HOME=$dir \
        "$bin" list --query river "$store" </dev/null >/dev/null 2>"$dir/.warm.err" || {
        echo "index build failed: $(cat "$dir/.warm.err")" >&2
        return 1
    }
    local t1=$(date +%s.%N)
    echo "index: $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s for list --query river (XDG_* = $dir)" >&2
    echo "$dir"
}

# start_folio BINARY STORE XDGDIR LOGFILE RCFILE: folio in a detached 120x40 session.
start_folio() {
    local bin=$1 store=$2 dir=$3 log=$4 rcfile=$5
    rm -f "$rcfile"
    T new-session -d -x 120 -y 40 -s folio \
        "env FOLIO_LOG=$(printf %q "$log") XDG_CONFIG_HOME=$dir XDG_DATA_HOME=$dir XDG_CACHE_HOME=$dir XDG_STATE_HOME=$dir $(printf %q "$bin") $(printf %q "$store"); echo \$? >$(printf %q "$rcfile")"
}

# wait_log LOGFILE REGEX TIMEOUT_S: waits until a line of LOGFILE matches; 1 on timeout.
wait_log() {
    local log=$1 re=$2 limit=$3 i=0
    while ! grep -qE "$re" "$log" 2>/dev/null; do
        sleep 0.05
        i=$((i + 1))
        [ $((i * 5)) -ge $((limit * 100)) ] && return 1
    done
    return 0
}

# wait_exit TIMEOUT_S: waits until the session has ended (folio quit); 1 on timeout.
wait_exit() {
    local limit=$1 i=0
    while T has-session -t folio 2>/dev/null; do
        sleep 0.05
        i=$((i + 1))
        [ $((i * 5)) -ge $((limit * 100)) ] && return 1
    done
    return 0
}

load1() { cut -d' ' -f1 /proc/loadavg; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
