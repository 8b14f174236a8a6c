#!/usr/bin/env bash
# What an HSDS page costs beside a page of /v1/listings (issue 17, finding
# 3): at COUNT synthetic listings (`directory generate`) plus the demo data,
# with the response cache off (so each request does its work), wrk measures
# one client at a time on each URL, in one run on a release build, and
# prints the ratios to /v1/listings?limit=1. With BEFORE=<git revision> the
# same is measured for that revision's build first (from `git archive`,
# built into the same target directory), e.g. the commit before the fix.
#
#   scripts/bench-hsds.sh
#   BEFORE=04ee166 COUNT=20000 DURATION=5s scripts/bench-hsds.sh
#   WRITE_DOCS=1 scripts/bench-hsds.sh         # also the tables in docs/performance.md
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib/docs-section.sh
root="$PWD"

COUNT="${COUNT:-20000}"
DURATION="${DURATION:-5s}"
PORT="${PORT:-18230}"
BEFORE="${BEFORE:-}"
WORK="$root/target/bench-hsds"
URLS=(
    "/v1/listings?limit=1"
    "/hsds/service_at_locations?per_page=1"
    "/hsds/services?per_page=1"
    "/hsds/organizations?per_page=1"
    "/hsds/service_at_locations?per_page=50"
    "/hsds/services?per_page=1&page=100"
)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
mkdir -p "$WORK"

# This tree first: once the other revision is built into the same target
# directory, target/release/directory is that revision's binary.
echo "building this tree (release)"
cargo build --release --quiet
cp target/release/directory "$WORK/directory-head"
builds=("$(git rev-parse --short HEAD)+worktree:$WORK/directory-head:$root")
if [ -n "$BEFORE" ]; then
    rev="$(git rev-parse --short "$BEFORE")"
    rm -rf "$WORK/src-$rev" && mkdir -p "$WORK/src-$rev"
    git archive "$rev" | tar -x -C "$WORK/src-$rev"
    echo "building $rev (release)"
    CARGO_TARGET_DIR="$root/target" cargo build --release --quiet --manifest-path "$WORK/src-$rev/Cargo.toml"
    cp target/release/directory "$WORK/directory-$rev"
    builds=("$rev:$WORK/directory-$rev:$WORK/src-$rev" "${builds[@]}")
fi

server=""
stop() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    server=""
}
trap stop EXIT
section="$WORK/section.md"
echo "Run $(date -u +%FT%RZ) on $(nproc) cores, \`COUNT=$COUNT DURATION=$DURATION${BEFORE:+ BEFORE=$BEFORE} scripts/bench-hsds.sh\`: $COUNT synthetic listings plus the demo data, response cache off, one client, release, SQLite." >"$section"

# p50 latency in ms and requests/s of one URL, one connection.
measure() {
    local out
    out="$(wrk -t1 -c1 -d"$DURATION" --latency "http://127.0.0.1:$PORT$1")"
    local p50 rps
    p50="$(awk '/^ +50%/ {print $2}' <<<"$out")"
    rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
    # wrk prints 812.00us, 1.23ms or 1.01s.
    awk -v v="$p50" -v r="$rps" 'BEGIN {
        n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000;
        printf "%.3f %s\n", n, r }'
}

for build in "${builds[@]}"; do
    IFS=: read -r name binary source <<<"$build"
    db="$WORK/$name.sqlite3"
    rm -f "$db"*
    echo
    echo "== $name: $COUNT synthetic listings + demo data, response cache off"
    (cd "$source" && DATABASE_URL="$db" RUST_LOG=warn "$binary" generate --count "$COUNT" >/dev/null 2>&1)
    # exec: $! must be the server itself, or stopping it leaves it running.
    (cd "$source" && DATABASE_URL="$db" RUST_LOG=warn BIND="127.0.0.1:$PORT" RESPONSE_CACHE_SECONDS=0 \
        exec "$binary" >"$WORK/$name.log" 2>&1) &
    server=$!
    for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.1; done
    base=""
    printf '%-45s %10s %10s %8s\n' "URL" "p50 ms" "req/s" "vs first"
    printf '\n%s:\n\n| URL | p50 | requests/s | vs `%s` |\n| --- | ---: | ---: | ---: |\n' "\`$name\`" "${URLS[0]}" >>"$section"
    for url in "${URLS[@]}"; do
        read -r p50 rps <<<"$(measure "$url")"
        [ -z "$base" ] && base="$p50"
        ratio="$(awk -v a="$p50" -v b="$base" 'BEGIN {printf "%.1f", a / b}')"
        printf '%-45s %10s %10s %7sx\n' "$url" "$p50" "$rps" "$ratio"
        printf '| `%s` | %s ms | %.0f | %s× |\n' "$url" "$p50" "$rps" "$ratio" >>"$section"
    done
    stop
done
write_docs_section hsds "$section"
