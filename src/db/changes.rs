//! The change feed's log: one `listing_changes` row per write of a listing,
//! appended in the write's own transaction, read back compacted (each
//! listing once, at its latest row).
//!
//! Commit order. A reader serves rows after the client's cursor, so a row
//! must never become visible after a row with a higher id, or the client
//! skips it forever. SQLite serialises writers (one write transaction at a
//! time), so ids commit in order there. PostgreSQL draws identity values
//! before commit: transaction A may take id 10, B id 11, B commit first, a
//! reader see 11 and move its cursor past 10. So every writer on
//! PostgreSQL takes one transaction-level advisory lock ([`serialize`])
//! before it draws an id and holds it until it commits or rolls back:
//! change ids are then drawn and committed one transaction at a time.
//! Writers that lock listing rows take it first thing in their transaction
//! (before any row lock), so two writers can never wait on each other.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::dsl::max;
use diesel::prelude::*;

use super::models::ListingRow;
use super::schema::{listing_changes, listings};
use super::{DbConnection, DbError, listings as reads};
use crate::domain::{Listing, VersionedListing};

/// Key of the advisory lock that orders change ids ("feed" in ASCII).
const FEED_LOCK: i64 = 0x6665_6564;

/// Rows per insert statement (three bind parameters each).
const ROWS_PER_STATEMENT: usize = 1_000;

/// Serialises writers on PostgreSQL until the transaction ends, so change
/// ids commit in the order they are drawn; a no-op on SQLite, which
/// serialises writers itself. Re-entrant: taking it twice in one
/// transaction is harmless.
pub fn serialize(conn: &mut DbConnection) -> Result<(), DbError> {
    if let DbConnection::Postgres(pg) = conn {
        diesel::sql_query(format!("SELECT pg_advisory_xact_lock({FEED_LOCK})")).execute(pg)?;
    }
    Ok(())
}

/// A row to append.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = listing_changes)]
struct NewChange<'a> {
    listing_id: &'a str,
    at: NaiveDateTime,
}

/// Appends one change row per listing id, inside the caller's transaction,
/// and wakes every instance when that transaction commits.
pub fn record(conn: &mut DbConnection, ids: &[&str], at: NaiveDateTime) -> Result<(), DbError> {
    serialize(conn)?;
    super::notify::notify(conn, super::notify::LISTINGS)?;
    for chunk in ids.chunks(ROWS_PER_STATEMENT) {
        let rows: Vec<NewChange<'_>> = chunk
            .iter()
            .map(|listing_id| NewChange { listing_id, at })
            .collect();
        // MultiConnection has no multi-row insert: run it on the backend.
        // On SQLite one row per statement (prepared once): a statement that
        // writes several rows inside a transaction keeps a statement journal
        // of every page it touches, which costs a bulk import more.
        match &mut *conn {
            DbConnection::Sqlite(conn) => {
                for row in &rows {
                    diesel::insert_into(listing_changes::table)
                        .values(row)
                        .execute(conn)?;
                }
                rows.len()
            }
            DbConnection::Postgres(conn) => diesel::insert_into(listing_changes::table)
                .values(&rows)
                .execute(conn)?,
        };
    }
    Ok(())
}

/// A listing as the feed serves it: its current state, and the id of its
/// latest change (the feed's position).
#[derive(Debug, Clone)]
pub struct ChangedListing {
    /// The id of the listing's latest change row.
    pub seq: i64,
    /// The listing now.
    pub listing: Listing,
    /// When it was deleted, if it is.
    pub deleted_at: Option<NaiveDateTime>,
}

/// The id of the latest change row, 0 while the log is empty: one lookup
/// of the primary key's last entry, cheap enough to poll every second.
pub fn latest(conn: &mut DbConnection) -> Result<i64, DbError> {
    let id: Option<i64> = listing_changes::table
        .select(max(listing_changes::id))
        .get_result(conn)?;
    Ok(id.unwrap_or(0))
}

