//! The effects of the middleware order (`api::http::layers::with_layers`): what
//! each layer relies on from the ones inside it.

use crate::backend_tests;
use crate::helpers::assert_problem;

backend_tests! {
    async fn a_refused_key_is_a_localized_uncacheable_problem_with_every_outer_header(app: TestApp) {
        let reply = app
            .send(
                app.client
                    .post(app.url("/v1/listings"))
                    .header("Authorization", "Bearer not-a-key")
                    .header("Accept-Language", "ja")
                    .header("Origin", "https://www.seoul.go.kr")
                    .body("{}"),
            )
            .await;
        // require_key (inside) refused it; negotiate_locale wrote the body.
        let problem = assert_problem(&reply, 401, "unauthorized");
        assert_eq!(problem["title"], "認証が必要です", "{problem}");
        assert!(reply.header("etag").is_empty(), "a problem has no ETag");
        // cache_policy saw the final status, security_headers and observe ran.
        assert!(reply.header("cache-control").contains("no-store"), "{:?}", reply.headers);
        assert_eq!(reply.header("x-content-type-options"), "nosniff");
        assert!(!reply.header("x-request-id").is_empty());
        // cors wraps it: a refused write names no origin but varies by it.
        assert!(reply.header("access-control-allow-origin").is_empty());
        assert!(reply.headers.get_all("vary").iter().any(|v| v.to_str().unwrap().contains("Origin")));
    }

    async fn a_compressed_answer_has_its_own_tag_and_its_304_keeps_the_outer_headers(app: TestApp) {
        let path = "/v1/listings/seoul-global-center";
        let identity = app.send(app.client.get(app.url(path))).await;
        let coded = app.send(app.client.get(app.url(path)).header("Accept-Encoding", "gzip")).await;
        assert_eq!(coded.header("content-encoding"), "gzip");
        // conditional_get tagged the identity body; tag_content_coding,
        // outside Compress, derived the coded body's tag from it.
        let tag = identity.header("etag").trim_end_matches('"');
        assert_eq!(coded.header("etag"), format!("{tag}-gzip\""));
        let revalidated = app
            .send(
                app.client
                    .get(app.url(path))
                    .header("Accept-Encoding", "gzip")
                    .header("If-None-Match", coded.header("etag"))
                    .header("Origin", "https://www.busan.go.kr"),
            )
            .await;
        assert_eq!(revalidated.status, 304);
        assert_eq!(revalidated.header("etag"), coded.header("etag"));
        assert_eq!(revalidated.header("cache-control"), coded.header("cache-control"));
        assert_eq!(revalidated.header("access-control-allow-origin"), "*");
        assert_eq!(revalidated.header("x-content-type-options"), "nosniff");
        assert!(!revalidated.header("x-request-id").is_empty());
    }
}
