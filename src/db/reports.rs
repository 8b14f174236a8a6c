//! Verification reports: stored by anyone, resolved by editors. Resolving
//! as verified also writes the listing (audit trail, change feed, data
//! version) in the same transaction.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{listing_reports, listings};
use super::{DbConnection, DbError, changes};

/// A stored report.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = listing_reports)]
pub struct ReportRow {
    /// Monotonic id.
    pub id: i64,
    /// The listing reported.
    pub listing_id: String,
    /// A `ReportKind` code.
    pub kind: String,
    /// What is wrong.
    pub message: String,
    /// The reporter's e-mail address.
    pub contact: Option<String>,
    /// A `ReportStatus` code.
    pub status: String,
    /// When it was sent (UTC).
    pub created_at: NaiveDateTime,
    /// When an editor resolved it (UTC).
    pub resolved_at: Option<NaiveDateTime>,
    /// The key that resolved it.
    pub resolved_by: Option<i64>,
    /// The editor's note.
    pub note: Option<String>,
}

/// A report to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = listing_reports)]
pub struct NewReport {
    /// The listing reported.
    pub listing_id: String,
    /// A `ReportKind` code.
    pub kind: String,
    /// What is wrong.
    pub message: String,
    /// The reporter's e-mail address.
    pub contact: Option<String>,
    /// Always `open`.
    pub status: String,
    /// When (UTC).
    pub created_at: NaiveDateTime,
}

/// Stores a report of a live listing, unless the same report is open
/// already; `None` when there is no such listing.
#[tracing::instrument(skip_all, fields(listing = %report.listing_id))]
pub fn insert(conn: &mut DbConnection, report: &NewReport) -> Result<Option<Filed>, DbError> {
    conn.transaction(|conn| {
        let live = listings::table
            .filter(listings::id.eq(&report.listing_id))
            .filter(listings::deleted_at.is_null())
            .count()
            .get_result::<i64>(conn)?;
        if live == 0 {
            return Ok(None);
        }
        // RETURNING does not go through MultiConnection. Under the writers'
        // lock no other report is inserted until this one commits, so the
        // newest report of the listing is this one (and a duplicate cannot
        // slip in between the check and the insert).
        changes::serialize(conn)?;
        let open_twin = listing_reports::table
            .filter(listing_reports::listing_id.eq(&report.listing_id))
            .filter(listing_reports::status.eq(&report.status))
            .filter(listing_reports::kind.eq(&report.kind))
            .filter(listing_reports::message.eq(&report.message))
            .order(listing_reports::id.asc())
            .select(ReportRow::as_select())
            .first(conn)
            .optional()?;
        if let Some(twin) = open_twin {
            return Ok(Some(Filed::Duplicate(twin)));
        }
        diesel::insert_into(listing_reports::table)
            .values(report)
            .execute(conn)?;
        Ok(Some(Filed::New(
            listing_reports::table
                .filter(listing_reports::listing_id.eq(&report.listing_id))
                .order(listing_reports::id.desc())
                .select(ReportRow::as_select())
                .first(conn)?,
        )))
    })
}

/// What filing a report did.
#[derive(Debug, Clone)]
pub enum Filed {
    /// A new report joined the queue.
    New(ReportRow),
    /// An open report of the same listing, kind and message was there
    /// already: nothing was added.
    Duplicate(ReportRow),
}

/// Reports with this status (any when `None`) after report `after`, oldest
/// first, at most `limit`.
#[tracing::instrument(skip(conn))]
pub fn page(
    conn: &mut DbConnection,
    status: Option<&str>,
    after: i64,
    limit: i64,
) -> Result<Vec<ReportRow>, DbError> {
    let mut query = listing_reports::table
        .filter(listing_reports::id.gt(after))
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(listing_reports::status.eq(status.to_owned()));
    }
    Ok(query
        .order(listing_reports::id.asc())
        .limit(limit)
        .select(ReportRow::as_select())
        .load(conn)?)
}

/// The report with this id.
#[tracing::instrument(skip(conn))]
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<ReportRow>, DbError> {
    Ok(listing_reports::table
        .find(id)
        .select(ReportRow::as_select())
        .first(conn)
        .optional()?)
}

/// A resolution to write.
#[derive(Debug, Clone)]
pub struct Resolve {
    /// The report.
    pub id: i64,
    /// `fixed` or `rejected`.
    pub status: String,
    /// The editor's note.
    pub note: Option<String>,
    /// The key resolving it.
    pub key_id: i64,
    /// When (UTC).
    pub at: NaiveDateTime,
}

/// Marks an open report resolved, inside the caller's transaction;
/// `None` when no open report has this id (none at all, or resolved
/// already). Of two editors resolving at once, exactly one wins.
#[tracing::instrument(skip_all, fields(report = resolve.id))]
pub fn mark_resolved(
    conn: &mut DbConnection,
    resolve: &Resolve,
) -> Result<Option<ReportRow>, DbError> {
    let resolved = diesel::update(
        listing_reports::table
            .filter(listing_reports::id.eq(resolve.id))
            .filter(listing_reports::status.eq("open")),
    )
    .set((
        listing_reports::status.eq(&resolve.status),
        listing_reports::note.eq(&resolve.note),
        listing_reports::resolved_by.eq(Some(resolve.key_id)),
        listing_reports::resolved_at.eq(Some(resolve.at)),
    ))
    .execute(conn)?;
    if resolved != 1 {
        return Ok(None);
    }
    find(conn, resolve.id)
}
