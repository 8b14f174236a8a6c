#!/usr/bin/env bash
# The production recipe, run for real on this machine: PostgreSQL, three
# instances of the release binary on one fresh database, and Debian's
# nginx in front of them (deploy/nginx/), every check through nginx as a
# client would see it. Prints the figures and exits 1 when a check fails:
#
#   - the worst write-to-every-instance propagation delay over 100 writes
#   - a rolling restart of all three under read load and a trickle of
#     writes: failed reads, lost writes
#   - a small per-key rate limit holding across the three instances
#   - 503 + Retry-After (never 500) while PostgreSQL is away, recovery after
#   - throughput of a list page and /healthz through nginx, one instance
#     and three (wrk -t2 -c64, two runs each)
#
# PostgreSQL "goes away" by cutting a TCP relay (socat) between the
# instances and it, since the machine's PostgreSQL is shared. With
# --stop-postgres (or CLUSTER_STOP_POSTGRES=1; .ci/run passes it, CI runs
# alone) the real server is stopped and started instead.
#
# Ports: CLUSTER_PORT_BASE (default 18400) to +40. Everything it writes is
# under target/cluster/.
set -euo pipefail
cd "$(dirname "$0")/.."

STOP_POSTGRES="${CLUSTER_STOP_POSTGRES:-0}"
for arg in "$@"; do
    case "$arg" in
        --stop-postgres) STOP_POSTGRES=1 ;;
        *) echo "usage: $0 [--stop-postgres]" >&2; exit 2 ;;
    esac
done

BASE="${CLUSTER_PORT_BASE:-18400}"
NGINX_PORT="$BASE"            # the three instances
SINGLE_PORT=$((BASE + 4))     # the first instance alone (throughput)
RELAY_PORT=$((BASE + 20))     # socat to PostgreSQL
SERVER_URL="${CLUSTER_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432}"
DATABASE="cluster_test_$$"
WORK="$PWD/target/cluster"
NGINX_DIR="$WORK/nginx"
BIN="$PWD/target/release/directory"
PROBE="$PWD/target/debug/examples/cluster_probe"
URL="http://127.0.0.1:$NGINX_PORT"
FAILED=0
SUMMARY=()
declare -A PIDS

step() { printf '\n==> %s\n' "$*"; }
record() { SUMMARY+=("$*"); }
fail() { FAILED=1; record "FAIL: $*"; echo "FAIL: $*"; }

apt_install() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        step "installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    fi
}

pg_cluster() { pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main "$1"; }

wait_for() { # command... : up to 30 s
    for _ in $(seq 1 300); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
    return 1
}

stop_pid() { # pid: TERM, then KILL after 40 s
    local pid="$1"
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 400); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
    set +e
    for name in "${!PIDS[@]}"; do stop_pid "${PIDS[$name]}"; done
    if [ "$STOP_POSTGRES" = 1 ] && ! pg_isready -q -h 127.0.0.1 -p 5432; then pg_cluster start; fi
    psql -q "$SERVER_URL/postgres" -c "DROP DATABASE IF EXISTS $DATABASE WITH (FORCE)" >/dev/null 2>&1
}
trap cleanup EXIT

start_relay() {
    setsid socat "TCP-LISTEN:$RELAY_PORT,fork,reuseaddr,bind=127.0.0.1" TCP:127.0.0.1:5432 \
        >"$WORK/relay.log" 2>&1 &
    PIDS[relay]=$!
    wait_for bash -c "echo > /dev/tcp/127.0.0.1/$RELAY_PORT"
}

# Cutting the relay closes every relayed connection (its forked children
# are in its process group) and refuses new ones.
cut_relay() { kill -TERM -- "-${PIDS[relay]}" 2>/dev/null || true; unset 'PIDS[relay]'; sleep 0.2; }

