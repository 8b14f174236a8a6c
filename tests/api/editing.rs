//! The write API: keys and roles, preconditions, validation, deletion and
//! history.

use foreign_resident_directory::domain::editing::Role;
use serde_json::{Value, json};

use crate::backend_tests;
use crate::helpers::{Reply, TestApp, assert_problem};

const PLACE: &str = "/v1/listings/seoul-global-center";

impl TestApp {
    /// A write with a key, an optional If-Match and a JSON body.
    pub async fn write(
        &self,
        method: &str,
        path: &str,
        key: Option<&str>,
        if_match: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.client.request(method, self.url(path));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        if let Some(tag) = if_match {
            request = request.header("If-Match", tag);
        }
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/merge-patch+json")
                .body(body.to_string());
        }
        self.send(request).await
    }
}

fn new_listing() -> Value {
    json!({
        "id": "test-help-desk",
        "category": "contact_point",
        "city": "seoul",
        "district": "jung",
        "location": {"latitude": 37.5641, "longitude": 126.9979},
        "phone": "+82-2-0100-0000",
        "website": "https://example.org/help",
        "languages": ["en", "ja"],
        "opening_hours": "Mo-Fr 09:00-18:00",
        "texts": {"en": {"name": "Test help desk"}, "ko": {"name": "테스트 안내 창구"}}
    })
}

