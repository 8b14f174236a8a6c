//! The change feed (`GET /v1/changes`) and verification reports.

use std::collections::BTreeMap;

use foreign_resident_directory::domain::editing::Role;
use serde_json::{Value, json};

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem};

const PLACE: &str = "/v1/listings/seoul-global-center";

/// Replays the feed from `since` (or the start) into `held`, as a mobile
/// client does; returns the last cursor and the number of pages read.
async fn replay(
    app: &TestApp,
    held: &mut BTreeMap<String, Value>,
    since: Option<String>,
    limit: u32,
    lang: &str,
) -> (String, usize) {
    let mut cursor = since;
    let mut pages = 0;
    loop {
        let path = match &cursor {
            Some(c) => format!("/v1/changes?since={c}&limit={limit}&lang={lang}"),
            None => format!("/v1/changes?limit={limit}&lang={lang}"),
        };
        let reply = app.get(&path, None).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        let page = reply.json();
        pages += 1;
        let changes = page["changes"].as_array().unwrap();
        assert!(changes.len() <= limit as usize);
        for change in changes {
            let id = change["id"].as_str().unwrap().to_owned();
            if change["deleted"] == true {
                assert!(change["deleted_at"].is_string(), "{change}");
                held.remove(&id);
            } else {
                held.insert(id, change.clone());
            }
        }
        cursor = Some(page["next_cursor"].as_str().unwrap().to_owned());
        if page["has_more"] == false {
            return (cursor.unwrap_or_default(), pages);
        }
    }
}

/// Every live listing, id to name, by walking `/v1/listings`.
async fn directory(app: &TestApp, lang: &str) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    let base = format!("/v1/listings?limit=100&lang={lang}");
    let mut next = base.clone();
    loop {
        let page = app.get(&next, None).await.json();
        for item in page["items"].as_array().unwrap() {
            all.insert(
                item["id"].as_str().unwrap().to_owned(),
                item["name"].clone(),
            );
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => next = format!("{base}&cursor={cursor}"),
            None => return all,
        }
    }
}

fn names(held: &BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    held.iter()
        .map(|(id, view)| (id.clone(), view["name"].clone()))
        .collect()
}

/// A listing document for `POST /v1/listings`, named in English and Korean.
pub(crate) fn new_listing(id: &str, name: &str) -> Value {
    json!({
        "id": id, "category": "contact_point", "city": "seoul", "district": "jung",
        "languages": ["en"], "texts": {"en": {"name": name}, "ko": {"name": format!("{name} (ko)")}}
    })
}

