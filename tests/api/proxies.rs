//! Client addresses behind proxies (`TRUSTED_PROXIES`), request ids, and
//! absolute URLs that only `PUBLIC_BASE_URL` decides.

use std::sync::atomic::{AtomicU64, Ordering};

use serde_json::json;

use crate::configured_backend_tests;
use crate::helpers::{TestApp, assert_problem};
use foreign_resident_directory::config::{PublicBaseUrl, Settings, TrustedProxies};

const PLACE: &str = "/v1/listings/seoul-global-center";

/// Files a report; each says something new, so none is a duplicate of
/// an open one (which would be acknowledged without being added).
async fn report(app: &TestApp, headers: &[(&str, &str)]) -> crate::helpers::Reply {
    static SENT: AtomicU64 = AtomicU64::new(0);
    let n = SENT.fetch_add(1, Ordering::Relaxed);
    let mut request = app.client.post(app.url(&format!("{PLACE}/reports"))).json(
        &json!({"kind": "wrong_phone", "message": format!("The number rings a bakery ({n}).")}),
    );
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.send(request).await
}

fn two_per_minute(settings: &mut Settings) {
    settings.editing.rate_limit_per_ip = 2;
}

fn behind_local_proxy(settings: &mut Settings) {
    two_per_minute(settings);
    settings.operations.trusted_proxies = TrustedProxies::parse("127.0.0.1/32").unwrap();
}

configured_backend_tests! {
    two_per_minute;

    async fn spoofed_forwarded_headers_from_an_untrusted_peer_change_nothing(app: TestApp) {
        // Each request claims another client; all come from one peer.
        for (n, claimed) in ["203.0.113.1", "203.0.113.2"].iter().enumerate() {
            let reply = report(&app, &[("X-Forwarded-For", claimed), ("Forwarded", "for=198.51.100.9")]).await;
            assert_eq!(reply.status, 201, "request {n}: {}", reply.text);
        }
        let limited = report(&app, &[("X-Forwarded-For", "203.0.113.3")]).await;
        assert_problem(&limited, 429, "too_many_requests");
        assert!(limited.header("retry-after").parse::<u32>().is_ok_and(|s| s >= 1));
    }
}

configured_backend_tests! {
    behind_local_proxy;

    async fn behind_a_trusted_proxy_each_client_has_its_own_allowance(app: TestApp) {
        for _ in 0..2 {
            let reply = report(&app, &[("X-Forwarded-For", "203.0.113.1")]).await;
            assert_eq!(reply.status, 201, "{}", reply.text);
        }
        let limited = report(&app, &[("X-Forwarded-For", "203.0.113.1")]).await;
        assert_problem(&limited, 429, "too_many_requests");
        // A fake hop on the left does not make the same client another one:
        // the right-most untrusted hop is what the proxy saw.
        let spoofed = report(&app, &[("X-Forwarded-For", "198.51.100.7, 203.0.113.1")]).await;
        assert_problem(&spoofed, 429, "too_many_requests");
        let other = report(&app, &[("X-Forwarded-For", "203.0.113.2")]).await;
        assert_eq!(other.status, 201, "{}", other.text);
        // Only the configured header counts: `Forwarded` is ignored here.
        let ignored = report(&app, &[("Forwarded", "for=203.0.113.9")]).await;
        let direct = report(&app, &[("Forwarded", "for=203.0.113.10")]).await;
        let third = report(&app, &[("Forwarded", "for=203.0.113.11")]).await;
        assert_eq!((ignored.status, direct.status), (201, 201));
        assert_problem(&third, 429, "too_many_requests");
    }
}

