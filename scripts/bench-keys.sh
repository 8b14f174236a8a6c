#!/usr/bin/env bash
# What a wrong API key costs: GET /v1/keys with a valid admin key, with a
# real key's prefix and a wrong secret, and with a prefix no key has,
# measured in one run on a release build over loopback (wrk), then the
# server's resident memory and /readyz's latency while 40 clients send
# wrong secrets at once. Rate limits are off for the run, so that what is
# measured is the verification itself (with them on, failures past
# RATE_LIMIT_FAILED_AUTH are refused before any lookup).
#
#   scripts/bench-keys.sh                        # this tree's build
#   BIN=/path/to/other/directory scripts/bench-keys.sh   # another build, same run shape
#   WRITE_DOCS=1 scripts/bench-keys.sh           # also the table in docs/performance.md
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/docs-section.sh

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-18091}"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=./target/release/directory
fi

workdir="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
}
trap cleanup EXIT
export DATABASE_URL="$workdir/keys.sqlite3" RUST_LOG=warn BIND="127.0.0.1:$PORT" \
    RATE_LIMIT_PER_KEY=0 RATE_LIMIT_PER_IP=0 RATE_LIMIT_FAILED_AUTH=0

key="$("$BIN" keys create --role admin --name bench 2>/dev/null | tail -1)"
prefix="$(echo "$key" | cut -d_ -f2)"
wrong="dir_${prefix}_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
unknown="dir_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

"$BIN" >"$workdir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done

to_ms() {
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
        else printf "%s", v }'
}
rss() { awk '/VmRSS/ {printf "%.0f MiB", $2 / 1024}' "/proc/$server_pid/status"; }

measure() { # $1: label, $2: key
    local out rps p50 p99
    out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $2" "http://127.0.0.1:$PORT/v1/keys")"
    rps="$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
    p50="$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")"
    p99="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")"
    printf '| %s | %s | %s ms | %s ms |\n' "$1" "$rps" "$p50" "$p99"
}

{
    echo "Run $(date -u +%FT%RZ) on $(nproc) cores, binary $BIN ($("$BIN" --version)), commit $(git rev-parse --short HEAD), wrk -t2 -c$CONNECTIONS -d$DURATION."
    echo
    echo "| key | requests/s | p50 | p99 |"
    echo "| --- | ---: | ---: | ---: |"
    measure "valid admin key" "$key"
    measure "real prefix, wrong secret" "$wrong"
    measure "unknown prefix" "$unknown"
    echo
    before="$(rss)"
    wrk -t2 -c40 -d"$DURATION" -H "Authorization: Bearer $wrong" "http://127.0.0.1:$PORT/v1/keys" >/dev/null &
    load=$!
    sleep 2
    ready="$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$PORT/readyz")"
    during="$(rss)"
    wait "$load"
    echo "40 clients sending wrong secrets: /readyz answered in $(awk -v t="$ready" 'BEGIN {printf "%.1f", t * 1000}') ms; resident memory $before before, $during during, $(rss) after"
} | tee "$workdir/section"
write_docs_section keys "$workdir/section"
