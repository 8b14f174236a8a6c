#!/usr/bin/env bash
# Discovery benchmark, per size (10k, 100k, 1M listings): seconds to import
# the shared data, seconds from process start to /readyz 200 (a first start,
# which builds the catalog from the database and writes its snapshot, and a
# restart, which reads the snapshot: what every later start costs), resident memory
# of the server after the queries (VmRSS from /proc/PID/status, with its
# anonymous and file-backed parts), and p50/p99 latency and requests/s of
# keyword search (CJK and Latin), near-me, open-now and accepting-applications
# queries, 16 concurrent clients, release build over loopback, response cache
# OFF so that every request runs the query (a cache would hide it: wrk repeats
# one URL). /healthz is measured in the same run as the reference.
#
# The tables go to stdout and into docs/performance.md, between the
# `bench-discovery` markers (that section is regenerated; set DOC= to skip).
#
# The `data` column of the table says which rows ran on which data:
#   shared     the team's benchmark set (../shared/bench-data/gen_data.py -n
#              SIZE, see its README), loaded with `directory import` like the
#              other back ends it is compared with; its SHA-256 lines are
#              printed so that runs can be shown to use the same rows.
#   generated  `directory generate --count SIZE` in a second database, only
#              for open_now and accepting_applications: the shared set has no
#              opening hours nor application windows (both would be empty).
#
#   scripts/bench-discovery.sh                  # 10k and 100k, SQLite
#   SIZES="100000 1000000" scripts/bench-discovery.sh
#   SIZES="100000" DURATION=20s PORT=18120 scripts/bench-discovery.sh
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench scripts/bench-discovery.sh
#
# DATABASE_URL must name an EMPTY database: the script drops nothing. Only
# the shared part runs on it (the generated part needs a second empty database
# and is skipped). With several SIZES there, list them in ascending order:
# each import adds to the previous one, and a smaller set is the first rows of
# a larger one. The run stops if the database does not hold SIZE listings.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10000 100000}"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18113}"           # the servers it starts listen here (127.0.0.1)
DOC="${DOC-docs/performance.md}"
BIN="${BIN:-./target/release/directory}"   # another build, to compare designs on the same data
BENCH_DATA="../shared/bench-data"
QUERIES=( # on the shared data
    "/healthz"
    "/v1/listings"                                              # plain first page
    "/v1/listings?q=%EA%B0%95%EB%82%A8"                         # 강남: district name and road, thousands of hits
    "/v1/listings?q=%EB%AC%B4%EA%B6%81%ED%99%94&lang=ko"          # 무궁화: a rare name
    "/v1/listings?q=gangnam"                                    # Latin, through the district vocabulary
    "/v1/listings?q=mugunghwa%20realty"                          # Latin, two words
    "/v1/listings?q=%E6%B1%9F%E5%8D%97"                         # 江南: Chinese/Japanese district name
    "/v1/listings?q=%E3%82%AB%E3%83%B3%E3%83%8A%E3%83%A0"       # カンナム: katakana reading
    "/v1/listings?near=37.5665,126.9780&radius_m=2000&sort=distance"            # near City Hall
    "/v1/listings?near=37.5665,126.9780&radius_m=2000&sort=distance&q=realty"   # near-me and a keyword
)
GENERATED_QUERIES=( # on `directory generate` data: the shared set has no hours nor windows
    "/v1/listings?open_now=true"
    "/v1/listings?accepting_applications=true"
)

[ -f "$BENCH_DATA/gen_data.py" ] || {
    echo "$BENCH_DATA/gen_data.py is missing: check out the team's shared folder next to this repository (../shared)" >&2
    exit 1
}
command -v python3 >/dev/null || { echo "python3 is needed to run $BENCH_DATA/gen_data.py" >&2; exit 1; }
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ "$BIN" != ./target/release/directory ] || cargo build --release --quiet

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

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

start_server() { # $1: database URL; sets $ready_s, the seconds from exec to /readyz 200
    if curl -s "http://127.0.0.1:$PORT/" >/dev/null; then
        echo "port $PORT is already in use (another server?): set PORT" >&2; exit 1
    fi
    local started
    started="$(now)"
    RUST_LOG=warn BIND="127.0.0.1:$PORT" RESPONSE_CACHE_SECONDS=0 DEMO_DATA=false DATABASE_URL="$1" \
        "$BIN" >>"$workdir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 30000); do
        kill -0 "$server_pid" 2>/dev/null || break
        if curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then
            ready_s="$(seconds_since "$started")"
            return 0
        fi
        sleep 0.02
    done
    echo "the server did not become ready" >&2; cat "$workdir/server.log" >&2; exit 1
}

memory() { # resident memory of the server now: "total MiB (anonymous + file-backed)"
    awk '/^VmRSS/ {t = $2} /^RssAnon/ {a = $2} /^RssFile/ {f = $2}
         END { printf "%d MiB (anon %d + file %d)", t / 1024, a / 1024, f / 1024 }' "/proc/$server_pid/status"
}

stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

total() { curl -sf "http://127.0.0.1:$PORT$1" | grep -o '"total":[0-9]*' | cut -d: -f2 || true; }

row() { printf '%-8s %-9s %-72s %10s %8s %8s %8s\n' "$@"; }
summary() { printf '%-8s %-10s %10s %10s %10s %s\n' "$@"; }
measure() { # $1: listings, $2: data, $3: query; adds a row to the table
    curl -sf "http://127.0.0.1:$PORT$3" >/dev/null   # warm: lazily built orders
    local hits out rps p50 p99
    hits="$(total "$3")"
    out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$3")"
    if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers for $3" >&2; echo "$out" >&2; exit 1; fi
    rps="$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')"
    p50="$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")"
    p99="$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")"
    row "$1" "$2" "$3" "$rps" "$p50" "$p99" "${hits:--}" >>"$workdir/table"
}

