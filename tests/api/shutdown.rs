//! Graceful shutdown, as on SIGTERM: readiness turns 503 at once, requests
//! keep being answered during the drain, in-flight requests finish, then
//! the server stops; one that outlasts the timeout does not hold it.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::sqlite::SqliteConnection;
use foreign_resident_directory::db::DatabaseUrl;
use foreign_resident_directory::domain::editing::Role;

use crate::helpers::{TestApp, assert_problem};

/// Holds SQLite's write lock, so that a write waits (up to the app's
/// 5-second busy timeout) until it is dropped.
struct WriteLock(SqliteConnection);

impl WriteLock {
    fn take(app: &TestApp) -> WriteLock {
        let DatabaseUrl::Sqlite(path) = &app.database_url else {
            unreachable!("a SQLite app")
        };
        let mut conn = SqliteConnection::establish(path).unwrap();
        conn.batch_execute("PRAGMA busy_timeout = 5000; BEGIN IMMEDIATE")
            .unwrap();
        WriteLock(conn)
    }

    fn release(mut self) {
        self.0.batch_execute("COMMIT").unwrap();
    }
}

/// A key the app has verified (and cached), so that a write with it
/// waits on nothing but the write lock.
async fn verified_key(app: &TestApp) -> String {
    let editor = app.key(Role::Editor).await;
    let warm = app
        .send(app.client.get(app.url("/v1/reports")).bearer_auth(&editor))
        .await;
    assert_eq!(warm.status, 200, "{}", warm.text);
    editor
}

/// A write that will be in flight while the lock is held.
fn slow_write(
    app: &TestApp,
    editor: String,
    id: &str,
) -> tokio::task::JoinHandle<reqwest::Result<reqwest::Response>> {
    let body = crate::instances::desk(id);
    // A client of its own: its connection is the in-flight one.
    let request = reqwest::Client::new()
        .post(app.url("/v1/listings"))
        .bearer_auth(editor)
        .json(&body);
    tokio::spawn(request.send())
}

async fn exited_within(app: &TestApp, limit: Duration) -> Duration {
    let started = Instant::now();
    while !app.exited.load(Ordering::SeqCst) {
        assert!(
            started.elapsed() < limit,
            "the server still runs after {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    started.elapsed()
}

#[tokio::test]
async fn on_shutdown_readiness_turns_503_and_in_flight_requests_finish_before_the_exit() {
    let app = TestApp::spawn_sqlite_with(|s| {
        s.operations.shutdown_drain_ms = 500;
        s.operations.shutdown_timeout_secs = 20;
    })
    .await;
    let editor = verified_key(&app).await;
    let lock = WriteLock::take(&app);
    let in_flight = slow_write(&app, editor, "shutdown-desk");
    // Time to reach the server and wait on the lock (for at most the
    // app's 5 s busy timeout: the rest of the test must take less).
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.lifecycle.request_shutdown();

    // Draining: not ready, still answering, each connection closed after
    // its response so that the proxy opens its next one elsewhere.
    let ready = app.get("/readyz", None).await;
    assert_problem(&ready, 503, "service_unavailable");
    assert!(ready.header("retry-after").parse::<u32>().is_ok());
    assert_eq!(ready.header("connection"), "close");
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status, 200);

    // After the drain no new connection is accepted...
    tokio::time::sleep(Duration::from_millis(600)).await;
    let refused = reqwest::Client::new().get(app.url("/healthz")).send().await;
    assert!(
        refused.is_err(),
        "a new connection was accepted after the drain"
    );
    assert!(
        !in_flight.is_finished(),
        "the in-flight request ended before the lock was released"
    );
    assert!(
        !app.exited.load(Ordering::SeqCst),
        "stopped with a request in flight"
    );
    // ...but the request in flight is answered in full.
    lock.release();
    let reply = in_flight
        .await
        .unwrap()
        .expect("the in-flight request is answered");
    assert_eq!(reply.status().as_u16(), 201);
    exited_within(&app, Duration::from_secs(15)).await;
}

#[tokio::test]
async fn a_request_that_outlasts_the_shutdown_timeout_does_not_hold_the_exit() {
    let app = TestApp::spawn_sqlite_with(|s| {
        s.operations.shutdown_drain_ms = 0;
        s.operations.shutdown_timeout_secs = 1;
    })
    .await;
    let editor = verified_key(&app).await;
    let lock = WriteLock::take(&app);
    let in_flight = slow_write(&app, editor, "stuck-desk");
    // Time to reach the server and wait on the lock, on a busy machine.
    tokio::time::sleep(Duration::from_millis(600)).await;
    app.lifecycle.request_shutdown();
    // actix checks its workers once a second: 1 s of timeout, a second of
    // slack, well before the write's 5-second wait for the lock ends.
    exited_within(&app, Duration::from_millis(3500)).await;
    let cut = in_flight.await.unwrap();
    assert!(cut.is_err(), "answered after the server stopped: {cut:?}");
    // How long actix waits within the timeout is not asserted: on a
    // quiet machine it has been seen to close a connection whose request
    // waited on the lock well before the second was up (about one run in
    // four; the in-flight test above, with a timeout long enough for the
    // request to end, always sees it answered). What must hold is that
    // the stuck request neither holds the exit nor gets an answer.
    lock.release();
}
