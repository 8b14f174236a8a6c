//! Faults answered as faults: with the database unreachable (PostgreSQL
//! behind a relay the test cuts) or damaged (the SQLite file overwritten
//! with garbage), readiness says 503 within 2 s, liveness and the public
//! lists keep answering from memory, everything that needs the database
//! answers 503 with `Retry-After` within 2 s (never a 500, never a hang),
//! and it all recovers without a restart.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use foreign_resident_directory::db::DatabaseUrl;
use foreign_resident_directory::domain::editing::Role;
use serde_json::json;

use crate::helpers::{Reply, TestApp, assert_problem};
use crate::instances::{desk, postgres_behind_relay};

const PLACE: &str = "/v1/listings/seoul-global-center";

/// A reply and how long it took.
async fn timed(app: &TestApp, request: reqwest::RequestBuilder) -> (Reply, Duration) {
    let started = Instant::now();
    let reply = tokio::time::timeout(Duration::from_secs(10), app.send(request))
        .await
        .expect("an answer, not a hang");
    (reply, started.elapsed())
}

fn assert_unavailable(reply: &Reply, took: Duration, what: &str) {
    assert_problem(reply, 503, "service_unavailable");
    let wait: u32 = reply
        .header("retry-after")
        .parse()
        .unwrap_or_else(|_| panic!("{what}: Retry-After"));
    assert!(wait >= 1, "{what}");
    assert!(took < Duration::from_secs(2), "{what} took {took:?}");
}

/// What a client sees while the database is away.
async fn assert_degraded(app: &TestApp, editor: &str) {
    // Readiness notices within 2 s, reading a real table.
    let started = Instant::now();
    loop {
        let (reply, took) = timed(app, app.client.get(app.url("/readyz"))).await;
        if reply.status == 503 {
            assert_unavailable(&reply, took, "/readyz");
            break;
        }
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "readiness still 200"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(app.get("/healthz", None).await.status, 200);
    let (list, took) = timed(
        app,
        app.client
            .get(app.url("/v1/listings?category=real_estate&lang=ja")),
    )
    .await;
    assert_eq!(list.status, 200, "{}", list.text);
    assert!(took < Duration::from_secs(2));
    assert!(list.json()["total"].as_u64().unwrap() > 0);
    // Served from memory, and saying so: the catalog's age in seconds.
    let age = list.header("x-data-freshness");
    assert!(
        age.strip_prefix("age=")
            .is_some_and(|s| s.parse::<u64>().is_ok()),
        "{age:?}"
    );
    assert_eq!(app.get("/hsds/services?per_page=1", None).await.status, 200);

    let write = app
        .client
        .post(app.url("/v1/listings"))
        .bearer_auth(editor)
        .json(&desk("fault-desk"));
    let (reply, took) = timed(app, write).await;
    assert_unavailable(&reply, took, "POST /v1/listings");
    let report = app
        .client
        .post(app.url(&format!("{PLACE}/reports")))
        .json(&json!({"kind": "wrong_phone", "message": "The number rings a bakery."}));
    let (reply, took) = timed(app, report).await;
    assert_unavailable(&reply, took, "POST reports");
    let (reply, took) = timed(
        app,
        app.client.get(app.url("/v1/reports")).bearer_auth(editor),
    )
    .await;
    assert_unavailable(&reply, took, "GET /v1/reports");
    let (reply, took) = timed(app, app.client.get(app.url("/v1/exports/listings.csv"))).await;
    assert_unavailable(&reply, took, "GET export");
    // The single listing comes from the catalog, like the lists: it
    // answers, in full and with its ETag, while the database is away.
    let (reply, took) = timed(app, app.client.get(app.url(PLACE))).await;
    assert!(took < Duration::from_secs(2), "{PLACE} took {took:?}");
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.json()["id"], "seoul-global-center");
    assert!(
        reply.header("etag").starts_with("\"v"),
        "{}",
        reply.header("etag")
    );
    assert!(reply.header("x-data-freshness").starts_with("age="));
}

