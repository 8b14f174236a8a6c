//! Apps beyond one per test: several instances on one PostgreSQL schema,
//! and apps whose database connections run through a [`Relay`].

use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::atomic::{AtomicU64, Ordering};

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;

use foreign_resident_directory::config::Settings;
use foreign_resident_directory::db::DatabaseUrl;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestDatabase, settings};
use crate::relay::Relay;

static NEXT_SCHEMA: AtomicU64 = AtomicU64::new(0);

/// A fresh schema of `TEST_DATABASE_URL`'s database: the URL that makes
/// it the search path, and the handle that drops it. `None` when the
/// variable is unset.
pub fn fresh_postgres_schema() -> Option<(String, TestDatabase)> {
    // An empty value counts as unset: libpq would read "" as "the
    // defaults", and the schema suffix alone is no URL.
    let Some(server_url) = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.trim().is_empty())
    else {
        eprintln!("TEST_DATABASE_URL is unset: PostgreSQL case skipped");
        return None;
    };
    assert!(
        server_url.starts_with("postgres://") || server_url.starts_with("postgresql://"),
        "TEST_DATABASE_URL must be a postgres:// URL, not {server_url:?}"
    );
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
    Some((url, TestDatabase::Postgres { server_url, schema }))
}

/// Two instances on one fresh PostgreSQL schema, each with its settings
/// changed by `configure`; `None` when `TEST_DATABASE_URL` is unset.
pub async fn postgres_pair(configure: impl Fn(&mut Settings)) -> Option<(TestApp, TestApp)> {
    let (url, database) = fresh_postgres_schema()?;
    let mut first = settings(DatabaseUrl::Postgres(url.clone()));
    configure(&mut first);
    let mut second = settings(DatabaseUrl::Postgres(url));
    configure(&mut second);
    let first = TestApp::start(first, database).await;
    let second = TestApp::start(second, TestDatabase::Shared).await;
    Some((first, second))
}

/// An app whose database connections run through a relay.
pub struct Relayed {
    /// The app.
    pub app: TestApp,
    /// Cut it to take the database away from the app.
    pub relay: Relay,
    /// The app's database, reached directly (for the test's own checks).
    pub direct_url: String,
}

/// An app on a fresh PostgreSQL schema reached through a relay the test
/// can cut; `None` when `TEST_DATABASE_URL` is unset.
pub async fn postgres_behind_relay(configure: impl FnOnce(&mut Settings)) -> Option<Relayed> {
    let (url, database) = fresh_postgres_schema()?;
    Some(behind_relay(url, database, configure).await)
}

/// An app on `url`'s database (owned by `database`) through a new relay.
pub async fn behind_relay(
    url: String,
    database: TestDatabase,
    configure: impl FnOnce(&mut Settings),
) -> Relayed {
    let (relayed, target) = through_relay(&url);
    let relay = Relay::start(target);
    let relayed = relayed.replace("{port}", &relay.port.to_string());
    let mut settings = settings(DatabaseUrl::Postgres(relayed));
    configure(&mut settings);
    Relayed {
        app: TestApp::start(settings, database).await,
        relay,
        direct_url: url,
    }
}

/// The URL with its `host:port` replaced by `127.0.0.1:{port}` (filled in
/// by the caller), and the address it named.
fn through_relay(url: &str) -> (String, SocketAddr) {
    let (scheme, rest) = url.split_once("://").expect("a URL");
    let (credentials, rest) = rest.rsplit_once('@').map_or(("", rest), |(c, r)| (c, r));
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..end];
    let target = if authority.contains(':') {
        authority.to_owned()
    } else {
        format!("{authority}:5432")
    };
    let target = target
        .to_socket_addrs()
        .expect("PostgreSQL's address resolves")
        .next()
        .expect("an address");
    let at = if credentials.is_empty() {
        String::new()
    } else {
        format!("{credentials}@")
    };
    (
        format!("{scheme}://{at}127.0.0.1:{{port}}{}", &rest[end..]),
        target,
    )
}

/// An app on a fresh PostgreSQL schema with settings changed by
/// `configure`; `None` when `TEST_DATABASE_URL` is unset.
pub async fn postgres_with(configure: impl FnOnce(&mut Settings)) -> Option<TestApp> {
    let (url, database) = fresh_postgres_schema()?;
    let mut settings = settings(DatabaseUrl::Postgres(url));
    configure(&mut settings);
    Some(TestApp::start(settings, database).await)
}

/// Like `backend_tests!`, for apps whose settings `configure` changes
/// (the same closure on both backends).
#[macro_export]
macro_rules! configured_backend_tests {
    ($configure:expr; $(async fn $name:ident($app:ident: TestApp) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports, reason = "not every test body uses the parent module")]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn_sqlite_with($configure).await;
                let server = app.server.clone();
                run(app).await;
                server.stop(false).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = $crate::instances::postgres_with($configure).await {
                    let server = app.server.clone();
                    run(app).await;
                    server.stop(false).await;
                }
            }
        }
    )*};
}

/// The body of a new listing `id` for the write API, whose English name
/// holds a word found in no other listing (see [`word`]).
pub fn desk(id: &str) -> Value {
    json!({
        "id": id,
        "category": "contact_point",
        "city": "seoul",
        "district": "jung",
        "languages": ["en"],
        "texts": {"en": {"name": format!("Desk {}", word(id))}}
    })
}

/// The search word only the listing `id` made by [`desk`] has.
pub fn word(id: &str) -> String {
    format!("probe{}", id.replace('-', ""))
}