#[tokio::test]
async fn the_forwarded_header_is_read_when_configured() {
    let app = TestApp::spawn_sqlite_with(|settings| {
        behind_local_proxy(settings);
        settings.operations.trusted_proxy_header =
            foreign_resident_directory::config::ForwardedHeader::Forwarded;
    })
    .await;
    let chain = r#"for="[2001:db8::1]:4711";proto=https, for=127.0.0.1"#;
    for _ in 0..2 {
        assert_eq!(report(&app, &[("Forwarded", chain)]).await.status, 201);
    }
    assert_problem(
        &report(&app, &[("Forwarded", chain)]).await,
        429,
        "too_many_requests",
    );
    // An IPv6 client is counted by its /64: the next address of the same
    // network shares the limit, an address of another network does not.
    assert_problem(
        &report(&app, &[("Forwarded", r#"for="[2001:db8::2]""#)]).await,
        429,
        "too_many_requests",
    );
    let other = report(
        &app,
        &[
            ("Forwarded", r#"for="[2001:db8:0:1::2]""#),
            ("X-Forwarded-For", "2001:db8::1"),
        ],
    )
    .await;
    assert_eq!(other.status, 201, "{}", other.text);
}

#[tokio::test]
async fn request_ids_are_echoed_from_trusted_proxies_and_made_up_otherwise() {
    let direct = TestApp::spawn_sqlite().await;
    let reply = direct
        .send(
            direct
                .client
                .get(direct.url("/healthz"))
                .header("X-Request-Id", "from-a-client"),
        )
        .await;
    let id = reply.header("x-request-id");
    assert_eq!(id.len(), 32, "{id}");
    assert_ne!(id, "from-a-client");
    let proxied = TestApp::spawn_sqlite_with(behind_local_proxy).await;
    let reply = proxied
        .send(
            proxied
                .client
                .get(proxied.url("/v1/listings?limit=1"))
                .header("X-Request-Id", "nginx-7f3a"),
        )
        .await;
    assert_eq!(reply.header("x-request-id"), "nginx-7f3a");
    let error = proxied.get("/v1/listings?limit=0", None).await;
    assert_eq!(
        error.header("x-request-id").len(),
        32,
        "errors carry one too"
    );
}

/// Every header a client might use to name another host.
const EVIL: [(&str, &str); 4] = [
    ("Host", "evil.example"),
    ("X-Forwarded-Host", "evil.example"),
    ("X-Forwarded-Proto", "javascript"),
    ("Forwarded", "host=evil.example;proto=https"),
];

async fn absolute_urls(app: &TestApp) -> Vec<String> {
    let mut bodies = Vec::new();
    for (path, accept) in [
        ("/hsds/", "application/json"),
        ("/embed/listings?category=job_cafe", "text/html"),
        (PLACE, "application/ld+json"),
        ("/v1/listings.ics", "text/calendar"),
    ] {
        let mut request = app.client.get(app.url(path)).header("Accept", accept);
        for (name, value) in EVIL {
            request = request.header(name, value);
        }
        let reply = app.send(request).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        assert!(
            !reply.text.contains("evil.example"),
            "{path}: {}",
            reply.text
        );
        assert!(!reply.text.contains("javascript:"), "{path}");
        bodies.push(reply.text);
    }
    bodies
}

#[tokio::test]
async fn no_client_supplied_host_reaches_a_body_from_any_peer() {
    let base = "https://directory.seoul.example";
    for trusted in [false, true] {
        let app = TestApp::spawn_sqlite_with(|settings| {
            settings.operations.public_base_url = Some(PublicBaseUrl::parse(base).unwrap());
            if trusted {
                settings.operations.trusted_proxies = TrustedProxies::parse("127.0.0.1").unwrap();
            }
        })
        .await;
        let bodies = absolute_urls(&app).await;
        let hsds: serde_json::Value = serde_json::from_str(&bodies[0]).unwrap();
        assert_eq!(
            hsds["openapi_url"],
            format!("{base}/openapi.json"),
            "trusted: {trusted}"
        );
        assert!(
            bodies[1].contains(&format!("href=\"{base}/embed/listings?")),
            "{}",
            bodies[1]
        );
        let jsonld: serde_json::Value = serde_json::from_str(&bodies[2]).unwrap();
        assert_eq!(jsonld["@id"], format!("{base}{PLACE}"));
    }
}

#[tokio::test]
async fn without_a_public_base_url_the_listening_address_is_the_base() {
    let app = TestApp::spawn_sqlite().await;
    let bodies = absolute_urls(&app).await;
    let hsds: serde_json::Value = serde_json::from_str(&bodies[0]).unwrap();
    assert_eq!(hsds["openapi_url"], app.url("/openapi.json"));
}
