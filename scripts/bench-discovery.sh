#!/usr/bin/env bash
# Discovery benchmark: p50/p99 latency and requests/s of keyword search
# (CJK and Latin), near-me and open-now queries at 10k and 100k listings,
# 16 concurrent clients, release build over loopback, response cache OFF so
# that every request runs the query (a cache would hide it: wrk repeats one
# URL). /healthz is measured in the same run as the reference.
#
#   scripts/bench-discovery.sh                  # 10k and 100k, SQLite
#   SIZES="100000" DURATION=20s scripts/bench-discovery.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench scripts/bench-discovery.sh  # an empty database
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10000 100000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18081}"
QUERIES=(
    "/healthz"
    "/v1/listings?q=%EA%B0%95%EB%82%A8"                         # 강남: district name and road, thousands of hits
    "/v1/listings?q=%EB%AC%B4%EA%B6%81%ED%99%94&lang=ko"          # 무궁화: a rare name
    "/v1/listings?q=gangnam"                                    # Latin, through the district vocabulary
    "/v1/listings?q=mugunghwa%20realty"                          # Latin, two words
    "/v1/listings?near=37.5665,126.9780&radius_m=2000&sort=distance"
    "/v1/listings?open_now=true"
)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
cargo build --release --quiet

workdir="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$workdir"
}
trap cleanup EXIT

to_ms() { # wrk prints 812.00us, 1.20ms or 1.02s
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
        else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    }'
}

printf '%-8s %-66s %10s %8s %8s %8s\n' listings query "req/s" "p50 ms" "p99 ms" "hits"
for size in $SIZES; do
    url="${DATABASE_URL:-$workdir/bench-$size.sqlite3}"
    DATABASE_URL="$url" ./target/release/directory generate --count "$size" >"$workdir/generate.log" 2>&1
    RUST_LOG=warn BIND="127.0.0.1:$PORT" RESPONSE_CACHE_SECONDS=0 DATABASE_URL="$url" \
        ./target/release/directory >"$workdir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
    for query in "${QUERIES[@]}"; do
        curl -sf "http://127.0.0.1:$PORT$query" >/dev/null   # warm: lazily built orders
        hits="$(curl -sf "http://127.0.0.1:$PORT$query" | grep -o '"total":[0-9]*' | cut -d: -f2 || true)"
        out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$query")"
        if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers for $query" >&2; echo "$out" >&2; exit 1; fi
        rps="$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
        p50="$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")"
        p99="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")"
        printf '%-8s %-66s %10s %8s %8s %8s\n' "$size" "$query" "$rps" "$p50" "$p99" "${hits:--}"
    done
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
    [ -z "${DATABASE_URL:-}" ] && rm -f "$url"*
done
