//! Persistence: one diesel code base over SQLite (the embedded default) and
//! PostgreSQL (for several instances behind a load balancer).
//!
//! Diesel is blocking, so every query runs on the blocking thread pool
//! through [`Database::run`], never on the async executor.

pub mod audit;
pub mod changes;
mod connection;
pub mod health;
pub mod identity;
pub mod imports;
pub mod inserts;
pub mod keys;
pub mod listings;
mod migrate;
pub mod models;
pub mod notify;
pub mod rate_limits;
pub mod reference;
pub mod reports;
pub mod schema;
pub mod seed;
pub mod writes;

use std::sync::Arc;
use std::time::Duration;

use diesel::Connection;
use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;

pub use health::{Fault, Health};
pub use migrate::prepare;
use parking_lot::RwLock;

pub use connection::DbConnection;

/// Which backend a database URL names, decided from its scheme so that a
/// bad URL reports the real cause instead of diesel's generic one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file path.
    Sqlite(String),
    /// A `postgres://` or `postgresql://` URL.
    Postgres(String),
}

impl DatabaseUrl {
    /// Reads `postgres://…`, `postgresql://…`, `sqlite://path`, `sqlite:path`
    /// or a bare file path. In-memory SQLite is refused: each pooled
    /// connection would see a different, empty database.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(raw.to_owned()));
        }
        let path = raw
            .strip_prefix("sqlite://")
            .or_else(|| raw.strip_prefix("sqlite:"))
            .unwrap_or(raw);
        if path.is_empty() {
            return Err("the database URL is empty".into());
        }
        if path == ":memory:" || path.contains("mode=memory") {
            return Err("an in-memory SQLite database cannot be shared by a connection pool; give a file path".into());
        }
        if let Some((scheme, _)) = raw.split_once("://") {
            if scheme != "sqlite" {
                return Err(format!(
                    "unsupported database scheme `{scheme}://`; use postgres:// or a SQLite file path"
                ));
            }
        }
        Ok(DatabaseUrl::Sqlite(path.to_owned()))
    }

    /// The backend's name, for logs.
    pub fn backend(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }
}

/// Why a database operation failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// No connection could be had from the pool.
    #[error("database connection unavailable: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    /// The query failed (including `NotFound`).
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    /// The database could not be opened or connected to at all (its
    /// folder cannot be made, the server refuses the connection).
    #[error("cannot open the database: {0}")]
    Connect(String),
    /// Migrations could not be applied.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// Data could not be encoded (a key hash, an export).
    #[error("cannot encode: {0}")]
    Encode(String),
    /// The blocking task was cancelled or panicked.
    #[error("database task did not complete: {0}")]
    Task(#[from] tokio::task::JoinError),
    /// The database is known to be down (unreachable or damaged) until a
    /// probe reads it again; nothing was tried.
    #[error("database unavailable")]
    Unavailable,
}

/// A pooled connection.
pub type PooledDb = PooledConnection<ConnectionManager<DbConnection>>;

type DbPool = Pool<ConnectionManager<DbConnection>>;

/// How long the command-line tools wait for a connection.
const TOOL_TIMEOUT: Duration = Duration::from_secs(5);

/// The connection pool, and the way to use it off the async executor.
#[derive(Clone)]
pub struct Database {
    /// Replaced whole when the database comes back after a fault.
    pool: Arc<RwLock<DbPool>>,
    url: DatabaseUrl,
    size: u32,
    timeout: Duration,
    health: Arc<Health>,
}

/// Sets SQLite's per-connection pragmas: `busy_timeout` first, so that
/// concurrent writers wait instead of failing with "database is locked".
#[derive(Debug)]
struct SqlitePragmas;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for SqlitePragmas {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(conn) = conn {
            conn.batch_execute(
                "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; \
                 PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
            )
            .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

impl Database {
    /// Opens a pool of `size` connections for a command-line tool, which
    /// may wait a few seconds for one. Creates the SQLite file's folder.
    pub fn connect(url: &DatabaseUrl, size: u32) -> Result<Self, DbError> {
        Database::connect_with_timeout(url, size, TOOL_TIMEOUT)
    }

