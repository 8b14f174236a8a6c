//! Bulk writes for imports: the import's own record, lookups by external
//! id a chunk at a time, and multi-row inserts. MultiConnection cannot
//! batch inserts, so these match on the inner connection; each backend
//! runs the same diesel query.

use chrono::NaiveDateTime;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::audit::NewAuditEntry;
use super::models::{LanguageRow, ListingRow, TranslationRow};
use super::schema::{imports, listing_audit, listing_languages, listing_translations, listings};
use super::writes::StoredListing;
use super::{DbConnection, DbError, changes, listings as reads};
use crate::domain::Listing;

/// A listing row with its external id, for inserting.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = listings)]
struct NewListingRow {
    #[diesel(embed)]
    row: ListingRow,
    external_id: Option<String>,
}

/// Inserts many rows on whichever backend `conn` is: one statement per
/// few hundred rows on PostgreSQL; one statement per row (prepared once)
/// on SQLite, where a statement that writes several rows inside the
/// import's transaction keeps a statement journal, a copy of every page it
/// touches (spilled to a temporary file), which cost more than the
/// statements it saves.
macro_rules! insert_many {
    ($conn:expr, $table:expr, $rows:expr) => {
        match $conn {
            DbConnection::Sqlite(conn) => {
                let mut inserted = 0;
                for row in $rows {
                    inserted += diesel::insert_into($table).values(row).execute(conn)?;
                }
                Ok::<usize, diesel::result::Error>(inserted)
            }
            DbConnection::Postgres(conn) => diesel::insert_into($table).values($rows).execute(conn),
        }
    };
}

/// An import's record, as first written: who and when; the file's digest
/// and the counts are known at the end ([`close`]).
#[derive(Debug, Insertable)]
#[diesel(table_name = imports)]
struct NewImport {
    key_id: Option<i64>,
    at: NaiveDateTime,
    sha256: String,
    rows_read: i64,
    created: i64,
    updated: i64,
    unchanged: i64,
}

/// What an import read and did, for its record.
#[derive(Debug, Clone, Copy)]
pub struct ImportCounts<'a> {
    /// SHA-256 of the file's text, in hex.
    pub sha256: &'a str,
    /// Data rows read.
    pub rows_read: usize,
    /// Listings added.
    pub created: usize,
    /// Listings changed.
    pub updated: usize,
    /// Rows equal to what was stored.
    pub unchanged: usize,
}

/// Opens the record of an import by `key_id` (`None`: the operator) at
/// `at`, inside the import's transaction, and returns its id for the
/// listings' audit entries. An import that writes nothing rolls it back.
#[tracing::instrument(skip(conn))]
pub fn open(
    conn: &mut DbConnection,
    key_id: Option<i64>,
    at: NaiveDateTime,
) -> Result<i64, DbError> {
    let row = NewImport {
        key_id,
        at,
        sha256: String::new(),
        rows_read: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
    };
    let query = diesel::insert_into(imports::table)
        .values(&row)
        .returning(imports::id);
    Ok(match conn {
        DbConnection::Sqlite(conn) => query.get_result(conn)?,
        DbConnection::Postgres(conn) => query.get_result(conn)?,
    })
}

/// Completes the record of import `id` once its file is read.
#[tracing::instrument(skip(conn))]
pub fn close(conn: &mut DbConnection, id: i64, counts: ImportCounts<'_>) -> Result<(), DbError> {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    diesel::update(imports::table.filter(imports::id.eq(id)))
        .set((
            imports::sha256.eq(counts.sha256),
            imports::rows_read.eq(count(counts.rows_read)),
            imports::created.eq(count(counts.created)),
            imports::updated.eq(count(counts.updated)),
            imports::unchanged.eq(count(counts.unchanged)),
        ))
        .execute(conn)?;
    Ok(())
}

/// SQLite's page cache for an import's connection, in KiB: large enough
/// that the one transaction's dirty pages stay in memory until it commits
/// (pages spilled mid-transaction are written to the WAL, read back and
/// written again). Pages are allocated as they are used, so a small
/// import takes little of it.
const IMPORT_CACHE_KIB: i64 = 4 * 1024 * 1024;

/// SQLite's default page cache (`-2000`: about 2 MB), which server
/// connections keep.
const DEFAULT_CACHE_KIB: i64 = 2_000;

/// Runs `work` with the import's page cache on this connection (SQLite
/// only), then gives the connection back its default cache, so that a
/// pooled connection does not keep an import's memory.
pub fn with_import_cache<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> T,
) -> Result<T, DbError> {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    if sqlite {
        conn.batch_execute(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))?;
    }
    let result = work(conn);
    if sqlite {
        conn.batch_execute(&format!("PRAGMA cache_size = -{DEFAULT_CACHE_KIB}"))?;
    }
    Ok(result)
}

