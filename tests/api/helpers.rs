//! Spawning the application for a test, and reading its responses.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use actix_web::dev::ServerHandle;
use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use foreign_resident_directory::app::lifecycle::Lifecycle;
use foreign_resident_directory::app::state::AppState;
use foreign_resident_directory::config::{
    AllowedOrigins, EditingSettings, FrameAncestors, OperationsSettings, Settings,
};
use foreign_resident_directory::db::{self, Database, DatabaseUrl, DbConnection, DbError};
use foreign_resident_directory::domain::editing::Role;
use foreign_resident_directory::domain::{Category, Listing, ListingBuilder, ListingId};
use foreign_resident_directory::keys;
use foreign_resident_directory::startup::Application;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// Declares async tests that run on every backend: a module per test with
/// a `sqlite` and a `postgres` case.
#[macro_export]
macro_rules! backend_tests {
    ($(async fn $name:ident($app:ident: TestApp) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports, reason = "not every test body uses the parent module")]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn_sqlite().await;
                let server = app.server.clone();
                run(app).await;
                server.stop(false).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = $crate::helpers::TestApp::spawn_postgres().await {
                    // Stopped explicitly: a server outliving its test keeps
                    // its pool, and PostgreSQL runs out of connections.
                    let server = app.server.clone();
                    run(app).await;
                    server.stop(false).await;
                }
            }
        }
    )*};
}

/// The database a test app runs on; dropped with it.
pub(crate) enum TestDatabase {
    Sqlite(
        #[expect(dead_code, reason = "held so the folder lives as long as the app")]
        tempfile::TempDir,
    ),
    Postgres {
        server_url: String,
        schema: String,
    },
    /// Another app's database (a second instance): that app drops it.
    Shared,
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let TestDatabase::Postgres { server_url, schema } = self {
            if let Ok(mut conn) = PgConnection::establish(server_url) {
                let _ = conn.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

/// A running application and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    /// A client with no default headers (and no automatic decompression:
    /// reqwest's gzip and brotli features are off, so bodies are raw).
    pub client: reqwest::Client,
    /// The running app's state: its database pool and response cache.
    pub state: AppState,
    /// Stops the server.
    pub server: ServerHandle,
    /// The app's database, for making keys through the library.
    pub database_url: DatabaseUrl,
    /// Requests a graceful shutdown, as SIGTERM does.
    pub lifecycle: Lifecycle,
    /// The separate metrics listener's port (`METRICS_BIND`), if any.
    pub metrics_port: Option<u16>,
    /// Set once the server has stopped serving.
    pub exited: Arc<AtomicBool>,
    _database: TestDatabase,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Sends the stop command at once; the app's own thread carries it out.
        drop(self.server.stop(false));
    }
}

/// A response's status, headers and body, read once.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    /// The body as sent (still content-coded, if it was).
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as JSON; panics with the body when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    /// A header's value as text, or "".
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }
}

pub(crate) fn settings(database_url: DatabaseUrl) -> Settings {
    Settings {
        database_url,
        bind: "127.0.0.1:0".parse().unwrap(),
        locales_dir: Some(concat!(env!("CARGO_MANIFEST_DIR"), "/locales").into()),
        demo_data: true,
        database_pool_size: 2,
        response_cache_seconds: 30,
        response_cache_mb: 64,
        catalog_snapshots: true,
        catalog_snapshot_dir: None,
        catalog_refresh_ms: 100,
        locales_reload_ms: 100,
        workers: Some(2),
        embed_frame_ancestors: FrameAncestors::default(),
        cors_allowed_origins: AllowedOrigins::default(),
        editing: EditingSettings::default(),
        stale_after_days: 365,
        operations: OperationsSettings::default(),
    }
}