backend_tests! {
    async fn a_write_without_a_valid_key_is_401(app: TestApp) {
        let attempts = [
            ("POST", "/v1/listings".to_owned()),
            ("PATCH", PLACE.to_owned()),
            ("DELETE", PLACE.to_owned()),
            ("PUT", format!("{PLACE}/content/ja")),
            ("GET", format!("{PLACE}/history")),
            ("POST", "/v1/imports".to_owned()),
            ("GET", "/v1/keys".to_owned()),
        ];
        for (method, path) in attempts {
            let reply = app.write(method, &path, None, Some("\"v1-en\""), Some(json!({}))).await;
            let problem = assert_problem(&reply, 401, "unauthorized");
            assert_eq!(reply.header("www-authenticate"), "Bearer", "{method} {path}");
            assert_eq!(problem["detail"], "This request needs a valid API key: send “Authorization: Bearer <key>”.");
        }
        let forged = "dir_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        let reply = app.write("PATCH", PLACE, Some(forged), Some("\"v1-en\""), Some(json!({}))).await;
        assert_problem(&reply, 401, "unauthorized");
        assert_eq!(app.get(PLACE, None).await.json()["phone"], "+82-2-2075-4112");
    }

    async fn a_translator_key_on_core_fields_is_403_but_may_translate(app: TestApp) {
        let translator = app.key(Role::Translator).await;
        let reply = app.write("PATCH", PLACE, Some(&translator), Some("\"v1-en\""), Some(json!({"phone": "+82-2-0100-0001"}))).await;
        let problem = assert_problem(&reply, 403, "forbidden");
        assert_eq!(problem, json!({
            "type": "/problems/forbidden", "title": "Not allowed", "status": 403,
            "detail": "A translator key may only change texts: PUT /v1/listings/{id}/content/{locale}, or a PATCH of “texts” only.",
            "instance": PLACE, "code": "forbidden"
        }));
        for (method, path) in [("DELETE", PLACE.to_owned()), ("POST", "/v1/listings".to_owned()), ("GET", format!("{PLACE}/history"))] {
            let reply = app.write(method, &path, Some(&translator), Some("\"v1-en\""), Some(new_listing())).await;
            assert_problem(&reply, 403, "forbidden");
        }

        let text = json!({"name": "ソウルグローバルセンター(改訂)", "summary": "改訂された概要。"});
        let reply = app.write("PUT", &format!("{PLACE}/content/ja"), Some(&translator), Some("\"v1-ko\""), Some(text)).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(reply.header("etag"), "\"v2-en\"");
        let japanese = app.get(&format!("{PLACE}?lang=ja"), None).await;
        assert_eq!(japanese.json()["name"], "ソウルグローバルセンター(改訂)");
        assert_eq!(japanese.header("etag"), "\"v2-ja\"");
        let reply = app.write("PATCH", PLACE, Some(&translator), Some("\"v2-ja\""), Some(json!({"texts": {"ko": {"summary": "새 요약"}}}))).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let unknown = app.write("PUT", &format!("{PLACE}/content/fr"), Some(&translator), Some("\"v3-en\""), Some(json!({"name": "x"}))).await;
        assert_eq!(assert_problem(&unknown, 422, "validation_failed")["errors"][0]["field"], "locale");
    }

    async fn a_write_answers_byte_for_byte_what_a_get_then_serves(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let path = "/v1/listings/test-help-desk";
        let same_as_get = |write: Reply, read: Reply, what: &str| {
            assert_eq!(write.header("etag"), read.header("etag"), "{what}");
            assert_eq!(write.header("content-type"), read.header("content-type"), "{what}");
            assert_eq!(write.text, read.text, "{what}");
            write.header("etag").to_owned()
        };
        let created = app.write("POST", "/v1/listings", Some(&editor), None, Some(new_listing())).await;
        assert_eq!(created.status, 201, "{}", created.text);
        // The write's answer is the full view: hours parsed for the city.
        assert!(created.json()["hours"]["description"].is_string(), "{}", created.text);
        let tag = same_as_get(created, app.get(path, None).await, "POST");

        let change = json!({"phone": "+82-2-0100-0009"});
        let patched = app.write("PATCH", path, Some(&editor), Some(&tag), Some(change)).await;
        assert_eq!(patched.status, 200, "{}", patched.text);
        let tag = same_as_get(patched, app.get(path, None).await, "PATCH");

        let text = json!({"name": "テスト案内窓口", "summary": "案内します。"});
        let put = app.write("PUT", &format!("{path}/content/ja?lang=ja"), Some(&editor), Some(&tag), Some(text)).await;
        assert_eq!(put.status, 200, "{}", put.text);
        assert_eq!(put.json()["name"], "テスト案内窓口");
        let tag = same_as_get(put, app.get(&format!("{path}?lang=ja"), None).await, "PUT content");

        // A write that changes nothing answers the stored listing, the same way.
        let noop = app.write("PATCH", path, Some(&editor), Some(&tag), Some(json!({}))).await;
        assert_eq!(noop.status, 200, "{}", noop.text);
        same_as_get(noop, app.get(path, None).await, "an empty PATCH");
    }

    async fn concurrent_patches_with_one_etag_leave_exactly_one_applied(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let other = app.key(Role::Editor).await;
        let tag = app.get(PLACE, None).await.header("etag").to_owned();
        assert_eq!(tag, "\"v1-en\"");
        let (first, second) = tokio::join!(
            app.write("PATCH", PLACE, Some(&editor), Some(&tag), Some(json!({"phone": "+82-2-0100-1111"}))),
            app.write("PATCH", PLACE, Some(&other), Some(&tag), Some(json!({"phone": "+82-2-0100-2222"}))),
        );
        let mut statuses = [first.status, second.status];
        statuses.sort();
        assert_eq!(statuses, [200, 412], "{} / {}", first.text, second.text);
        let (winner, loser) = if first.status == 200 { (&first, &second) } else { (&second, &first) };
        let problem = assert_problem(loser, 412, "precondition_failed");
        assert_eq!(problem["detail"], "The listing has changed since you read it; its current ETag is \"v2-en\". Read it again and reapply your change.");
        let now = app.get(PLACE, None).await;
        assert_eq!(now.header("etag"), "\"v2-en\"");
        assert_eq!(now.json()["phone"], winner.json()["phone"]);
        let history = app.write("GET", &format!("{PLACE}/history"), Some(&editor), None, None).await.json();
        let updates: Vec<&Value> = history["items"].as_array().unwrap().iter().filter(|e| e["action"] == "update").collect();
        assert_eq!(updates.len(), 1);
    }

    async fn writes_need_if_match_and_reads_answer_if_none_match(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let missing = app.write("PATCH", PLACE, Some(&editor), None, Some(json!({"sample": false}))).await;
        let problem = assert_problem(&missing, 428, "precondition_required");
        assert_eq!(problem["detail"], "Send the listing’s ETag in “If-Match”, so that no one else’s change is overwritten.");
        assert_problem(&app.write("DELETE", PLACE, Some(&editor), None, None).await, 428, "precondition_required");
        let stale = app.write("PATCH", PLACE, Some(&editor), Some("\"v7-en\""), Some(json!({"sample": false}))).await;
        assert_problem(&stale, 412, "precondition_failed");

        let first = app.get(&format!("{PLACE}?lang=ko"), None).await;
        assert_eq!(first.header("etag"), "\"v1-ko\"");
        let again = app.send(app.client.get(app.url(&format!("{PLACE}?lang=ko"))).header("If-None-Match", "\"v1-ko\"")).await;
        assert_eq!(again.status, 304);
        assert!(again.text.is_empty());
        assert_eq!(again.header("etag"), "\"v1-ko\"");
        let other_locale = app.send(app.client.get(app.url(PLACE)).header("If-None-Match", "\"v1-ko\"")).await;
        assert_eq!(other_locale.status, 200);
    }

    async fn invalid_fields_are_all_listed_with_localized_messages(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let mut body = new_listing();
        body["category"] = json!("restaurant");
        body["location"] = json!({"latitude": 91.0, "longitude": 126.9});
        body["phone"] = json!("02-123");
        body["opening_hours"] = json!("whenever");
        body["application_opens_at"] = json!("2026-03-01T00:00:00Z");
        body["application_closes_at"] = json!("2026-02-01T00:00:00Z");
        body["texts"] = json!({"ko": {"name": "이름"}});
        let request = app.client.post(app.url("/v1/listings?lang=ko")).bearer_auth(&editor).json(&body);
        let reply = app.send(request).await;
        let problem = assert_problem(&reply, 422, "validation_failed");
        assert_eq!(problem["detail"], "항목 6개가 올바르지 않습니다. “errors”를 확인해 주세요.");
        assert_eq!(problem["errors"], json!([
            {"field": "category", "code": "unknown_value", "detail": "“category” 항목에 “restaurant” 값은 쓸 수 없습니다. 등록된 값이 아닙니다."},
            {"field": "location.latitude", "code": "out_of_range", "detail": "“location.latitude” 항목은 -90에서 90 사이의 값이어야 합니다."},
            {"field": "phone", "code": "invalid_format", "detail": "“phone” 항목은 국제 형식 전화번호(예: +82-2-2075-4112)여야 합니다."},
            {"field": "opening_hours", "code": "invalid_opening_hours", "detail": "“opening_hours” 항목이 OpenStreetMap opening_hours 형식(예: Mo-Fr 09:00-18:00)이 아닙니다."},
            {"field": "application_closes_at", "code": "wrong_order", "detail": "“application_closes_at” 항목은 “application_opens_at” 항목보다 뒤여야 합니다."},
            {"field": "texts.en.name", "code": "required", "detail": "“texts.en.name” 항목은 필수입니다."},
        ]));
        assert_eq!(app.get("/v1/listings/test-help-desk", None).await.status, 404);
    }

    async fn a_deleted_listing_is_gone_from_reads_and_present_in_history(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let created = app.send(app.client.post(app.url("/v1/listings")).bearer_auth(&editor).json(&new_listing())).await;
        assert_eq!(created.status, 201, "{}", created.text);
        assert_eq!(created.header("location"), "/v1/listings/test-help-desk");
        assert_eq!(created.header("etag"), "\"v1-en\"");
        assert_eq!(created.json()["languages"], json!([{"code": "en", "name": "English"}, {"code": "ja", "name": "Japanese"}]));
        let again = app.send(app.client.post(app.url("/v1/listings")).bearer_auth(&editor).json(&new_listing())).await;
        assert_problem(&again, 409, "conflict");
        let path = "/v1/listings/test-help-desk";
        assert_eq!(app.get(path, None).await.status, 200);
        let total = app.get("/v1/listings?limit=1", None).await.json()["total"].as_i64().unwrap();

        let deleted = app.write("DELETE", path, Some(&editor), Some("\"v1-ja\""), None).await;
        assert_eq!(deleted.status, 204, "{}", deleted.text);
        assert_problem(&app.get(path, None).await, 404, "listing_not_found");
        assert_eq!(app.get("/v1/listings?limit=1", None).await.json()["total"], total - 1);
        assert_problem(&app.write("DELETE", path, Some(&editor), Some("\"v2-en\""), None).await, 404, "listing_not_found");

        let history = app.write("GET", &format!("{path}/history"), Some(&editor), None, None).await;
        assert_eq!(history.status, 200, "{}", history.text);
        let history = history.json();
        assert_eq!(history["listing_id"], "test-help-desk");
        assert_eq!(history["deleted"], true);
        let items = history["items"].as_array().unwrap();
        let actions: Vec<&str> = items.iter().map(|e| e["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "delete"]);
        assert!(items[0]["id"].as_i64() < items[1]["id"].as_i64());
        assert_eq!(items[0]["key"]["name"], "test key");
        assert_eq!(items[0]["before"], Value::Null);
        assert_eq!(items[0]["after"]["texts"]["ko"]["name"], "테스트 안내 창구");
        assert_eq!(items[1]["before"]["phone"], "+82-2-0100-0000");
        assert_eq!(items[1]["after"], Value::Null);
    }

    async fn an_unchanged_patch_keeps_the_version_and_responses_carry_security_headers(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let same = app.write("PATCH", PLACE, Some(&editor), Some("\"v1-en\""), Some(json!({"phone": "+82-2-2075-4112"}))).await;
        assert_eq!(same.status, 200);
        assert_eq!(same.header("etag"), "\"v1-en\"");
        for (name, value) in [
            ("x-content-type-options", "nosniff"),
            ("x-frame-options", "DENY"),
            ("referrer-policy", "no-referrer"),
            ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
        ] {
            assert_eq!(same.header(name), value);
        }
        let preflight = |method: &'static str| {
            app.client
                .request(reqwest::Method::OPTIONS, app.url(PLACE))
                .header("Origin", "https://elsewhere.example")
                .header("Access-Control-Request-Method", method)
        };
        // Reads are open to every origin; a write from an origin not on
        // CORS_ALLOWED_ORIGINS gets no CORS grant, which browsers refuse.
        let read = app.send(preflight("GET")).await;
        assert_eq!(read.header("access-control-allow-origin"), "*");
        let write = app.send(preflight("PATCH")).await;
        assert_eq!(write.header("access-control-allow-origin"), "");
        assert_eq!(write.header("access-control-allow-methods"), "");
    }
}

