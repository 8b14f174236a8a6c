//! Spawning the application for a test, and reading its responses.

use std::sync::atomic::{AtomicU64, Ordering};

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use foreign_resident_directory::config::{EditingSettings, Settings};
use foreign_resident_directory::db::{Database, DatabaseUrl};
use foreign_resident_directory::domain::editing::Role;
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
                    // Stopping the server closes its pool: left running, the
                    // apps of all tests together exhaust max_connections.
                    let server = app.server.clone();
                    run(app).await;
                    server.stop(false).await;
                }
            }
        }
    )*};
}

/// The database a test app runs on; dropped with it.
enum TestDatabase {
    Sqlite(
        #[expect(dead_code, reason = "held so the folder lives as long as the app")]
        tempfile::TempDir,
    ),
    Postgres {
        server_url: String,
        schema: String,
    },
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
    /// A client with no default headers.
    pub client: reqwest::Client,
    /// The app's database, for making keys through the library.
    pub database_url: DatabaseUrl,
    /// Stops the app.
    pub server: actix_web::dev::ServerHandle,
    _database: TestDatabase,
}

/// A response's status, headers and body, read once.
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
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

static NEXT_SCHEMA: AtomicU64 = AtomicU64::new(0);

fn settings(database_url: DatabaseUrl) -> Settings {
    Settings {
        database_url,
        bind: "127.0.0.1:0".parse().unwrap(),
        locales_dir: concat!(env!("CARGO_MANIFEST_DIR"), "/locales").into(),
        demo_data: true,
        database_pool_size: 4,
        response_cache_seconds: 30,
        workers: Some(2),
        editing: EditingSettings::default(),
    }
}

impl TestApp {
    async fn start(settings: Settings, database: TestDatabase) -> TestApp {
        let database_url = settings.database_url.clone();
        let app = Application::build(settings)
            .await
            .expect("the application starts");
        let address = format!("http://127.0.0.1:{}", app.port());
        let server = app.handle();
        tokio::spawn(app.run_until_stopped());
        TestApp {
            address,
            client: reqwest::Client::new(),
            database_url,
            server,
            _database: database,
        }
    }

    /// The app on a fresh SQLite file.
    pub async fn spawn_sqlite() -> TestApp {
        TestApp::spawn_sqlite_with(|_| {}).await
    }

    /// The app on a fresh SQLite file, with settings changed by `change`.
    pub async fn spawn_sqlite_with(change: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("test.sqlite3").display().to_string();
        let mut settings = settings(DatabaseUrl::Sqlite(path));
        change(&mut settings);
        TestApp::start(settings, TestDatabase::Sqlite(dir)).await
    }

    /// A new API key of `role`, made through the library (not the HTTP
    /// API), so that tests do not depend on one another.
    pub async fn key(&self, role: Role) -> String {
        let url = self.database_url.clone();
        tokio::task::spawn_blocking(move || {
            let db = Database::connect(&url, 1).unwrap();
            let mut conn = db.get_blocking().unwrap();
            keys::create(&mut conn, role, "test key", chrono::Utc::now())
                .unwrap()
                .key
        })
        .await
        .unwrap()
    }

    /// The app on a fresh PostgreSQL schema of `TEST_DATABASE_URL`'s
    /// database; `None` (test skipped) when the variable is unset.
    pub async fn spawn_postgres() -> Option<TestApp> {
        let Ok(server_url) = std::env::var("TEST_DATABASE_URL") else {
            eprintln!("TEST_DATABASE_URL is unset: PostgreSQL case skipped");
            return None;
        };
        let schema = format!(
            "test_{}_{}",
            std::process::id(),
            NEXT_SCHEMA.fetch_add(1, Ordering::Relaxed)
        );
        let mut conn = PgConnection::establish(&server_url)
            .unwrap_or_else(|e| panic!("cannot reach TEST_DATABASE_URL: {e}"));
        conn.batch_execute(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .unwrap();
        let separator = if server_url.contains('?') { '&' } else { '?' };
        let url = format!("{server_url}{separator}options=-csearch_path%3D{schema}");
        let database = TestDatabase::Postgres { server_url, schema };
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

    /// A URL on the app.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

async fn read(response: reqwest::Response) -> Reply {
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.expect("body read"),
    }
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
