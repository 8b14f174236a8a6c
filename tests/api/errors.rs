//! Every failure is a localized RFC 9457 problem.

use crate::backend_tests;
use crate::helpers::assert_problem;

backend_tests! {
    async fn an_out_of_range_limit_names_the_parameter_and_bounds(app: TestApp) {
        for limit in ["0", "101", "abc", "-5"] {
            let reply = app.get(&format!("/v1/listings?limit={limit}"), Some("ja")).await;
            let problem = assert_problem(&reply, 400, "invalid_parameter");
            assert_eq!(problem["parameter"], "limit");
            assert_eq!(problem["title"], "パラメータが不正です");
            assert_eq!(
                problem["detail"],
                "パラメータ「limit」は1から100までの整数で指定してください。"
            );
        }
    }

    async fn a_value_of_the_wrong_form_is_answered_with_the_form_and_an_example(app: TestApp) {
        // Latitude first, as in `near`: a bounding box is west,south,east,north.
        let reply = app.get("/v1/listings?bbox=37.5,126.9,37.6,127.1", Some("ja")).await;
        let problem = assert_problem(&reply, 400, "invalid_parameter");
        assert_eq!(problem["parameter"], "bbox");
        assert_eq!(
            problem["detail"],
            "「bbox」の値の形式が正しくありません。「126.95,37.50,127.10,37.60」のように指定してください（形式：west,south,east,north）。"
        );
        let reply = app.get("/v1/listings?open_at=tomorrow", Some("zh-Hans")).await;
        let problem = assert_problem(&reply, 400, "invalid_parameter");
        assert_eq!(
            problem["detail"],
            "“open_at”的值格式不正确，应写作“2026-09-24T11:00:00+09:00”（格式：RFC 3339）。"
        );
        // A parameter whose form needs no example keeps the short detail.
        let reply = app.get("/v1/listings?cursor=not-a-cursor", Some("en")).await;
        let problem = assert_problem(&reply, 400, "invalid_parameter");
        assert_eq!(problem["detail"], "The value of “cursor” is not in the expected form.");
    }

    async fn unknown_codes_and_bad_cursors_are_400(app: TestApp) {
        let reply = app.get("/v1/listings?category=restaurant", None).await;
        let problem = assert_problem(&reply, 400, "invalid_parameter");
        assert_eq!(problem["detail"], "“restaurant” is not a known value of “category”.");
        for query in ["district=atlantis", "city=gotham", "language=!!", "cursor=not-a-cursor"] {
            let reply = app.get(&format!("/v1/listings?{query}"), None).await;
            assert_problem(&reply, 400, "invalid_parameter");
        }
        let repeated = app.get("/v1/listings?limit=1&limit=2", Some("ko")).await;
        let problem = assert_problem(&repeated, 400, "invalid_parameter");
        assert_eq!(problem["detail"], "쿼리 또는 경로 매개변수를 읽을 수 없습니다.");
    }

    async fn unknown_routes_are_404_and_wrong_methods_405_with_allow(app: TestApp) {
        let reply = app.get("/v2/nothing", Some("zh-Hans")).await;
        let problem = assert_problem(&reply, 404, "route_not_found");
        assert_eq!(problem["title"], "未找到");

        // Listings are writable now (see editing.rs): categories are not.
        let post = app.send(app.client.post(app.url("/v1/categories")).body("{}")).await;
        let problem = assert_problem(&post, 405, "method_not_allowed");
        assert_eq!(post.header("allow"), "GET");
        assert_eq!(problem["detail"], "POST is not allowed here. Allowed: GET.");
        let delete = app.send(app.client.delete(app.url("/v1/cities/seoul/districts"))).await;
        assert_problem(&delete, 405, "method_not_allowed");
        let put = app.send(app.client.put(app.url("/v1/listings/wego"))).await;
        assert_problem(&put, 405, "method_not_allowed");
        assert_eq!(put.header("allow"), "GET, PATCH, DELETE");
    }

    async fn every_route_answers_405_with_allow_for_every_method_it_lacks(app: TestApp) {
        let document = app.get("/openapi.json", None).await.json();
        let mut routes: Vec<(String, Vec<String>)> = document["paths"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(template, item)| {
                let methods = ["get", "post", "put", "patch", "delete"]
                    .into_iter()
                    .filter(|m| item.get(*m).is_some())
                    .map(str::to_uppercase)
                    .collect();
                (concrete(template), methods)
            })
            .collect();
        routes.push(("/openapi.json".into(), vec!["GET".into()]));
        routes.push(("/docs/".into(), vec!["GET".into()]));
        routes.push(("/docs/swagger-ui.css".into(), vec!["GET".into()]));
        for (path, methods) in &routes {
            for method in ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"] {
                if methods.iter().any(|m| m == method) {
                    continue;
                }
                let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
                let reply = app.send(app.client.request(method.clone(), app.url(path))).await;
                let problem = assert_problem(&reply, 405, "method_not_allowed");
                assert_eq!(reply.header("allow"), methods.join(", "), "{method} {path}");
                assert_eq!(problem["instance"], *path);
            }
        }
    }

    async fn malformed_language_headers_never_fail_a_request(app: TestApp) {
        for header in ["", ";;;", "*;q=abc", "ja;q=2", "12345678901234567890", "zh-TW;q=0.5,xx;q=0"] {
            let reply = app.get("/v1/cities", Some(header)).await;
            assert_eq!(reply.status, 200, "{header:?}");
        }
        let traditional = app.get("/v1/cities", Some("zh-TW")).await;
        assert_eq!(traditional.header("content-language"), "zh-Hans");
        let weighted = app.get("/v1/cities", Some("fr;q=0.9, ko;q=0.8, ja;q=0.7")).await;
        assert_eq!(weighted.header("content-language"), "ko");
        let lang_wins = app.get("/v1/cities?lang=ja-JP", Some("ko")).await;
        assert_eq!(lang_wins.header("content-language"), "ja");
        let unknown_lang = app.get("/v1/cities?lang=xx", None).await;
        assert_eq!(unknown_lang.header("content-language"), "en");
    }
}

/// A path of `template` with a value in each variable.
fn concrete(template: &str) -> String {
    template
        .replace("{locale}", "ja")
        .replace("{city}", "seoul")
        .replace("{id}", "seoul-global-center")
}