row listings data query "req/s" "p50 ms" "p99 ms" "hits" >"$workdir/table"
summary listings data "import s" "first s" "ready s" "resident after the queries" >"$workdir/summary"
if [ -n "${DATABASE_URL:-}" ]; then
    echo "DATABASE_URL is set: only the shared data is measured (the generated part needs a second empty database)"
fi
for size in $SIZES; do
    echo "== $size listings: shared data"
    python3 "$BENCH_DATA/gen_data.py" -n "$size" --out "$workdir/data-$size" | tee -a "$workdir/sha256"
    url="${DATABASE_URL:-$workdir/shared-$size.sqlite3}"
    log="$workdir/import-$size.log"   # one line per row
    started="$(now)"
    if ! DEMO_DATA=false DATABASE_URL="$url" "$BIN" import "$workdir/data-$size/listings.csv" >"$log" 2>&1; then
        echo "import failed:" >&2; tail -n 20 "$log" >&2; exit 1
    fi
    import_s="$(seconds_since "$started")"
    echo "import: $import_s s: $(tail -n 1 "$log")"
    rm -rf "$workdir/data-$size"
    # A first start builds the catalog from the database (and may leave a
    # snapshot for the next); the restart is what an instance pays later.
    start_server "$url"
    first_s="$ready_s"
    stop_server
    start_server "$url"
    echo "ready after: $first_s s (first start), $ready_s s (restart)"
    listed="$(total /v1/listings)"
    if [ "$listed" != "$size" ]; then
        echo "the database lists ${listed:-?} listings, not $size: DATABASE_URL must name an empty database (SIZES ascending)" >&2
        exit 1
    fi
    for query in "${QUERIES[@]}"; do measure "$size" shared "$query"; done
    resident="$(memory)"
    echo "resident after the queries: $resident"
    summary "$size" shared "$import_s" "$first_s" "$ready_s" "$resident" >>"$workdir/summary"
    stop_server

    if [ -z "${DATABASE_URL:-}" ]; then
        rm -f "$url"*
        echo "== $size listings: generated data"
        url="$workdir/generated-$size.sqlite3"
        log="$workdir/generate-$size.log"
        started="$(now)"
        if ! DEMO_DATA=false DATABASE_URL="$url" "$BIN" generate --count "$size" >"$log" 2>&1; then
            echo "generate failed:" >&2; tail -n 20 "$log" >&2; exit 1
        fi
        generate_s="$(seconds_since "$started")"
        echo "generate: $(tail -n 1 "$log")"
        start_server "$url"
        for query in "${GENERATED_QUERIES[@]}"; do measure "$size" generated "$query"; done
        summary "$size" generated "$generate_s" "$ready_s" "-" "$(memory)" >>"$workdir/summary"
        stop_server
        rm -f "$url"*
    fi
done
echo
cat "$workdir/summary"
echo
cat "$workdir/table"

[ -n "$DOC" ] || exit 0
# The section between the markers is regenerated; the rest of the file is
# written by hand.
markdown() { # a space-aligned table as a Markdown table
    awk -v widths="$1" 'BEGIN { n = split(widths, w, ",") }
        { line = $0; cells = ""; pos = 1
          for (i = 1; i <= n; i++) {
              cell = (i < n) ? substr(line, pos, w[i]) : substr(line, pos)
              gsub(/^ +| +$/, "", cell); pos += w[i] + 1
              if (i == 3 && NR > 1 && cell ~ /^\//) cell = "`" cell "`"
              cells = cells " | " cell
          }
          print substr(cells, 2) " |"
          if (NR == 1) { sep = ""; for (i = 1; i <= n; i++) sep = sep "| --- "; print sep "|" } }' "$2"
}
{
    echo "<!-- bench-discovery:begin (regenerated by scripts/bench-discovery.sh) -->"
    echo "Run $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores (a machine shared with other builds and benchmarks), \`SIZES=\"$SIZES\" DURATION=$DURATION CONNECTIONS=$CONNECTIONS scripts/bench-discovery.sh\`, $([ -n "${DATABASE_URL:-}" ] && echo PostgreSQL || echo SQLite), commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' with local changes')$([ "$BIN" = ./target/release/directory ] || echo ", binary $BIN")."
    echo
    echo "Data (\`gen_data.py -n SIZE\`): $(awk '{n = split($1, p, "/"); printf "%s%s %s rows, SHA-256 %s", sep, p[n], $2, $5; sep = "; "}' "$workdir/sha256")."
    echo
    markdown 8,10,10,10,10,0 "$workdir/summary"
    echo
    markdown 8,9,72,10,8,8,0 "$workdir/table"
    echo "<!-- bench-discovery:end -->"
} >"$workdir/section"
mkdir -p "$(dirname "$DOC")"
[ -f "$DOC" ] || printf '# Performance\n\n<!-- bench-discovery:begin -->\n<!-- bench-discovery:end -->\n' >"$DOC"
awk -v section="$workdir/section" '
    /<!-- bench-discovery:begin/ { while ((getline line < section) > 0) print line; skip = 1; next }
    /<!-- bench-discovery:end/ { skip = 0; next }
    !skip { print }' "$DOC" >"$workdir/doc" && cp "$workdir/doc" "$DOC"
echo "wrote the tables into $DOC"
