#!/usr/bin/env bash
# Browser test of the embeddable widget (GET /embed/listings) in Debian's
# headless Chromium: in all four locales it checks the rendered text, that
# no request leaves the loopback server, and saves screenshots to
# target/screenshots/. Then it frames the widget the way a city site does
# (the README's snippet, served from another loopback origin) and checks
# that the height arrives by postMessage, and that an origin missing from
# EMBED_FRAME_ANCESTORS is refused.
#
#   scripts/browser-test.sh                  # release build, as in CI
#   BUILD_PROFILE=debug scripts/browser-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT:-18090}"
HOST_PORT="${HOST_PORT:-18091}"
BUILD_PROFILE="${BUILD_PROFILE:-release}"
SHOTS="target/screenshots"
BASE="http://127.0.0.1:$PORT"

step() { printf '\n==> %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }

missing=()
for package in chromium fonts-noto-cjk; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

step "building ($BUILD_PROFILE)"
if [ "$BUILD_PROFILE" = release ]; then cargo build --release --quiet; else cargo build --quiet; fi

work="$(mktemp -d)"
pids=()
cleanup() {
    # `wait` on a killed process returns 143; under `set -e` that would
    # become the script's exit status even though every check passed.
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT

step "starting the service on $BASE with a fresh SQLite file and demo data"
RUST_LOG=warn BIND="127.0.0.1:$PORT" DATABASE_URL="$work/directory.sqlite3" DEMO_DATA=true \
    EMBED_FRAME_ANCESTORS="'self' http://127.0.0.1:$HOST_PORT" \
    "./target/$BUILD_PROFILE/directory" >"$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do curl -sf "$BASE/readyz" >/dev/null && break; sleep 0.1; done
curl -sf "$BASE/readyz" >/dev/null || { cat "$work/server.log"; fail "the service did not start"; }

# One Chromium run: a fresh profile, no background traffic, every network
# event logged. Extra arguments select the mode (--dump-dom, --screenshot).
run=0
chrome() {
    run=$((run + 1))
    local profile="$work/profile-$run"
    mkdir -p "$profile"
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --disable-quic \
        --disable-default-apps --disable-extensions --no-default-browser-check \
        --user-data-dir="$profile" --log-net-log="$work/netlog-$run.json" \
        --virtual-time-budget=5000 "$@" 2>>"$work/chromium.log"
}

# Every request the page caused must go to a loopback server. Chromium's
# net log records each request's initiator and network isolation key: a
# request from the page (its navigation, a subresource, a fetch) has the
# page's origin as initiator or its site in the key. The browser's own
# background requests (network time, component updates, account checks,
# which the --disable-* flags do not all silence) have neither; they are
# counted and reported, not blamed on the page.
assert_only_loopback() {
    local log="$work/netlog-$run.json"
    [ -s "$log" ] || fail "no net log was written ($log)"
    python3 - "$log" "$PORT" "$HOST_PORT" <<'PY' || fail "requests left the page (net log: $log)"
import json, re, sys
log, ports = sys.argv[1], sys.argv[2:]
loopback = re.compile(r"^https?://(127\.0\.0\.1|localhost)(:(%s))?(/|$)" % "|".join(ports))
events = json.load(open(log, encoding="utf-8"))
start = events["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
page, browser, leaked = 0, 0, []
for event in events["events"]:
    params = event.get("params") or {}
    if event["type"] != start or "url" not in params:
        continue
    initiator = params.get("initiator", "")
    key = params.get("network_isolation_key", "")
    from_page = bool(loopback.match(initiator)) or any(loopback.match(site) for site in key.split())
    if from_page:
        page += 1
        if not loopback.match(params["url"]):
            leaked.append(params["url"])
    else:
        browser += 1
print(f"  net log: {page} page request(s), all loopback; {browser} browser background request(s) ignored"
      if not leaked else f"  leaked: {leaked}")
if page == 0:
    print("  no page request found in the net log"); sys.exit(1)
sys.exit(1 if leaked else 0)
PY
}

# locale|page heading|real-estate category label
expectations=(
    "en|Services for foreign residents|Global real-estate office"
    "ja|外国人住民のための窓口・施設|グローバル不動産仲介事務所"
    "ko|외국인 주민을 위한 기관·시설|글로벌 부동산 중개사무소"
    "zh-Hans|外籍居民服务机构|全球房地产中介事务所"
)

mkdir -p "$SHOTS"
for expectation in "${expectations[@]}"; do
    IFS='|' read -r locale heading category <<<"$expectation"
    url="$BASE/embed/listings?lang=$locale&category=real_estate&language=ja&limit=3"
    step "$locale: $url"
    dom="$work/dom-$locale.html"
    chrome --dump-dom "$url" >"$dom"
    assert_only_loopback
    grep -q "<html lang=\"$locale\" dir=\"ltr\">" "$dom" || fail "$locale: lang/dir missing"
    grep -q "<h1>$heading</h1>" "$dom" || fail "$locale: heading '$heading' not rendered"
    grep -q "aria-current=\"page\">$category</a>" "$dom" || fail "$locale: category '$category' not rendered"
    grep -q 'href="tel:+82-' "$dom" || fail "$locale: no phone link"
    chrome --hide-scrollbars --window-size=800,1000 --screenshot="$SHOTS/embed-$locale.png" "$url" >/dev/null
    assert_only_loopback
    [ -s "$SHOTS/embed-$locale.png" ] || fail "$locale: no screenshot"
    echo "ok: text, loopback only, $SHOTS/embed-$locale.png"
done

step "dark theme with a brand accent"
chrome --hide-scrollbars --window-size=800,1000 --screenshot="$SHOTS/embed-ko-dark.png" \
    "$BASE/embed/listings?lang=ko&category=incubator&theme=dark&accent=ffd700" >/dev/null
assert_only_loopback

step "framed by a city page (the README snippet) on http://127.0.0.1:$HOST_PORT"
mkdir -p "$work/site"
cat >"$work/site/index.html" <<HTML
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>City site</title></head>
<body>
<h1>City of Seoul</h1>
<p id="height">none</p>
<iframe data-directory-embed src="$BASE/embed/listings?lang=ja&category=job_cafe" title="Services for foreign residents" style="width:100%;border:0" loading="lazy"></iframe>
<script>
addEventListener("message", function (e) {
  if (!e.data || e.data.type !== "directory-embed:height") return;
  document.querySelectorAll("iframe[data-directory-embed]").forEach(function (f) {
    if (f.contentWindow === e.source) f.style.height = e.data.height + "px";
  });
  document.getElementById("height").textContent = "height:" + e.data.height;
});
</script>
</body></html>
HTML
python3 -m http.server "$HOST_PORT" --bind 127.0.0.1 --directory "$work/site" >"$work/site.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$HOST_PORT/" >/dev/null && break; sleep 0.1; done

chrome --dump-dom "http://127.0.0.1:$HOST_PORT/index.html" >"$work/host.html"
assert_only_loopback
height="$(grep -o 'height:[0-9]*' "$work/host.html" | head -1 | cut -d: -f2)"
[ -n "$height" ] && [ "$height" -gt 100 ] || fail "no height reached the host page: $(grep -o '<p id="height">[^<]*' "$work/host.html")"
grep -q "style=\"width:100%;border:0;height:${height}px\"" "$work/host.html" \
    || grep -q "height: ${height}px" "$work/host.html" || fail "the iframe was not resized"
echo "ok: the widget reported ${height}px and the iframe took it"
chrome --hide-scrollbars --window-size=800,1000 --screenshot="$SHOTS/embed-framed-ja.png" \
    "http://127.0.0.1:$HOST_PORT/index.html" >/dev/null
assert_only_loopback

step "an origin not in EMBED_FRAME_ANCESTORS cannot frame it (http://localhost:$HOST_PORT)"
chrome --dump-dom "http://localhost:$HOST_PORT/index.html" >"$work/refused.html"
grep -q '<h1>City of Seoul</h1>' "$work/refused.html" || fail "the host page on localhost did not load"
grep -q '<p id="height">none</p>' "$work/refused.html" || fail "a page not listed could frame the widget"
echo "ok: refused by frame-ancestors"

step "all browser checks passed; screenshots in $SHOTS/"
ls -l "$SHOTS"
