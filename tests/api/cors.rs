//! CORS: public reads for every origin, the rest for the allowlist only.

use foreign_resident_directory::config::AllowedOrigins;

use crate::backend_tests;
use crate::helpers::TestApp;

fn preflight(app: &TestApp, origin: &str, method: &str) -> reqwest::RequestBuilder {
    app.client
        .request(reqwest::Method::OPTIONS, app.url("/v1/listings"))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", method)
        .header("Access-Control-Request-Headers", "if-none-match")
}

backend_tests! {
    async fn public_gets_answer_any_origin_and_preflights_are_cached(app: TestApp) {
        for origin in ["https://www.seoul.go.kr", "http://localhost:5173", "null"] {
            let reply = app.send(app.client.get(app.url("/v1/listings?limit=1")).header("Origin", origin)).await;
            assert_eq!(reply.status, 200);
            assert_eq!(reply.header("access-control-allow-origin"), "*");
            assert!(reply.header("access-control-expose-headers").contains("ETag"));
        }
        let reply = app.send(preflight(&app, "https://www.busan.go.kr", "GET")).await;
        assert_eq!(reply.status, 204);
        assert_eq!(reply.header("access-control-allow-origin"), "*");
        assert_eq!(reply.header("access-control-allow-methods"), "GET, HEAD");
        assert!(reply.header("access-control-allow-headers").contains("If-None-Match"));
        assert_eq!(reply.header("access-control-max-age"), "86400");
        let not_modified = app.get("/v1/locales", None).await;
        let revalidated = app
            .send(app.client.get(app.url("/v1/locales")).header("Origin", "https://x.example").header("If-None-Match", not_modified.header("etag")))
            .await;
        assert_eq!(revalidated.status, 304);
        assert_eq!(revalidated.header("access-control-allow-origin"), "*", "a 304 is readable cross-origin too");
    }

    async fn other_methods_are_refused_to_origins_not_allowlisted(app: TestApp) {
        let reply = app.send(preflight(&app, "https://evil.example", "POST")).await;
        assert!(reply.header("access-control-allow-origin").is_empty());
        assert!(reply.header("access-control-allow-methods").is_empty());
        let post = app.send(app.client.post(app.url("/v1/listings")).header("Origin", "https://evil.example")).await;
        assert!(post.header("access-control-allow-origin").is_empty());
        let vary: Vec<_> = post.headers.get_all("vary").iter().map(|v| v.to_str().unwrap()).collect();
        assert!(vary.contains(&"Origin"), "{vary:?}");
    }
}

#[tokio::test]
async fn allowlisted_origins_may_use_every_method() {
    let admin = "https://admin.example.org";
    let app = TestApp::spawn_sqlite_with(|settings| {
        settings.cors_allowed_origins = AllowedOrigins::parse(admin).unwrap();
    })
    .await;
    let reply = app.send(preflight(&app, admin, "DELETE")).await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("access-control-allow-origin"), admin);
    assert!(
        reply
            .header("access-control-allow-methods")
            .contains("DELETE")
    );
    assert_eq!(reply.header("vary"), "Origin");
    let other = app
        .send(preflight(
            &app,
            "https://admin.example.org.evil.example",
            "DELETE",
        ))
        .await;
    assert!(other.header("access-control-allow-origin").is_empty());
}

/// An admin console on an allowed origin reads reports and keys with its
/// key; other origins cannot read such answers.
#[tokio::test]
async fn allowlisted_origins_may_send_a_key_on_reads() {
    let admin = "https://admin.example.org";
    let app = TestApp::spawn_sqlite_with(|settings| {
        settings.cors_allowed_origins = AllowedOrigins::parse(admin).unwrap();
    })
    .await;
    let ask = |origin: &str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/v1/reports"))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization")
    };
    let reply = app.send(ask(admin)).await;
    assert_eq!(reply.header("access-control-allow-origin"), admin);
    assert!(
        reply
            .header("access-control-allow-headers")
            .contains("Authorization")
    );
    let other = app.send(ask("https://www.seoul.go.kr")).await;
    assert!(
        !other
            .header("access-control-allow-headers")
            .contains("Authorization")
    );

    let key = app
        .key(foreign_resident_directory::domain::editing::Role::Admin)
        .await;
    let read = |origin: &str| {
        app.client
            .get(app.url("/v1/reports"))
            .bearer_auth(&key)
            .header("Origin", origin)
    };
    let allowed = app.send(read(admin)).await;
    assert_eq!(allowed.status, 200);
    assert_eq!(allowed.header("access-control-allow-origin"), admin);
    let elsewhere = app.send(read("https://evil.example")).await;
    assert!(elsewhere.header("access-control-allow-origin").is_empty());
}