# start_instance N [VAR=value...]: the release binary, JSON logs, nginx trusted.
start_instance() {
    local n="$1"; shift
    local port=$((BASE + n)) metrics=$((BASE + 30 + n))
    env DATABASE_URL="$INSTANCE_DB_URL" BIND="127.0.0.1:$port" METRICS_BIND="127.0.0.1:$metrics" \
        PUBLIC_BASE_URL="$URL" TRUSTED_PROXIES=127.0.0.1 LOG_FORMAT=json RUST_LOG=info \
        DEMO_DATA=true DATABASE_POOL_SIZE=8 SHUTDOWN_DRAIN_MS=500 \
        RATE_LIMIT_PER_KEY="${KEY_LIMIT:-100000}" RATE_LIMIT_PER_IP=100000 \
        "$@" "$BIN" >>"$WORK/instance-$n.log" 2>&1 &
    PIDS[instance$n]=$!
    wait_for curl -fsS "http://127.0.0.1:$port/readyz" || { fail "instance $n did not start"; return 1; }
}

restart_instance() { # N: SIGTERM, wait for the exit, start again
    local n="$1"
    stop_pid "${PIDS[instance$n]}"
    start_instance "$n"
}

# wrk_row LABEL INSTANCES PATH PORT: one line of the throughput table, two runs.
wrk_row() {
    local label="$1" instances="$2" path="$3" port="$4"
    for run in 1 2; do
        local out
        out=$(wrk -t2 -c64 -d8s --latency "http://127.0.0.1:$port$path")
        local rps p50 p99
        rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
        p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
        p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
        local errors
        errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
        printf '| %-46s | %d | %d | %8s | %8s | %8s |\n' "$label" "$instances" "$run" "$rps" "$p50" "$p99" \
            | tee -a "$WORK/throughput.md"
        [ -z "$errors" ] || fail "wrk $label ($instances instances): $errors"
        P99S+=("$label $instances $p99")
    done
}

step "packages"
apt_install nginx wrk socat postgresql-client curl

step "PostgreSQL"
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    pg_cluster start
    wait_for pg_isready -q -h 127.0.0.1 -p 5432
fi
psql -q "$SERVER_URL/postgres" -c "CREATE DATABASE $DATABASE" >/dev/null
DB_URL="$SERVER_URL/$DATABASE"

step "release build"
cargo build --release --bin directory
# The probe is a client: the dev profile (built by `cargo test` already) is fast enough.
cargo build --example cluster_probe

rm -rf "$WORK"
mkdir -p "$NGINX_DIR/logs" "$NGINX_DIR/temp"
if [ "$STOP_POSTGRES" = 1 ]; then
    INSTANCE_DB_URL="$DB_URL"
else
    start_relay
    INSTANCE_DB_URL="postgres://postgres@127.0.0.1:$RELAY_PORT/$DATABASE"
fi

step "three instances on $DATABASE, nginx on :$NGINX_PORT"
KEY=$(DATABASE_URL="$DB_URL" DEMO_DATA=true "$BIN" keys create --role editor --name cluster-test 2>/dev/null)
for n in 1 2 3; do start_instance "$n"; done
cp deploy/nginx/nginx.conf "$NGINX_DIR/nginx.conf"
# The recipe's config with this run's ports, plus: the first instance
# alone on another port, one port per instance for the propagation probe,
# and which instance answered in a header (for the rate-limit check).
sed -e "s/127.0.0.1:8081/127.0.0.1:$((BASE + 1))/" \
    -e "s/127.0.0.1:8082/127.0.0.1:$((BASE + 2))/" \
    -e "s/127.0.0.1:8083/127.0.0.1:$((BASE + 3))/" \
    -e "s/listen 8080;/listen 127.0.0.1:$NGINX_PORT;/" \
    -e "s|# cluster-test: extra headers|add_header X-Served-By \$upstream_addr always;|" \
    deploy/nginx/directory.conf >"$NGINX_DIR/directory.conf"
{
    echo "upstream directory_single { server 127.0.0.1:$((BASE + 1)); keepalive 32; keepalive_timeout 4s; }"
    echo "server { listen 127.0.0.1:$SINGLE_PORT; access_log logs/directory-access.log directory;"
    echo "  location / { proxy_pass http://directory_single; proxy_http_version 1.1; proxy_set_header Connection \"\";"
    echo "    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; proxy_set_header X-Request-Id \$request_id; } }"
    for n in 1 2 3; do
        echo "server { listen 127.0.0.1:$((BASE + 10 + n)); access_log off;"
        echo "  location / { proxy_pass http://127.0.0.1:$((BASE + n)); proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }"
    done
} >"$NGINX_DIR/probes.conf"
sed -i 's|include directory.conf;|include directory.conf;\n    include probes.conf;|' "$NGINX_DIR/nginx.conf"
nginx -t -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -q
nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -g 'daemon off;' &
PIDS[nginx]=$!
wait_for curl -fsS "$URL/readyz"