backend_tests! {
    async fn a_replayed_feed_holds_exactly_the_listings_after_creates_updates_and_deletes(app: TestApp) {
        let mut held = BTreeMap::new();
        let (start, pages) = replay(&app, &mut held, None, 50, "ko").await;
        assert!(pages > 1, "the demo data spans several pages");
        assert_eq!(names(&held), directory(&app, "ko").await, "the demo data is in the feed");
        let place = held.get("seoul-global-center").unwrap();
        assert_eq!(place, &app.get(&format!("{PLACE}?lang=ko"), None).await.json(), "the same view as GET /v1/listings/{{id}}");

        let editor = app.key(Role::Editor).await;
        for (id, name) in [("feed-one", "Feed one"), ("feed-two", "Feed two")] {
            let reply = app.write("POST", "/v1/listings", Some(&editor), None, Some(new_listing(id, name))).await;
            assert_eq!(reply.status, 201, "{}", reply.text);
        }
        let reply = app.write("PATCH", "/v1/listings/feed-one", Some(&editor), Some("\"v1-en\""), Some(json!({"texts": {"ko": {"name": "피드 하나"}}}))).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let reply = app.write("DELETE", "/v1/listings/feed-two", Some(&editor), Some("\"v1-en\""), None).await;
        assert_eq!(reply.status, 204, "{}", reply.text);
        let reply = app.write("DELETE", PLACE, Some(&editor), Some("\"v1-en\""), None).await;
        assert_eq!(reply.status, 204, "{}", reply.text);

        // A client that synced before the writes catches up from its cursor…
        let mut synced = held.clone();
        let (_, _) = replay(&app, &mut synced, Some(start.clone()), 2, "ko").await;
        let expected = directory(&app, "ko").await;
        assert_eq!(names(&synced), expected);
        assert_eq!(synced["feed-one"]["name"], "피드 하나");
        assert!(!synced.contains_key("feed-two") && !synced.contains_key("seoul-global-center"));
        // …and a new client replaying from the start ends up the same.
        let mut fresh = BTreeMap::new();
        replay(&app, &mut fresh, None, 1000, "ko").await;
        assert_eq!(names(&fresh), expected);

        // The catch-up holds tombstones for both deletes and nothing older.
        let page = app.get(&format!("/v1/changes?since={start}&limit=1000"), None).await.json();
        let changes = page["changes"].as_array().unwrap();
        let ids: Vec<&str> = changes.iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["feed-one", "feed-two", "seoul-global-center"], "each listing once, by latest change");
        assert_eq!(changes[1]["deleted"], true);
        assert_eq!(changes[2]["deleted"], true);
        assert_eq!(changes[1].as_object().unwrap().len(), 3, "{}", changes[1]);
        assert_eq!(page["has_more"], false);
        let end = page["next_cursor"].as_str().unwrap();
        let idle = app.get(&format!("/v1/changes?since={end}"), None).await.json();
        assert_eq!(idle, json!({"changes": [], "next_cursor": end, "has_more": false}));
    }

    async fn imported_rows_enter_the_feed_and_a_dry_run_does_not(app: TestApp) {
        let start = app.get("/v1/changes?limit=1000", None).await.json()["next_cursor"].as_str().unwrap().to_owned();
        let editor = app.key(Role::Editor).await;
        let csv = "id,category,city,district,name_en\nfeed-imported,contact_point,seoul,jung,Imported desk\nseoul-global-center,contact_point,seoul,jung,Renamed centre\n";
        for query in ["?dry_run=true", ""] {
            let request = app.client.post(app.url(&format!("/v1/imports{query}"))).bearer_auth(&editor)
                .header("Content-Type", "text/csv; charset=utf-8").body(csv);
            let reply = app.send(request).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
            let feed = app.get(&format!("/v1/changes?since={start}"), None).await.json();
            let ids: Vec<&str> = feed["changes"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
            if query.is_empty() {
                assert_eq!(ids.len(), 2, "{feed}");
                assert!(ids.contains(&"feed-imported") && ids.contains(&"seoul-global-center"), "{feed}");
            } else {
                assert!(ids.is_empty(), "a dry run writes nothing: {feed}");
            }
        }
        let mut held = BTreeMap::new();
        replay(&app, &mut held, None, 1000, "en").await;
        assert_eq!(names(&held), directory(&app, "en").await);
        assert_eq!(held["seoul-global-center"]["name"], "Renamed centre");
    }

    async fn bad_cursors_and_limits_are_localized_400s(app: TestApp) {
        let reply = app.get("/v1/changes?since=not-a-cursor", Some("ja")).await;
        assert_eq!(assert_problem(&reply, 400, "invalid_parameter")["parameter"], "since");
        for limit in ["0", "1001", "many"] {
            let reply = app.get(&format!("/v1/changes?limit={limit}"), None).await;
            assert_eq!(assert_problem(&reply, 400, "invalid_parameter")["parameter"], "limit");
        }
    }
}

