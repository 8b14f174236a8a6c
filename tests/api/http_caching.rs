//! ETags, `Cache-Control` and 304s on every GET.

use foreign_resident_directory::domain::Category;

use crate::backend_tests;
use crate::helpers::{TestApp, insert_listing, test_listing};

const LIST: &str = "public, max-age=60, stale-while-revalidate=600";
const REFERENCE: &str = "public, max-age=3600, stale-while-revalidate=86400";

/// A strong entity tag: quoted, no `W/`.
fn assert_strong(etag: &str) {
    assert!(
        etag.starts_with('"') && etag.ends_with('"') && etag.len() > 2,
        "{etag:?}"
    );
}

async fn conditional(app: &TestApp, path: &str, etag: &str) -> crate::helpers::Reply {
    app.send(app.client.get(app.url(path)).header("If-None-Match", etag))
        .await
}

backend_tests! {
    async fn every_get_carries_a_strong_etag_and_a_cache_policy(app: TestApp) {
        for (path, policy) in [
            ("/v1/listings", LIST),
            ("/v1/listings/wego", LIST),
            ("/v1/categories", LIST),
            ("/embed/listings", LIST),
            ("/v1/cities", REFERENCE),
            ("/v1/cities/seoul/districts", REFERENCE),
            ("/v1/locales", LIST),
            ("/v1/translations/missing?locale=ja", LIST),
            ("/openapi.json", REFERENCE),
            ("/healthz", "no-store"),
        ] {
            let reply = app.get(path, None).await;
            assert_eq!(reply.status, 200, "{path}");
            assert_strong(reply.header("etag"));
            assert_eq!(reply.header("cache-control"), policy, "{path}");
        }
        for failing in ["/v1/listings?limit=0", "/v1/listings/nowhere", "/v2/nothing"] {
            let reply = app.get(failing, None).await;
            assert!(reply.status >= 400, "{failing}");
            assert!(reply.header("etag").is_empty(), "no ETag on an error: {failing}");
        }
    }

    async fn if_none_match_answers_304_with_no_body(app: TestApp) {
        let path = "/v1/listings?category=job_cafe&lang=ja";
        let full = app.get(path, None).await;
        let etag = full.header("etag");
        let again = conditional(&app, path, etag).await;
        assert_eq!(again.status, 304);
        assert!(again.body.is_empty(), "a 304 has no body");
        assert_eq!(again.header("etag"), etag);
        assert_eq!(again.header("cache-control"), LIST);
        let weak = conditional(&app, path, &format!("W/{etag}, \"other\"")).await;
        assert_eq!(weak.status, 304, "If-None-Match compares weakly");
        let stale = conditional(&app, path, "\"not-the-tag\"").await;
        assert_eq!(stale.status, 200);
        assert_eq!(stale.text, full.text);
    }

    async fn each_locale_is_its_own_representation(app: TestApp) {
        let japanese = app.get("/v1/cities", Some("ja")).await;
        let korean = app.get("/v1/cities", Some("ko")).await;
        assert_ne!(japanese.header("etag"), korean.header("etag"));
        let vary: Vec<_> = japanese.headers.get_all("vary").iter().map(|v| v.to_str().unwrap().to_ascii_lowercase()).collect();
        assert!(vary.iter().any(|v| v.contains("accept-language")), "{vary:?}");
        assert!(vary.iter().any(|v| v.contains("accept-encoding")), "{vary:?}");
        let cross = app.send(app.client.get(app.url("/v1/cities")).header("Accept-Language", "ko").header("If-None-Match", japanese.header("etag"))).await;
        assert_eq!(cross.status, 200, "a Japanese tag does not validate the Korean page");
    }

    async fn changing_data_changes_the_etag(app: TestApp) {
        let path = "/v1/listings?category=incubator";
        let before = app.get(path, None).await;
        let widget_before = app.get("/embed/listings?category=incubator", None).await;
        app.change_data(insert_listing(test_listing("zz-new-incubator", Category::Incubator, "New incubator"))).await;

        let after = app.get(path, None).await;
        assert_ne!(after.header("etag"), before.header("etag"));
        assert!(after.text.contains("New incubator"));
        let revalidated = conditional(&app, path, before.header("etag")).await;
        assert_eq!(revalidated.status, 200, "the old tag no longer validates");
        let widget_after = app.get("/embed/listings?category=incubator", None).await;
        assert_ne!(widget_after.header("etag"), widget_before.header("etag"));
    }
}

const PRIVATE: &str = "private, no-store";

/// The header names listed in a response's `Vary`, lower-cased.
fn vary(reply: &crate::helpers::Reply) -> Vec<String> {
    reply
        .headers
        .get_all("vary")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|v| v.trim().to_ascii_lowercase())
        .collect()
}

backend_tests! {
    async fn answers_that_need_a_key_are_never_shared(app: TestApp) {
        let admin = app.key(foreign_resident_directory::domain::editing::Role::Admin).await;
        for path in ["/v1/reports", "/v1/keys", "/v1/listings/wego/history"] {
            let anonymous = app.get(path, None).await;
            assert_eq!(anonymous.status, 401, "{path}");
            assert_eq!(anonymous.header("cache-control"), PRIVATE, "a 401 of {path}");
            let reply = app
                .send(app.client.get(app.url(path)).bearer_auth(&admin))
                .await;
            assert_eq!(reply.status, 200, "{path}: {}", reply.text);
            assert_eq!(reply.header("cache-control"), PRIVATE, "{path}");
        }
        // A public route asked with a key is answered privately too: a
        // shared cache must not store what was asked with credentials.
        let keyed = app
            .send(app.client.get(app.url("/v1/listings")).bearer_auth(&admin))
            .await;
        assert_eq!(keyed.status, 200);
        assert_eq!(keyed.header("cache-control"), PRIVATE);
        for failing in ["/v1/listings?limit=0", "/v1/listings/nowhere", "/v2/nothing"] {
            let reply = app.get(failing, None).await;
            assert_eq!(reply.header("cache-control"), PRIVATE, "{failing}");
        }
    }

    // Every header that changes a public answer is named in its `Vary`,
    // so that a shared cache never hands one representation to a client
    // that asked for another.
    async fn every_negotiated_representation_is_named_in_vary(app: TestApp) {
        let negotiations: [(&str, [&str; 2]); 3] = [
            ("accept", ["application/json", "application/geo+json, application/ld+json"]),
            ("accept-language", ["en", "ko"]),
            ("accept-encoding", ["identity", "gzip"]),
        ];
        for path in [
            "/v1/listings?category=job_cafe",
            "/v1/listings/wego",
            "/v1/listings.ics",
            "/v1/categories",
            "/v1/cities",
            "/v1/changes",
            "/embed/listings",
            "/hsds/services",
            "/v1/translations/missing?locale=ja",
        ] {
            for (name, [first, second]) in negotiations {
                let ask = |value: &str| app.client.get(app.url(path)).header(name, value);
                let a = app.send(ask(first)).await;
                let b = app.send(ask(second)).await;
                assert_eq!((a.status, b.status), (200, 200), "{path} {name}");
                let differs = a.body != b.body || a.header("content-type") != b.header("content-type");
                if differs {
                    for reply in [&a, &b] {
                        assert!(vary(reply).contains(&name.to_owned()), "{path} varies by {name}: {:?}", vary(reply));
                    }
                }
            }
        }
    }
}