/// Rows per insert statement: PostgreSQL takes at most 65 535 bind
/// parameters per statement, SQLite 32 766; a listing row has 28.
const ROWS_PER_STATEMENT: usize = 500;

/// Listings (deleted ones too) whose external id or id is among these.
#[tracing::instrument(skip_all, fields(external_ids = external_ids.len(), ids = ids.len()))]
pub fn find_for_upsert(
    conn: &mut DbConnection,
    external_ids: &[String],
    ids: &[String],
) -> Result<Vec<StoredListing>, DbError> {
    // Two index lookups rather than one `OR`, which PostgreSQL may answer
    // with a scan of the whole table for every chunk.
    let mut found: Vec<(ListingRow, i64, Option<String>)> = listings::table
        .filter(listings::external_id.eq_any(external_ids))
        .select((
            ListingRow::as_select(),
            listings::version,
            listings::external_id,
        ))
        .load(conn)?;
    let by_id: Vec<(ListingRow, i64, Option<String>)> = listings::table
        .filter(listings::id.eq_any(ids))
        .select((
            ListingRow::as_select(),
            listings::version,
            listings::external_id,
        ))
        .load(conn)?;
    for row in by_id {
        if !found.iter().any(|(seen, _, _)| seen.id == row.0.id) {
            found.push(row);
        }
    }
    let mut meta = Vec::with_capacity(found.len());
    let mut rows = Vec::with_capacity(found.len());
    for (row, version, external_id) in found {
        meta.push((version, external_id, row.deleted_at.is_some()));
        rows.push(row);
    }
    let listings = reads::with_details(conn, rows)?;
    Ok(listings
        .into_iter()
        .zip(meta)
        .map(|(listing, (version, external_id, deleted))| StoredListing {
            listing,
            version,
            external_id,
            deleted,
        })
        .collect())
}

/// Inserts new listings, their languages, texts and audit entries, a few
/// hundred rows per statement, inside the caller's transaction.
#[tracing::instrument(skip_all, fields(listings = new.len()))]
pub fn insert_new(
    conn: &mut DbConnection,
    new: &[(Listing, Option<String>)],
    audit: &[NewAuditEntry],
) -> Result<(), DbError> {
    for chunk in new.chunks(ROWS_PER_STATEMENT) {
        let rows: Vec<NewListingRow> = chunk
            .iter()
            .map(|(listing, external_id)| NewListingRow {
                row: ListingRow::from_listing(listing),
                external_id: external_id.clone(),
            })
            .collect();
        insert_many!(&mut *conn, listings::table, &rows)?;
        let languages: Vec<LanguageRow> = chunk
            .iter()
            .flat_map(|(listing, _)| {
                listing.languages.iter().map(|code| LanguageRow {
                    listing_id: listing.id.to_string(),
                    language_code: code.clone(),
                })
            })
            .collect();
        for part in languages.chunks(ROWS_PER_STATEMENT * 4) {
            insert_many!(&mut *conn, listing_languages::table, part)?;
        }
        let texts: Vec<TranslationRow> = chunk
            .iter()
            .flat_map(|(listing, _)| TranslationRow::from_listing(listing))
            .collect();
        for part in texts.chunks(ROWS_PER_STATEMENT) {
            insert_many!(&mut *conn, listing_translations::table, part)?;
        }
    }
    for part in audit.chunks(ROWS_PER_STATEMENT) {
        insert_many!(&mut *conn, listing_audit::table, part)?;
    }
    let ids: Vec<&str> = new.iter().map(|(listing, _)| listing.id.as_str()).collect();
    let at = audit
        .first()
        .map_or_else(|| chrono::Utc::now().naive_utc(), |entry| entry.at);
    changes::record(conn, &ids, at)?;
    Ok(())
}

/// Live listings after `after` in id order, at most `limit`, for exports.
#[tracing::instrument(skip(conn))]
pub fn live_page(
    conn: &mut DbConnection,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<StoredListing>, DbError> {
    let mut query = listings::table
        .filter(listings::deleted_at.is_null())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(listings::id.gt(after.to_owned()));
    }
    let found: Vec<(ListingRow, i64, Option<String>)> = query
        .order(listings::id.asc())
        .limit(limit)
        .select((
            ListingRow::as_select(),
            listings::version,
            listings::external_id,
        ))
        .load(conn)?;
    let meta: Vec<(i64, Option<String>)> = found.iter().map(|(_, v, e)| (*v, e.clone())).collect();
    let listings = reads::with_details(conn, found.into_iter().map(|(row, _, _)| row).collect())?;
    Ok(listings
        .into_iter()
        .zip(meta)
        .map(|(listing, (version, external_id))| StoredListing {
            listing,
            version,
            external_id,
            deleted: false,
        })
        .collect())
}