impl TestApp {
    /// A JSON POST, anonymous unless a key is given, in a locale.
    async fn post_json(
        &self,
        path: &str,
        key: Option<&str>,
        lang: &str,
        body: Value,
    ) -> crate::helpers::Reply {
        let mut request = self
            .client
            .post(self.url(path))
            .header("Accept-Language", lang)
            .json(&body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        self.send(request).await
    }
}

fn report() -> Value {
    json!({"kind": "wrong_phone", "message": "The number rings a bakery.", "contact": "resident@example.org"})
}

backend_tests! {
    async fn anyone_may_report_a_problem_and_gets_a_localized_answer(app: TestApp) {
        let reply = app.post_json(&format!("{PLACE}/reports"), None, "ko", report()).await;
        assert_eq!(reply.status, 201, "{}", reply.text);
        let body = reply.json();
        assert_eq!(body["acknowledgement"], "신고해 주셔서 감사합니다. 편집자가 확인하겠습니다.");
        let stored = &body["report"];
        assert_eq!(stored["listing_id"], "seoul-global-center");
        assert_eq!(stored["kind"], "wrong_phone");
        assert_eq!(stored["status"], "open");
        assert_eq!(stored["contact"], "resident@example.org");
        assert!(stored["id"].as_i64().is_some() && stored["created_at"].is_string());
        let missing = app.post_json("/v1/listings/no-such-place/reports", None, "en", report()).await;
        assert_problem(&missing, 404, "listing_not_found");
    }

    async fn an_invalid_report_is_422_with_every_field_localized(app: TestApp) {
        let bad = json!({"kind": "broken", "message": "  ", "contact": "not an address"});
        let reply = app.post_json(&format!("{PLACE}/reports"), None, "en", bad.clone()).await;
        let problem = assert_problem(&reply, 422, "validation_failed");
        assert_eq!(problem["errors"], json!([
            {"field": "kind", "code": "unknown_value", "detail": "“broken” is not a known value of “kind”."},
            {"field": "message", "code": "required", "detail": "“message” is required."},
            {"field": "contact", "code": "invalid_format", "detail": "“contact” must be an e-mail address."},
        ]));
        let japanese = assert_problem(&app.post_json(&format!("{PLACE}/reports"), None, "ja", bad).await, 422, "validation_failed");
        for (en, ja) in problem["errors"].as_array().unwrap().iter().zip(japanese["errors"].as_array().unwrap()) {
            assert_eq!(en["code"], ja["code"]);
            assert_ne!(en["detail"], ja["detail"], "{ja}");
        }
        let long = json!({"kind": "other", "message": "x".repeat(1001)});
        let reply = app.post_json(&format!("{PLACE}/reports"), None, "en", long).await;
        assert_eq!(assert_problem(&reply, 422, "validation_failed")["errors"][0]["code"], "too_long");
    }

    async fn editors_resolve_reports_and_a_verified_fix_is_audited_and_in_the_feed(app: TestApp) {
        let created = app.post_json(&format!("{PLACE}/reports"), None, "en", report()).await.json();
        let id = created["report"]["id"].as_i64().unwrap();
        assert_problem(&app.get("/v1/reports", None).await, 401, "unauthorized");
        let translator = app.key(Role::Translator).await;
        let reply = app.write("GET", "/v1/reports", Some(&translator), None, None).await;
        assert_problem(&reply, 403, "forbidden");

        let editor = app.key(Role::Editor).await;
        let queue = app.write("GET", "/v1/reports?status=open", Some(&editor), None, None).await.json();
        assert_eq!(queue["items"], json!([created["report"]]));
        let page = app.get("/v1/changes?limit=1000", None).await.json();
        let cursor = page["next_cursor"].as_str().unwrap().to_owned();

        let resolution = json!({"resolution": "fixed", "note": "Called them.", "verified": true});
        let path = format!("/v1/reports/{id}/resolve");
        let reply = app.post_json(&path, Some(&editor), "en", resolution.clone()).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let resolved = reply.json();
        assert_eq!((resolved["status"].as_str(), resolved["note"].as_str()), (Some("fixed"), Some("Called them.")));
        assert!(resolved["resolved_at"].is_string() && resolved["resolved_by"].is_i64());
        // One view: the resolution answers the report as the queue lists it.
        let queue = app.write("GET", "/v1/reports?status=fixed", Some(&editor), None, None).await.json();
        assert_eq!(queue["items"], json!([resolved]));

        let today = chrono::Utc::now().date_naive().to_string();
        let listing = app.get(PLACE, None).await;
        assert_eq!(listing.json()["verified_at"], today.as_str());
        assert_eq!(listing.header("etag"), "\"v2-en\"");
        let history = app.write("GET", &format!("{PLACE}/history"), Some(&editor), None, None).await.json();
        let last = history["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["action"], "update");
        assert_eq!(last["after"]["verified_at"], today.as_str());
        let feed = app.get(&format!("/v1/changes?since={cursor}"), None).await.json();
        assert_eq!(feed["changes"][0]["id"], "seoul-global-center");
        assert_eq!(feed["changes"][0]["verified_at"], today.as_str());

        let again = app.post_json(&path, Some(&editor), "en", resolution).await;
        assert_problem(&again, 409, "conflict");
        let open = app.write("GET", "/v1/reports", Some(&editor), None, None).await.json();
        assert_eq!(open["items"], json!([]));
        let fixed = app.write("GET", "/v1/reports?status=fixed", Some(&editor), None, None).await.json();
        assert_eq!(fixed["items"][0]["id"], id);
        let unknown = app.post_json("/v1/reports/99999/resolve", Some(&editor), "ja", json!({"resolution": "rejected"})).await;
        assert_problem(&unknown, 404, "report_not_found");
        let invalid = app.post_json(&path, Some(&editor), "en", json!({"resolution": "maybe"})).await;
        assert_problem(&invalid, 422, "validation_failed");
    }
}

#[tokio::test]
async fn reports_beyond_the_per_ip_limit_are_429_with_retry_after() {
    let app = TestApp::spawn_sqlite_with(|s| s.editing.rate_limit_per_ip = 2).await;
    for n in 0..2 {
        let mut distinct = report();
        distinct["message"] = json!(format!("The number rings a bakery ({n})."));
        let reply = app
            .post_json(&format!("{PLACE}/reports"), None, "en", distinct)
            .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    let limited = app
        .post_json(&format!("{PLACE}/reports"), None, "en", report())
        .await;
    assert_problem(&limited, 429, "too_many_requests");
    let wait: u64 = limited.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
}