impl TestApp {
    /// Runs the app on its own thread and actix system, so that dropping
    /// the `TestApp` can stop it (and close its connections) even while
    /// the test's runtime shuts down.
    pub(crate) async fn start(settings: Settings, database: TestDatabase) -> TestApp {
        // The app logs from its own threads, which the test harness cannot
        // capture: log only when asked to.
        if std::env::var_os("RUST_LOG").is_some() {
            foreign_resident_directory::telemetry::init();
        }
        let database_url = settings.database_url.clone();
        let (started, on_start) = std::sync::mpsc::channel();
        let exited = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&exited);
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                match Application::build(settings).await {
                    Ok(app) => {
                        let parts = (
                            app.port(),
                            app.handle(),
                            app.state(),
                            app.lifecycle(),
                            app.metrics_port(),
                        );
                        let _ = started.send(Ok(parts));
                        let _ = app.run_until_stopped().await;
                        stopped.store(true, Ordering::SeqCst);
                    }
                    Err(error) => {
                        let _ = started.send(Err(format!("{error:#}")));
                    }
                }
            });
        });
        let (port, server, state, lifecycle, metrics_port) =
            tokio::task::spawn_blocking(move || on_start.recv())
                .await
                .unwrap()
                .expect("the app thread reports")
                .unwrap_or_else(|error| panic!("the application starts: {error}"));
        TestApp {
            address: format!("http://127.0.0.1:{port}"),
            // Idle connections are dropped before the server's 5 s
            // keep-alive closes them: a test that pauses (validating
            // against a large schema, say) must not race the close.
            client: reqwest::Client::builder()
                .pool_idle_timeout(std::time::Duration::from_secs(2))
                .build()
                .expect("a client"),
            state,
            server,
            database_url,
            lifecycle,
            metrics_port,
            exited,
            _database: database,
        }
    }

    /// The app on a fresh SQLite file.
    pub async fn spawn_sqlite() -> TestApp {
        TestApp::spawn_sqlite_with(|_| {}).await
    }

    /// The app on a fresh SQLite file, with settings changed by `configure`.
    pub async fn spawn_sqlite_with(configure: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("test.sqlite3").display().to_string();
        let mut settings = settings(DatabaseUrl::Sqlite(path));
        configure(&mut settings);
        TestApp::start(settings, TestDatabase::Sqlite(dir)).await
    }

    /// The app on a fresh SQLite file filled by `directory generate` with
    /// `count` listings and no demo data, as benchmarks start.
    pub async fn spawn_sqlite_generated(count: usize) -> TestApp {
        TestApp::spawn_sqlite_with(|settings| {
            settings.demo_data = false;
            foreign_resident_directory::commands::generate::run(settings, count, 7)
                .expect("generate on a database without demo data");
        })
        .await
    }

    /// A second instance on this app's database, as behind a load
    /// balancer, that never polls: it learns of writes only when the test
    /// calls its `refresh_if_changed`. Drop it before this app.
    pub async fn spawn_beside(&self) -> TestApp {
        self.spawn_beside_with(|_| {}).await
    }

    /// [`spawn_beside`](Self::spawn_beside), with settings changed by
    /// `configure`.
    pub async fn spawn_beside_with(&self, configure: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = settings(self.database_url.clone());
        settings.catalog_refresh_ms = 0;
        configure(&mut settings);
        TestApp::start(settings, TestDatabase::Shared).await
    }

    /// The app on a fresh PostgreSQL schema of `TEST_DATABASE_URL`'s
    /// database with settings changed by `configure`; `None` when the
    /// variable is unset.
    pub async fn spawn_postgres_with(configure: impl FnOnce(&mut Settings)) -> Option<TestApp> {
        let (url, database) = crate::instances::fresh_postgres_schema()?;
        let mut settings = settings(DatabaseUrl::Postgres(url));
        configure(&mut settings);
        Some(TestApp::start(settings, database).await)
    }

    /// A new API key of `role`, made through the library (not the HTTP
    /// API), so that tests do not depend on one another. A translator key
    /// translates every shipped locale but the source.
    pub async fn key(&self, role: Role) -> String {
        let locales = (role == Role::Translator).then(|| vec!["ja", "ko", "zh-Hans"]);
        self.key_with(role, locales).await
    }

    /// A new translator key bound to `locales`.
    pub async fn translator_key(&self, locales: &[&str]) -> String {
        self.key_with(Role::Translator, Some(locales.to_vec()))
            .await
    }

    async fn key_with(&self, role: Role, locales: Option<Vec<&str>>) -> String {
        let url = self.database_url.clone();
        let locales: Option<Vec<String>> =
            locales.map(|l| l.into_iter().map(str::to_owned).collect());
        tokio::task::spawn_blocking(move || {
            let db = Database::connect(&url, 1).unwrap();
            let mut conn = db.get_blocking().unwrap();
            keys::create(&mut conn, role, locales, "test key", chrono::Utc::now())
                .unwrap()
                .key
        })
        .await
        .unwrap()
    }

    /// Changes data the way a write does: work on the test's database,
    /// then the hook every write calls after committing.
    pub async fn change_data<F>(&self, work: F)
    where
        F: FnOnce(&mut DbConnection) -> Result<(), DbError> + Send + 'static,
    {
        self.state
            .db
            .run(work)
            .await
            .expect("the data change commits");
        self.state.data_changed().await;
    }

    /// The app on a fresh PostgreSQL schema of `TEST_DATABASE_URL`'s
    /// database; `None` (test skipped) when the variable is unset.
    pub async fn spawn_postgres() -> Option<TestApp> {
        let (url, database) = crate::instances::fresh_postgres_schema()?;
        Some(TestApp::start(settings(DatabaseUrl::Postgres(url)), database).await)
    }
    /// GET `path` with optional `Accept-Language`.
    pub async fn get(&self, path: &str, accept_language: Option<&str>) -> Reply {
        let mut request = self.client.get(format!("{}{path}", self.address));
        if let Some(value) = accept_language {
            request = request.header("Accept-Language", value);
        }
        read(request.send().await.expect("request sent")).await
    }

    /// Any request, for methods and headers the helpers above do not cover.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        read(request.send().await.expect("request sent")).await
    }

    /// Writes listings straight into the app's database, as another
    /// instance or an import tool would, and waits until the app's catalog
    /// serves them (it notices changed data within its refresh interval).
    pub async fn insert_listings(&self, listings: Vec<Listing>) {
        let total = |reply: Reply| reply.json()["total"].as_u64().unwrap();
        let before = total(self.get("/v1/listings?limit=1", None).await);
        let expected = before + listings.len() as u64;
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let db = Database::connect(&url, 1).unwrap();
            let mut conn = db.get_blocking().unwrap();
            conn.transaction::<_, DbError, _>(|conn| {
                for listing in &listings {
                    db::inserts::insert(conn, listing)?;
                }
                Ok(())
            })
            .unwrap();
        })
        .await
        .unwrap();
        for _ in 0..100 {
            if total(self.get("/v1/listings?limit=1", None).await) == expected {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the app did not pick up the inserted listings");
    }

    /// A URL on the app.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

async fn read(response: reqwest::Response) -> Reply {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("body read").to_vec();
    Reply {
        status,
        headers,
        text: String::from_utf8_lossy(&body).into_owned(),
        body,
    }
}

/// A listing that exists only in tests, named `name` in English.
pub fn test_listing(id: &str, category: Category, name: &str) -> Listing {
    let id = ListingId::parse(id).expect("a valid test id");
    ListingBuilder::new(id, category, name, chrono::Utc::now())
        .with(|listing| listing.phone = Some("+82-2-0000-0000".into()))
        .build()
}

/// Inserts `listing` as a write would, in a transaction.
pub fn insert_listing(listing: Listing) -> impl FnOnce(&mut DbConnection) -> Result<(), DbError> {
    move |conn| conn.transaction(|conn| db::inserts::insert(conn, &listing))
}

/// Asserts an RFC 9457 problem with this status and code; returns its body.
pub fn assert_problem(reply: &Reply, status: u16, code: &str) -> Value {
    assert_eq!(reply.status, status, "{}", reply.text);
    assert_eq!(
        reply.header("content-type"),
        "application/problem+json",
        "{}",
        reply.text
    );
    let body = reply.json();
    assert_eq!(body["status"], status);
    assert_eq!(body["code"], code);
    assert_eq!(body["type"], format!("/problems/{code}"));
    for field in ["title", "detail", "instance"] {
        assert!(
            body[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field}: {body}"
        );
    }
    body
}
