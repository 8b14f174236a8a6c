//! Bringing a database up to date at start-up: migrations, then demo data.

use diesel::connection::SimpleConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::{Database, DbConnection, DbError, seed};
use crate::seed::SeedData;

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// An arbitrary key for the PostgreSQL advisory lock that serialises
/// start-up work between instances sharing one database.
const STARTUP_LOCK_KEY: i64 = 0x0005_e0d1_2ec7;

/// Applies pending migrations and, given demo data, loads it into an empty
/// database. Instances starting together on PostgreSQL take turns.
pub fn prepare(db: &Database, demo: Option<&SeedData>) -> Result<(), DbError> {
    let mut conn = db.get_blocking()?;
    let locked = matches!(&*conn, DbConnection::Postgres(_));
    if locked {
        conn.batch_execute(&format!("SELECT pg_advisory_lock({STARTUP_LOCK_KEY})"))?;
    }
    let result = migrate(&mut conn).and_then(|()| match demo {
        Some(data) => seed::load_if_empty(&mut conn, data).map(|_| ()),
        None => Ok(()),
    });
    if locked {
        conn.batch_execute(&format!("SELECT pg_advisory_unlock({STARTUP_LOCK_KEY})"))?;
    }
    result
}

fn migrate(conn: &mut DbConnection) -> Result<(), DbError> {
    let applied = match conn {
        DbConnection::Sqlite(conn) => conn.run_pending_migrations(SQLITE_MIGRATIONS),
        DbConnection::Postgres(conn) => conn.run_pending_migrations(POSTGRES_MIGRATIONS),
    }
    .map_err(|error| DbError::Migration(error.to_string()))?;
    for migration in applied {
        tracing::info!(%migration, "applied migration");
    }
    Ok(())
}
