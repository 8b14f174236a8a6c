//! The one connection type of both backends.
// diesel's MultiConnection derive generates undocumented public items.
#![allow(missing_docs)]

use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;

/// A connection to either backend; the backend is chosen by the URL scheme.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    /// The embedded default: a file on disk.
    Sqlite(SqliteConnection),
    /// The production option.
    Postgres(PgConnection),
}