step "throughput through nginx (wrk -t2 -c64 -d8s, two runs)"
P99S=()
{
    echo "| request | instances | run | requests/s | p50 | p99 |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
} | tee "$WORK/throughput.md"
LIST='/v1/listings?category=real_estate&lang=ja'
wrk_row "GET $LIST" 3 "$LIST" "$NGINX_PORT"
wrk_row "GET /healthz" 3 /healthz "$NGINX_PORT"
wrk_row "GET $LIST" 1 "$LIST" "$SINGLE_PORT"
wrk_row "GET /healthz" 1 /healthz "$SINGLE_PORT"
for row in "${P99S[@]}"; do
    p99="${row##* }"
    awk -v p="$p99" 'BEGIN { v = p + 0; if (p ~ /us$/) v /= 1000; else if (p ~ /s$/ && p !~ /ms$/) v *= 1000; exit !(v < 15) }' \
        || record "note: p99 $p99 for $row is over the 15 ms target"
done

step "propagation: 100 writes, each until every instance lists it"
INSTANCES=("http://127.0.0.1:$((BASE + 11))" "http://127.0.0.1:$((BASE + 12))" "http://127.0.0.1:$((BASE + 13))")
if out=$("$PROBE" propagation "$URL" "$KEY" "${INSTANCES[@]}"); then record "$out"; else record "$out"; fail "propagation"; fi
echo "$out"

step "rolling restart of the three instances under load"
rm -f "$WORK/stop-load"
"$PROBE" load "$URL" "$KEY" "$WORK/stop-load" "$WORK/load.txt" &
LOAD=$!
sleep 2
for n in 1 2 3; do
    restart_instance "$n"
    echo "instance $n restarted"
    sleep 3 # more than nginx's fail_timeout: the instance is back in the upstream
done
touch "$WORK/stop-load"
if wait "$LOAD"; then record "$(cat "$WORK/load.txt")"; else record "$(cat "$WORK/load.txt" 2>/dev/null)"; fail "rolling restart"; fi

step "a per-key limit of 5 a minute, held across the instances"
for n in 1 2 3; do stop_pid "${PIDS[instance$n]}"; done
LIMITED_KEY=$(DATABASE_URL="$DB_URL" "$BIN" keys create --role editor --name cluster-limit 2>/dev/null)
for n in 1 2 3; do KEY_LIMIT=5 start_instance "$n"; done
sleep 2.5 # nginx's fail_timeout: every instance back in the upstream
if out=$("$PROBE" rate-limit "$URL" "$LIMITED_KEY" 5); then record "$out"; else record "$out"; fail "shared rate limit"; fi
echo "$out"

step "structured logs carry nginx's request id"
# A refused request is logged (at info) inside its request's span.
RID=$(curl -sS -D - -o /dev/null -H "Authorization: Bearer $LIMITED_KEY" "$URL/v1/reports" \
    | tr -d '\r' | awk 'tolower($1) == "x-request-id:" {print $2}')
sleep 0.5
if [ -n "$RID" ] && grep -h "\"request_id\":\"$RID\"" "$WORK"/instance-*.log | grep -q 'rate limit reached'; then
    record "logs: nginx's request id $RID is in the instance's JSON log line of that request"
else
    fail "request id '$RID' not found in the JSON logs"
fi

step "PostgreSQL away"
if [ "$STOP_POSTGRES" = 1 ]; then pg_cluster stop; else cut_relay; fi
if out=$("$PROBE" outage "$URL" "$KEY"); then record "$out"; else record "$out"; fail "outage"; fi
echo "$out"
if [ "$STOP_POSTGRES" = 1 ]; then pg_cluster start; else start_relay; fi
if out=$("$PROBE" recovery "$URL" "$KEY"); then record "$out"; else record "$out"; fail "recovery"; fi
echo "$out"

printf '\n==> cluster test summary (%s)\n' "$([ "$STOP_POSTGRES" = 1 ] && echo 'PostgreSQL stopped' || echo 'relay cut')"
cat "$WORK/throughput.md"
printf '%s\n' "${SUMMARY[@]}"
exit "$FAILED"
