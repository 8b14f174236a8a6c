#!/usr/bin/env bash
# Read-path benchmark: requests/s and latency of a 20-item localized listing
# page beside GET /healthz, measured in one run on a release build over
# loopback, and their ratio. Runs the listing twice: with the response cache
# (the default) and with it off (every request renders from the database).
#
#   scripts/bench-read.sh                       # SQLite, demo data
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test scripts/bench-read.sh
#   DURATION=30s CONNECTIONS=64 THREADS=2 scripts/bench-read.sh
#   WRITE_DOCS=1 scripts/bench-read.sh         # also the table in docs/performance.md
#   BIN=/path/to/directory scripts/bench-read.sh   # another build (no cargo build)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/docs-section.sh

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18080}"
LISTING_PATH="/v1/listings?category=real_estate&lang=ja"

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

start_server() { # $1: response cache seconds
    [ -n "$server_pid" ] && { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
    RUST_LOG=warn BIND="127.0.0.1:$PORT" RESPONSE_CACHE_SECONDS="$1" \
        DATABASE_URL="${DATABASE_URL:-$workdir/bench.sqlite3}" \
        "$BIN" >"$workdir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do
        curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && return 0
        sleep 0.1
    done
    cat "$workdir/server.log"; exit 1
}

# Prints "<requests/s> <p50> <p99>" for a path (latencies in ms).
measure() {
    local out
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$1")"
    echo "$out" >>"$workdir/wrk.log"
    if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers for $1" >&2; echo "$out" >&2; exit 1; fi
    local rps p50 p99
    rps="$(echo "$out" | awk '/Requests\/sec/ {print $2}')"
    p50="$(echo "$out" | awk '$1 == "50%" {print $2}')"
    p99="$(echo "$out" | awk '$1 == "99%" {print $2}')"
    echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

to_ms() { # wrk prints 812.00us, 1.20ms or 1.02s
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
    }'
}

start_server 30
items="$(curl -sf "http://127.0.0.1:$PORT$LISTING_PATH" | grep -o '"id":' | wc -l)"
echo "backend: $(echo "${DATABASE_URL:-sqlite}" | cut -d: -f1); wrk -t$THREADS -c$CONNECTIONS -d$DURATION; listing page: $items items"

read -r health_rps health_p50 health_p99 <<<"$(measure /healthz)"
read -r cached_rps cached_p50 cached_p99 <<<"$(measure "$LISTING_PATH")"
start_server 0
read -r raw_rps raw_p50 raw_p99 <<<"$(measure "$LISTING_PATH")"

printf '\n%-44s %12s %9s %9s %8s\n' "endpoint" "requests/s" "p50 ms" "p99 ms" "ratio"
row() { printf '%-44s %12.0f %9.3f %9.3f %7.0f%%\n' "$1" "$2" "$3" "$4" "$(awk -v a="$2" -v b="$health_rps" 'BEGIN {print 100 * a / b}')"; }
row "GET /healthz" "$health_rps" "$health_p50" "$health_p99"
row "GET $LISTING_PATH" "$cached_rps" "$cached_p50" "$cached_p99"
row "  same, response cache off" "$raw_rps" "$raw_p50" "$raw_p99"

{
    echo "Run $(date -u +%FT%RZ) on $(nproc) cores, \`DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS scripts/bench-read.sh\`, $(echo "${DATABASE_URL:-sqlite}" | cut -d: -f1), commit $(git rev-parse --short HEAD), listing page of $items items."
    echo
    echo "| endpoint | requests/s | p50 | p99 | vs /healthz |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    mdrow() { printf '| %s | %.0f | %.2f ms | %.2f ms | %.0f %% |\n' "$1" "$2" "$3" "$4" "$(awk -v a="$2" -v b="$health_rps" 'BEGIN {print 100 * a / b}')"; }
    mdrow "\`GET /healthz\`" "$health_rps" "$health_p50" "$health_p99"
    mdrow "\`GET $LISTING_PATH\`" "$cached_rps" "$cached_p50" "$cached_p99"
    mdrow "same, response cache off" "$raw_rps" "$raw_p50" "$raw_p99"
} >"$workdir/section"
write_docs_section read "$workdir/section"
