//! The audit trail and the global data version, both written inside the
//! transaction of the write they record.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{api_keys, data_version, imports, listing_audit};
use super::{DbConnection, DbError};

/// One write to record.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = listing_audit)]
pub struct NewAuditEntry {
    /// The listing written.
    pub listing_id: String,
    /// The key that wrote it; `None` for the operator's CLI.
    pub key_id: Option<i64>,
    /// `create`, `update`, `delete`, `translate` or `import`.
    pub action: String,
    /// When (UTC).
    pub at: NaiveDateTime,
    /// The listing before, as JSON; `None` when it did not exist.
    pub before: Option<String>,
    /// The listing after, as JSON; `None` when deleted.
    pub after: Option<String>,
    /// The import that wrote it, if one did: then `before` and `after`
    /// hold only the changed fields, and a creation holds neither.
    pub import_id: Option<i64>,
}

/// The import an audit entry belongs to: one row per import that wrote.
#[derive(Debug, Clone, Queryable)]
pub struct ImportRecord {
    /// Its id.
    pub id: i64,
    /// When it was written (UTC).
    pub at: NaiveDateTime,
    /// SHA-256 of the file's text, in hex.
    pub sha256: String,
    /// Data rows read.
    pub rows_read: i64,
    /// Listings it added.
    pub created: i64,
    /// Listings it changed.
    pub updated: i64,
    /// Rows equal to what was stored.
    pub unchanged: i64,
}

/// A recorded write, with the name of the key that made it.
#[derive(Debug, Clone, Queryable)]
pub struct AuditEntry {
    /// Monotonic id: entries are in write order.
    pub id: i64,
    /// The listing written.
    pub listing_id: String,
    /// The key that wrote it.
    pub key_id: Option<i64>,
    /// The action code.
    pub action: String,
    /// When (UTC).
    pub at: NaiveDateTime,
    /// JSON before.
    pub before: Option<String>,
    /// JSON after.
    pub after: Option<String>,
    /// The key's name, if a key wrote it.
    pub key_name: Option<String>,
    /// The import that wrote it, if one did.
    pub import: Option<ImportRecord>,
}

/// Records writes, row by row (batch inserts do not go through
/// MultiConnection; [`super::imports`] batches on the inner connection).
pub fn record(conn: &mut DbConnection, entry: &NewAuditEntry) -> Result<(), DbError> {
    diesel::insert_into(listing_audit::table)
        .values(entry)
        .execute(conn)?;
    Ok(())
}

/// Bumps the single-row data version; call once in every write transaction.
pub fn bump_data_version(conn: &mut DbConnection) -> Result<(), DbError> {
    diesel::update(data_version::table.filter(data_version::id.eq(1)))
        .set(data_version::version.eq(data_version::version + 1))
        .execute(conn)?;
    Ok(())
}

/// The current data version.
#[tracing::instrument(skip(conn))]
pub fn data_version(conn: &mut DbConnection) -> Result<i64, DbError> {
    Ok(data_version::table
        .filter(data_version::id.eq(1))
        .select(data_version::version)
        .first(conn)?)
}

/// Every recorded write of a listing, oldest first (deleted listings too).
#[tracing::instrument(skip(conn))]
pub fn history(conn: &mut DbConnection, listing_id: &str) -> Result<Vec<AuditEntry>, DbError> {
    Ok(listing_audit::table
        .left_join(api_keys::table.on(listing_audit::key_id.eq(api_keys::id.nullable())))
        .left_join(imports::table.on(listing_audit::import_id.eq(imports::id.nullable())))
        .filter(listing_audit::listing_id.eq(listing_id))
        .order(listing_audit::id.asc())
        .select((
            listing_audit::id,
            listing_audit::listing_id,
            listing_audit::key_id,
            listing_audit::action,
            listing_audit::at,
            listing_audit::before,
            listing_audit::after,
            api_keys::name.nullable(),
            (
                imports::id,
                imports::at,
                imports::sha256,
                imports::rows_read,
                imports::created,
                imports::updated,
                imports::unchanged,
            )
                .nullable(),
        ))
        .load(conn)?)
}
