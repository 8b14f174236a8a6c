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

fn new_listing(id: &str, name: &str) -> Value {
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

    async fn bad_cursors_and_limits_are_localized_400s(app: TestApp) {
        let reply = app.get("/v1/changes?since=not-a-cursor", Some("ja")).await;
        assert_eq!(assert_problem(&reply, 400, "invalid_parameter")["parameter"], "since");
        for limit in ["0", "1001", "many"] {
            let reply = app.get(&format!("/v1/changes?limit={limit}"), None).await;
            assert_eq!(assert_problem(&reply, 400, "invalid_parameter")["parameter"], "limit");
        }
    }
}
