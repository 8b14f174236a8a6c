//! Instances keep their catalogs in step through the change log: every
//! write path appends to `listing_changes` in its own transaction, so a
//! second instance that learns of writes only from the log serves exactly
//! what the writing instance serves.

use std::collections::{BTreeMap, BTreeSet};

use foreign_resident_directory::db::{self, DbConnection, DbError};
use foreign_resident_directory::domain::editing::Role;
use serde_json::{Value, json};

use crate::backend_tests;
use crate::changes::new_listing;
use crate::helpers::TestApp;

const PLACE: &str = "/v1/listings/seoul-global-center";

/// Every live listing as `/v1/listings` serves it from the catalog, by id.
/// The parts that depend on the clock (hours now, a window's phrase) are
/// left out, as the two instances render a moment apart.
async fn listed(app: &TestApp) -> BTreeMap<String, Value> {
    let mut all = BTreeMap::new();
    let base = "/v1/listings?limit=100&lang=ja";
    let mut next = base.to_owned();
    loop {
        let reply = app.get(&next, None).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        let page = reply.json();
        for item in page["items"].as_array().unwrap() {
            let mut item = item.clone();
            let fields = item.as_object_mut().unwrap();
            fields.remove("hours");
            fields.remove("application_window");
            all.insert(fields["id"].as_str().unwrap().to_owned(), item);
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => next = format!("{base}&cursor={cursor}"),
            None => return all,
        }
    }
}

/// Lets `other` catch up from the log alone and checks that it now serves
/// what `app` serves; `step` names the write in failure messages.
async fn in_step(app: &TestApp, other: &TestApp, step: &str, logged: &mut i64) {
    let latest = app.state.db.run(db::changes::latest).await.unwrap();
    assert!(
        latest > *logged,
        "{step}: the write appended to the change log"
    );
    *logged = latest;
    // On PostgreSQL a NOTIFY wake-up may have caught `other` up already.
    other.state.refresh_if_changed().await.unwrap();
    let served = listed(app).await;
    assert_eq!(listed(other).await, served, "{step}");
    // The catalog holds each listing's version (what ETags are built
    // from), as the database has it.
    let stored = app.state.db.run(db::listings::all_live).await.unwrap();
    let held: Vec<Option<i64>> = {
        let catalog = other.state.catalog().read();
        let version = |id: &str| catalog.get(id).map(|entry| entry.version);
        stored
            .iter()
            .map(|s| version(s.listing.id.as_str()))
            .collect()
    };
    for (listing, held) in stored.iter().zip(held) {
        let id = listing.listing.id.as_str();
        assert_eq!(held, Some(listing.version), "{step}: version of {id}");
    }
    let again = other.state.refresh_if_changed().await.unwrap();
    assert!(!again, "{step}: nothing left to apply");
}

/// Live listing ids, and the listing ids the change log holds live when
/// replayed from its start.
fn live_and_logged(
    conn: &mut DbConnection,
) -> Result<(BTreeSet<String>, BTreeSet<String>), DbError> {
    let live = db::listings::all_live(conn)?
        .into_iter()
        .map(|stored| stored.listing.id.to_string())
        .collect();
    let logged = db::changes::catalog_batch(conn, 0, i64::MAX)?
        .live
        .into_iter()
        .map(|stored| stored.listing.id.to_string())
        .collect();
    Ok((live, logged))
}

async fn assert_log_covers_every_listing(app: &TestApp) {
    let (live, logged) = app.state.db.run(live_and_logged).await.unwrap();
    assert!(!live.is_empty());
    assert_eq!(logged, live, "every stored listing has a change row");
}