    /// Opens a pool whose callers wait at most `timeout` for a connection
    /// (the server: a request is answered 503 rather than kept waiting).
    pub fn connect_with_timeout(
        url: &DatabaseUrl,
        size: u32,
        timeout: Duration,
    ) -> Result<Self, DbError> {
        if let DatabaseUrl::Sqlite(path) = url {
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent).map_err(|error| {
                        DbError::Connect(format!("cannot create {}: {error}", parent.display()))
                    })?;
                }
            }
        }
        let pool = build_pool(url, size, timeout, true)?;
        Ok(Database {
            pool: Arc::new(RwLock::new(pool)),
            url: url.clone(),
            size,
            timeout,
            health: Arc::new(Health::default()),
        })
    }

    /// The backend's name, for logs.
    pub fn backend(&self) -> &'static str {
        self.url.backend()
    }

    /// The URL the pool connects to (the notification listener opens its
    /// own connection there).
    pub fn url(&self) -> &DatabaseUrl {
        &self.url
    }

    /// Runs blocking database work on the blocking thread pool, inside the
    /// caller's tracing span. While the database is known to be down it
    /// fails at once with [`DbError::Unavailable`].
    pub async fn run<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, DbError> + Send + 'static,
    {
        if self.health.is_down() {
            self.health.failed(&DbError::Unavailable);
            return Err(DbError::Unavailable);
        }
        let pool = self.pool.read().clone();
        let span = tracing::Span::current();
        let result = tokio::task::spawn_blocking(move || {
            let _entered = span.enter();
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await
        .map_err(DbError::from)
        .and_then(|result| result);
        if let Err(error) = &result {
            if self.health.failed(error) {
                tracing::error!(%error, backend = self.backend(), "database unavailable");
            }
        }
        result
    }

    /// Checks that the database reads a real table, within the pool's
    /// timeout; updates the breaker (and replaces the pool when the
    /// database is back). SQLite is checked on a fresh connection, since a
    /// pooled one may still read a damaged file's pages from its cache.
    pub async fn probe(&self) -> Result<(), DbError> {
        let db = self.clone();
        let result = tokio::task::spawn_blocking(move || db.probe_blocking())
            .await
            .map_err(DbError::from)
            .and_then(|result| result);
        match &result {
            Ok(()) if self.health.recovered() => {
                match build_pool(&self.url, self.size, self.timeout, false) {
                    Ok(pool) => *self.pool.write() = pool,
                    Err(error) => tracing::warn!(%error, "cannot replace the pool"),
                }
                tracing::info!(backend = self.backend(), "database available again");
            }
            Ok(()) => {}
            Err(error) => {
                if self.health.failed(error) {
                    tracing::error!(%error, backend = self.backend(), "database unavailable");
                }
            }
        }
        result
    }

    fn probe_blocking(&self) -> Result<(), DbError> {
        match &self.url {
            DatabaseUrl::Sqlite(path) => {
                let mut conn =
                    SqliteConnection::establish(&read_only_uri(path)).map_err(|error| {
                        tracing::warn!(%error, "cannot open the SQLite file");
                        DbError::Unavailable
                    })?;
                conn.batch_execute("PRAGMA busy_timeout = 1000")?;
                let mut conn = DbConnection::Sqlite(conn);
                audit::data_version(&mut conn).map(drop)
            }
            DatabaseUrl::Postgres(_) => {
                let pool = self.pool.read().clone();
                let mut conn = pool.get()?;
                audit::data_version(&mut conn).map(drop)
            }
        }
    }

    /// The breaker and error counts.
    pub fn health(&self) -> &Health {
        &self.health
    }

    /// Connections open and idle, and the pool's size, for `/metrics`.
    pub fn pool_use(&self) -> (u32, u32, u32) {
        let state = self.pool.read().state();
        (state.connections, state.idle_connections, self.size)
    }

    /// A connection for start-up work outside the async runtime.
    pub fn get_blocking(&self) -> Result<PooledDb, DbError> {
        let pool = self.pool.read().clone();
        Ok(pool.get()?)
    }
}

/// A pool for `url`. `check`: wait for the first connection (start-up
/// reports a bad URL at once); a replacement pool connects lazily.
fn build_pool(
    url: &DatabaseUrl,
    size: u32,
    timeout: Duration,
    check: bool,
) -> Result<DbPool, DbError> {
    let (manager, customizer): (_, Box<dyn CustomizeConnection<_, _>>) = match url {
        DatabaseUrl::Sqlite(path) => (ConnectionManager::new(path), Box::new(SqlitePragmas)),
        DatabaseUrl::Postgres(url) => (ConnectionManager::new(url), Box::new(NoCustomizer)),
    };
    let builder = Pool::builder()
        .max_size(size)
        // Connections open on demand: idle instances and test apps
        // do not hold a full pool each.
        .min_idle(Some(1))
        .connection_timeout(timeout)
        .connection_customizer(customizer);
    if check {
        builder
            .build(manager)
            .map_err(|error| DbError::Connect(error.to_string()))
    } else {
        Ok(builder.build_unchecked(manager))
    }
}

/// A read-only SQLite URI for `path`, which never creates a missing file.
fn read_only_uri(path: &str) -> String {
    let escaped = path
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23");
    format!("file:{escaped}?mode=ro")
}

#[derive(Debug)]
struct NoCustomizer;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for NoCustomizer {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scheme_picks_the_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://localhost/test"),
            Ok(DatabaseUrl::Postgres("postgres://localhost/test".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db"),
            Ok(DatabaseUrl::Sqlite("data/x.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("./data/x.db"),
            Ok(DatabaseUrl::Sqlite("./data/x.db".into()))
        );
    }

    #[test]
    fn unusable_urls_are_refused_with_a_reason() {
        for bad in ["", "sqlite::memory:", ":memory:", "mysql://localhost/x"] {
            assert!(DatabaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
