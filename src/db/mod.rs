//! Persistence: one diesel code base over SQLite (the embedded default) and
//! PostgreSQL (for several instances behind a load balancer).
//!
//! Diesel is blocking, so every query runs on the blocking thread pool
//! through [`Database::run`], never on the async executor.

pub mod audit;
pub mod changes;
pub mod editing;
pub mod imports;
pub mod keys;
pub mod listings;
mod migrate;
pub mod models;
pub mod reference;
pub mod reports;
pub mod schema;
pub mod seed;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::sqlite::SqliteConnection;

pub use migrate::prepare;

/// A connection to either backend; the backend is chosen by the URL scheme.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// The embedded default: a file on disk.
    Sqlite(SqliteConnection),
    /// The production option.
    Postgres(PgConnection),
}

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
    /// Migrations could not be applied.
    #[error("database migration failed: {0}")]
    Migration(String),
    /// Data could not be encoded (a key hash, an export).
    #[error("cannot encode: {0}")]
    Encode(String),
    /// The blocking task was cancelled or panicked.
    #[error("database task did not complete: {0}")]
    Task(#[from] tokio::task::JoinError),
}

impl DbError {
    /// True when the query found no row.
    pub fn is_not_found(&self) -> bool {
        matches!(self, DbError::Query(diesel::result::Error::NotFound))
    }
}

/// A pooled connection.
pub type PooledDb = PooledConnection<ConnectionManager<DbConnection>>;

/// The connection pool, and the way to use it off the async executor.
#[derive(Clone)]
pub struct Database {
    pool: Pool<ConnectionManager<DbConnection>>,
    backend: &'static str,
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
    /// Opens a pool of `size` connections. Creates the SQLite file's folder.
    pub fn connect(url: &DatabaseUrl, size: u32) -> Result<Self, DbError> {
        let (manager, customizer): (_, Box<dyn CustomizeConnection<_, _>>) = match url {
            DatabaseUrl::Sqlite(path) => {
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent).map_err(|error| {
                            DbError::Migration(format!(
                                "cannot create {}: {error}",
                                parent.display()
                            ))
                        })?;
                    }
                }
                (ConnectionManager::new(path), Box::new(SqlitePragmas))
            }
            DatabaseUrl::Postgres(url) => (ConnectionManager::new(url), Box::new(NoCustomizer)),
        };
        let pool = Pool::builder()
            .max_size(size)
            // Connections open on demand: idle instances and test apps
            // do not hold a full pool each.
            .min_idle(Some(1))
            .connection_timeout(Duration::from_secs(5))
            .connection_customizer(customizer)
            .build(manager)
            .map_err(|error| DbError::Migration(format!("cannot connect: {error}")))?;
        Ok(Database {
            pool,
            backend: url.backend(),
        })
    }

    /// The backend's name, for logs.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// Runs blocking database work on the blocking thread pool.
    pub async fn run<T, F>(&self, work: F) -> Result<T, DbError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> Result<T, DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await?
    }

    /// A connection for start-up work outside the async runtime.
    pub fn get_blocking(&self) -> Result<PooledDb, DbError> {
        Ok(self.pool.get()?)
    }
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