/// And once it is back: ready again, writes go through.
async fn assert_recovered(app: &TestApp, editor: &str) {
    let started = Instant::now();
    while app.get("/readyz", None).await.status != 200 {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "not ready again"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let reply = app
        .send(
            app.client
                .post(app.url("/v1/listings"))
                .bearer_auth(editor)
                .json(&desk("fault-desk")),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let place = app.get("/v1/listings/fault-desk", None).await;
    assert_eq!(place.status, 200);
    assert_eq!(place.header("x-data-freshness"), "", "fresh again");
}

#[tokio::test]
async fn postgresql_going_away_is_503_and_coming_back_needs_no_restart() {
    let Some(relayed) = postgres_behind_relay(|_| {}).await else {
        return;
    };
    let app = &relayed.app;
    let editor = app.key(Role::Editor).await;
    relayed.relay.cut().await;
    assert_degraded(app, &editor).await;
    relayed.relay.restore().await;
    assert_recovered(app, &editor).await;
    app.server.stop(false).await;
}

fn sqlite_path(app: &TestApp) -> String {
    match &app.database_url {
        DatabaseUrl::Sqlite(path) => path.clone(),
        DatabaseUrl::Postgres(_) => unreachable!("a SQLite app"),
    }
}

#[tokio::test]
async fn a_sqlite_file_overwritten_with_garbage_is_503_and_restoring_it_needs_no_restart() {
    let app = TestApp::spawn_sqlite().await;
    let editor = app.key(Role::Editor).await;
    let path = sqlite_path(&app);
    // Everything in the main file, so that its bytes are the whole database.
    let mut conn = SqliteConnection::establish(&path).unwrap();
    conn.batch_execute("PRAGMA busy_timeout = 5000; PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    drop(conn);
    let good = std::fs::read(&path).unwrap();
    // In place (same file, as a bad disk or a stray `dd` would): pseudo-random bytes.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let garbage: Vec<u8> = (0..good.len())
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    std::fs::write(&path, &garbage).unwrap();
    assert_degraded(&app, &editor).await;
    std::fs::write(&path, &good).unwrap();
    assert_recovered(&app, &editor).await;
}

#[derive(diesel::QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Rows of the listing `id` in the listing, audit and change tables.
fn rows_of(conn: &mut PgConnection, id: &str) -> [i64; 3] {
    [
        "listings WHERE id",
        "listing_audit WHERE listing_id",
        "listing_changes WHERE listing_id",
    ]
    .map(|from| {
        diesel::sql_query(format!("SELECT count(*) AS n FROM {from} = '{id}'"))
            .get_result::<Count>(conn)
            .unwrap()
            .n
    })
}

#[tokio::test]
async fn a_write_in_flight_when_postgresql_goes_away_commits_whole_or_not_at_all() {
    let Some(relayed) = postgres_behind_relay(|_| {}).await else {
        return;
    };
    let app = &relayed.app;
    let editor = app.key(Role::Editor).await;
    // Hold the data-version row, which a write bumps last: the write then
    // waits inside its transaction, with its listing, audit and change
    // rows written but not committed.
    let mut blocker = PgConnection::establish(&relayed.direct_url).unwrap();
    blocker
        .batch_execute("BEGIN; SELECT version FROM data_version WHERE id = 1 FOR UPDATE")
        .unwrap();
    let request = app
        .client
        .post(app.url("/v1/listings"))
        .bearer_auth(&editor)
        .json(&desk("in-flight-desk"));
    let write = tokio::spawn(request.send());
    tokio::time::sleep(Duration::from_millis(700)).await;
    relayed.relay.cut().await;
    let reply = write.await.unwrap().expect("an answer");
    assert_eq!(reply.status().as_u16(), 503);
    assert!(reply.headers().contains_key("retry-after"));
    blocker.batch_execute("ROLLBACK").unwrap();
    // The server notices the lost client at its next read and rolls back.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        rows_of(&mut blocker, "in-flight-desk"),
        [0, 0, 0],
        "nothing half-written"
    );

    relayed.relay.restore().await;
    let started = Instant::now();
    loop {
        let retry = app
            .send(
                app.client
                    .post(app.url("/v1/listings"))
                    .bearer_auth(&editor)
                    .json(&desk("in-flight-desk")),
            )
            .await;
        if retry.status == 201 {
            break;
        }
        assert_eq!(retry.status, 503, "{}", retry.text);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "writes did not recover"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(
        rows_of(&mut blocker, "in-flight-desk"),
        [1, 1, 1],
        "all of it, once"
    );
    app.server.stop(false).await;
}