backend_tests! {
    async fn every_write_path_reaches_another_instance_through_the_change_log(app: TestApp) {
        let other = app.spawn_beside().await;
        assert_eq!(listed(&other).await, listed(&app).await, "both start from the same data");
        assert!(!other.state.refresh_if_changed().await.unwrap(), "nothing to apply at start");
        let editor = app.key(Role::Editor).await;
        let translator = app.key(Role::Translator).await;
        let mut logged = app.state.db.run(db::changes::latest).await.unwrap();

        for (id, name) in [("sync-one", "Sync one"), ("sync-two", "Sync two")] {
            let reply = app.write("POST", "/v1/listings", Some(&editor), None, Some(new_listing(id, name))).await;
            assert_eq!(reply.status, 201, "{}", reply.text);
        }
        in_step(&app, &other, "create", &mut logged).await;

        let patch = json!({"district": "mapo", "texts": {"ko": {"name": "동기화 하나"}}});
        let reply = app.write("PATCH", "/v1/listings/sync-one", Some(&editor), Some("\"v1-en\""), Some(patch)).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        in_step(&app, &other, "update", &mut logged).await;

        let stale = app.write("PATCH", "/v1/listings/sync-one", Some(&editor), Some("\"v1-en\""), Some(json!({"sample": true}))).await;
        assert_eq!(stale.status, 412, "{}", stale.text);
        assert!(!other.state.refresh_if_changed().await.unwrap(), "a refused write logs nothing");

        let text = json!({"name": "同期その一", "summary": "翻訳された概要。"});
        let reply = app.write("PUT", "/v1/listings/sync-one/content/ja", Some(&translator), Some("\"v2-en\""), Some(text)).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        in_step(&app, &other, "PUT content", &mut logged).await;

        let reply = app.write("DELETE", "/v1/listings/sync-two", Some(&editor), Some("\"v1-en\""), None).await;
        assert_eq!(reply.status, 204, "{}", reply.text);
        in_step(&app, &other, "delete", &mut logged).await;

        let csv = "id,category,city,district,name_en\nsync-imported,contact_point,seoul,jung,Imported desk\nseoul-global-center,contact_point,seoul,jung,Renamed centre\n";
        let request = app.client.post(app.url("/v1/imports")).bearer_auth(&editor)
            .header("Content-Type", "text/csv; charset=utf-8").body(csv);
        let reply = app.send(request).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        in_step(&app, &other, "CSV import", &mut logged).await;

        let export = app.get("/v1/translations/ja.ftl", None).await.text;
        let untranslated = "# listing-sync-imported-name =\n";
        assert!(export.contains(untranslated), "{export}");
        let edited = export.replace(untranslated, "listing-sync-imported-name = 取り込まれた窓口\n");
        let request = app.client.put(app.url("/v1/translations/ja.ftl")).bearer_auth(&translator)
            .header("Content-Type", "text/plain; charset=utf-8").body(edited);
        let reply = app.send(request).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        in_step(&app, &other, "translations import", &mut logged).await;
        assert_eq!(listed(&other).await["sync-imported"]["name"], "取り込まれた窓口");

        let report = json!({"kind": "wrong_phone", "message": "The number rings a bakery."});
        let created = app.send(app.client.post(app.url(&format!("{PLACE}/reports"))).json(&report)).await;
        assert_eq!(created.status, 201, "{}", created.text);
        let id = created.json()["report"]["id"].as_i64().unwrap();
        let resolution = json!({"resolution": "fixed", "verified": true});
        let request = app.client.post(app.url(&format!("/v1/reports/{id}/resolve"))).bearer_auth(&editor).json(&resolution);
        let reply = app.send(request).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        in_step(&app, &other, "report resolution that re-verifies", &mut logged).await;
        let today = chrono::Utc::now().date_naive().to_string();
        assert_eq!(listed(&other).await["seoul-global-center"]["verified_at"], today.as_str());
    }

    async fn the_demo_data_is_in_the_change_log(app: TestApp) {
        assert_log_covers_every_listing(&app).await;
    }
}

/// `directory generate` logs each listing it stores, so instances that
/// were running while it filled the database pick the listings up.
#[tokio::test]
async fn generated_listings_are_in_the_change_log() {
    let app = TestApp::spawn_sqlite_generated(30).await;
    assert_log_covers_every_listing(&app).await;
    assert_eq!(
        app.get("/v1/listings?limit=1", None).await.json()["total"],
        30
    );
}