/// The listings changed after `since`, ordered by their latest change, at
/// most `limit`. A listing changed several times appears once, at its
/// latest change, with its current state.
#[tracing::instrument(skip(conn))]
pub fn since(
    conn: &mut DbConnection,
    since: i64,
    limit: i64,
) -> Result<Vec<ChangedListing>, DbError> {
    let (latest, mut found) = compacted(conn, since, limit)?;
    let mut changed = Vec::with_capacity(latest.len());
    for (id, seq) in latest {
        // A change row of a listing that no longer exists (a manual
        // purge) has nothing to serve.
        let Some((stored, deleted_at)) = found.remove(&id) else {
            continue;
        };
        changed.push(ChangedListing {
            seq,
            deleted_at,
            listing: stored.listing,
        });
    }
    Ok(changed)
}

/// One batch of the log as the in-memory catalog applies it.
#[derive(Debug, Clone, Default)]
pub struct CatalogBatch {
    /// Listings live now, as they are now, with their versions.
    pub live: Vec<VersionedListing>,
    /// Ids of listings deleted since (or purged from the table).
    pub removed: Vec<String>,
    /// The highest change id the batch covers; `since` when it is empty.
    pub through: i64,
}

/// The listings changed after `since` (at most `limit`, each once), split
/// into what the catalog must hold and what it must drop. Unlike [`since`],
/// a listing whose row is gone is reported removed, so that no catalog
/// keeps serving it.
#[tracing::instrument(skip(conn))]
pub fn catalog_batch(
    conn: &mut DbConnection,
    since: i64,
    limit: i64,
) -> Result<CatalogBatch, DbError> {
    let (latest, mut found) = compacted(conn, since, limit)?;
    let mut batch = CatalogBatch {
        through: latest.last().map_or(since, |(_, seq)| *seq),
        ..CatalogBatch::default()
    };
    for (id, _) in latest {
        match found.remove(&id) {
            Some((listing, None)) => batch.live.push(listing),
            Some((_, Some(_))) | None => batch.removed.push(id),
        }
    }
    Ok(batch)
}

/// A listing as it is now, with when it was deleted, if it was.
type CurrentState = (VersionedListing, Option<NaiveDateTime>);

/// Each listing changed once, by latest change id; and the current state
/// of those that still have a row, by listing id.
type Compacted = (Vec<(String, i64)>, HashMap<String, CurrentState>);

/// Each listing changed after `since` once, with the id of its latest
/// change, in that order (at most `limit`); and the current state of those
/// that still have a row.
fn compacted(conn: &mut DbConnection, since: i64, limit: i64) -> Result<Compacted, DbError> {
    // One snapshot for both queries, so the states match the positions
    // (on PostgreSQL a transaction at READ COMMITTED would not do that;
    // a state newer than its position is harmless anyway: the newer
    // change is served again later).
    conn.transaction(|conn| {
        let latest: Vec<(String, Option<i64>)> = listing_changes::table
            .filter(listing_changes::id.gt(since))
            .group_by(listing_changes::listing_id)
            .select((listing_changes::listing_id, max(listing_changes::id)))
            .order(max(listing_changes::id).asc())
            .limit(limit)
            .load(conn)?;
        let ids: Vec<&str> = latest.iter().map(|(id, _)| id.as_str()).collect();
        let (rows, versions): (Vec<ListingRow>, Vec<i64>) = listings::table
            .filter(listings::id.eq_any(&ids))
            .select((ListingRow::as_select(), listings::version))
            .load::<(ListingRow, i64)>(conn)?
            .into_iter()
            .unzip();
        let deleted: HashMap<String, Option<NaiveDateTime>> = rows
            .iter()
            .map(|row| (row.id.clone(), row.deleted_at))
            .collect();
        let found = reads::versioned(reads::with_details(conn, rows)?, versions)
            .into_iter()
            .map(|listing| {
                let id = listing.listing.id.to_string();
                let deleted_at = deleted.get(&id).copied().flatten();
                (id, (listing, deleted_at))
            })
            .collect();
        let latest = latest
            .into_iter()
            .map(|(id, seq)| (id, seq.unwrap_or(since)))
            .collect();
        Ok((latest, found))
    })
}