#[tokio::test]
async fn writes_beyond_the_per_key_limit_are_429_with_retry_after() {
    let app = TestApp::spawn_sqlite_with(|s| s.editing.rate_limit_per_key = 2).await;
    let editor = app.key(Role::Editor).await;
    for _ in 0..2 {
        let reply = app
            .write("PATCH", PLACE, Some(&editor), None, Some(json!({})))
            .await;
        assert_eq!(reply.status, 428);
    }
    let limited = app
        .write("PATCH", PLACE, Some(&editor), None, Some(json!({})))
        .await;
    let problem = assert_problem(&limited, 429, "too_many_requests");
    let wait: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=30).contains(&wait), "{wait}");
    assert_eq!(
        problem["detail"],
        format!("Too many writes. Try again in {wait} seconds.")
    );
    let other = app.key(Role::Editor).await;
    assert_eq!(
        app.write("PATCH", PLACE, Some(&other), None, Some(json!({})))
            .await
            .status,
        428
    );
}

#[tokio::test]
async fn an_admin_manages_keys_over_http_and_a_revoked_key_stops_working() {
    let app = TestApp::spawn_sqlite().await;
    let admin = app.key(Role::Admin).await;
    let created = app
        .write(
            "POST",
            "/v1/keys",
            Some(&admin),
            None,
            Some(json!({"role": "editor", "name": "Mapo office"})),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let issued = created.json();
    let key = issued["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with(&format!("dir_{}_", issued["prefix"].as_str().unwrap())));
    let listed = app
        .write("GET", "/v1/keys", Some(&admin), None, None)
        .await
        .json();
    assert!(
        !listed.to_string().contains(&key),
        "secrets are never listed"
    );
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    assert_eq!(
        app.write("PATCH", PLACE, Some(&key), None, Some(json!({})))
            .await
            .status,
        428
    );
    let id = issued["id"].as_i64().unwrap();
    assert_eq!(
        app.write(
            "DELETE",
            &format!("/v1/keys/{id}"),
            Some(&admin),
            None,
            None
        )
        .await
        .status,
        204
    );
    assert_problem(
        &app.write("PATCH", PLACE, Some(&key), None, Some(json!({})))
            .await,
        401,
        "unauthorized",
    );
    assert_problem(
        &app.write("GET", "/v1/keys", Some(&key), None, None).await,
        401,
        "unauthorized",
    );
    assert_problem(
        &app.write(
            "DELETE",
            &format!("/v1/keys/{id}"),
            Some(&admin),
            None,
            None,
        )
        .await,
        404,
        "key_not_found",
    );
}
