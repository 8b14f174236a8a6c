//! Writes of single listings. Each write is one transaction that also
//! records the audit entry and bumps the data version. Lost updates are
//! prevented by a conditional `UPDATE … WHERE id = ? AND version = ?`: of two
//! writers holding the same version, exactly one changes a row.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use diesel::result::{DatabaseErrorKind, Error as DieselError};

use super::audit::{self, NewAuditEntry};
use super::models::ListingRow;
use super::schema::{listing_languages, listing_translations, listings};
use super::{DbConnection, DbError, changes, inserts, listings as reads};
use crate::domain::editing::AuditAction;
use crate::domain::{Listing, ListingId};

/// A listing as stored, with what only writers need.
#[derive(Debug, Clone)]
pub struct StoredListing {
    /// The listing.
    pub listing: Listing,
    /// Bumped by every write; the ETag is built from it.
    pub version: i64,
    /// The publisher's id, for imports.
    pub external_id: Option<String>,
    /// True when soft-deleted.
    pub deleted: bool,
}

/// Who writes, and the before/after snapshots (JSON) for the audit trail:
/// whole listing documents, or for a write of an import only the fields
/// it changed.
#[derive(Debug, Clone)]
pub struct WriteAudit {
    /// The key writing; `None` for the operator's CLI.
    pub key_id: Option<i64>,
    /// What kind of write.
    pub action: AuditAction,
    /// When.
    pub at: DateTime<Utc>,
    /// JSON of the listing before.
    pub before: Option<String>,
    /// JSON of the listing after.
    pub after: Option<String>,
    /// The import (its record in `imports`) that makes this write.
    pub import_id: Option<i64>,
}

/// What became of a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Done; the listing now has this version.
    Written {
        /// The new version.
        version: i64,
    },
    /// The listing has moved past the expected version.
    Stale,
    /// No live listing has this id.
    NotFound,
    /// Another listing (live or deleted) has this id.
    IdTaken,
    /// Another listing has this external id.
    ExternalIdTaken,
}

/// The columns a write replaces (everything but the id, creation and
/// deletion times); `None` writes NULL.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = listings, treat_none_as_null = true)]
struct ListingChanges {
    category: String,
    city_code: String,
    district_code: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    opening_hours: Option<String>,
    min_age: Option<i32>,
    max_age: Option<i32>,
    application_opens_at: Option<NaiveDateTime>,
    application_closes_at: Option<NaiveDateTime>,
    capacity_rooms: Option<i32>,
    capacity_people_min: Option<i32>,
    capacity_people_max: Option<i32>,
    max_hours_per_day: Option<i32>,
    capacity_teams: Option<i32>,
    residency_months: Option<i32>,
    max_residency_months: Option<i32>,
    source: String,
    sample: bool,
    verified_at: Option<NaiveDate>,
    location_approximate: bool,
    updated_at: NaiveDateTime,
    external_id: Option<String>,
}

impl ListingChanges {
    fn new(listing: &Listing, external_id: Option<&str>) -> Self {
        let row = ListingRow::from_listing(listing);
        ListingChanges {
            category: row.category,
            city_code: row.city_code,
            district_code: row.district_code,
            latitude: row.latitude,
            longitude: row.longitude,
            phone: row.phone,
            email: row.email,
            website: row.website,
            opening_hours: row.opening_hours,
            min_age: row.min_age,
            max_age: row.max_age,
            application_opens_at: row.application_opens_at,
            application_closes_at: row.application_closes_at,
            capacity_rooms: row.capacity_rooms,
            capacity_people_min: row.capacity_people_min,
            capacity_people_max: row.capacity_people_max,
            max_hours_per_day: row.max_hours_per_day,
            capacity_teams: row.capacity_teams,
            residency_months: row.residency_months,
            max_residency_months: row.max_residency_months,
            source: row.source,
            sample: row.sample,
            verified_at: row.verified_at,
            location_approximate: row.location_approximate,
            updated_at: row.updated_at,
            external_id: external_id.map(str::to_owned),
        }
    }
}

/// The listing with this id, deleted or not, with its version.
#[tracing::instrument(skip(conn))]
pub fn find_stored(
    conn: &mut DbConnection,
    id: &ListingId,
) -> Result<Option<StoredListing>, DbError> {
    let Some((row, version, external_id)) = listings::table
        .filter(listings::id.eq(id.as_str()))
        .select((
            ListingRow::as_select(),
            listings::version,
            listings::external_id,
        ))
        .first::<(ListingRow, i64, Option<String>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let deleted = row.deleted_at.is_some();
    let listing = reads::with_details(conn, vec![row])?
        .pop()
        .ok_or(DbError::Query(DieselError::NotFound))?;
    Ok(Some(StoredListing {
        listing,
        version,
        external_id,
        deleted,
    }))
}

/// The row of `audit` for `listing_id`: the one conversion of a typed
/// audit entry into what is stored.
pub fn audit_entry(listing_id: &str, audit: &WriteAudit) -> NewAuditEntry {
    NewAuditEntry {
        listing_id: listing_id.to_owned(),
        key_id: audit.key_id,
        action: audit.action.code().to_owned(),
        at: audit.at.naive_utc(),
        before: audit.before.clone(),
        after: audit.after.clone(),
        import_id: audit.import_id,
    }
}

fn unique_violation(error: &DbError) -> bool {
    matches!(
        error,
        DbError::Query(DieselError::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            _
        ))
    )
}

/// Adds a listing at version 1.
#[tracing::instrument(skip_all, fields(id = %listing.id))]
pub fn create(
    conn: &mut DbConnection,
    listing: &Listing,
    external_id: Option<&str>,
    audit: &WriteAudit,
) -> Result<WriteOutcome, DbError> {
    let written = conn.transaction(|conn| {
        changes::serialize(conn)?;
        // Insert first, so that SQLite takes the write lock at once and a
        // taken id shows up as a unique violation on either backend.
        inserts::insert(conn, listing)?;
        if let Some(external_id) = external_id {
            diesel::update(listings::table.filter(listings::id.eq(listing.id.as_str())))
                .set(listings::external_id.eq(external_id))
                .execute(conn)?;
        }
        audit::record(conn, &audit_entry(listing.id.as_str(), audit))?;
        audit::bump_data_version(conn)?;
        Ok(WriteOutcome::Written { version: 1 })
    });
    match written {
        Err(error) if unique_violation(&error) => {
            let id_taken = conn.transaction(|conn| {
                Ok::<_, DbError>(
                    listings::table
                        .filter(listings::id.eq(listing.id.as_str()))
                        .count()
                        .get_result::<i64>(conn)?
                        > 0,
                )
            })?;
            Ok(if id_taken {
                WriteOutcome::IdTaken
            } else {
                WriteOutcome::ExternalIdTaken
            })
        }
        other => other,
    }
}

/// Replaces a live listing's facts and texts if it is still at
/// `expected_version`.
#[tracing::instrument(skip_all, fields(id = %listing.id, expected_version))]
pub fn update(
    conn: &mut DbConnection,
    listing: &Listing,
    external_id: Option<&str>,
    expected_version: i64,
    audit: &WriteAudit,
) -> Result<WriteOutcome, DbError> {
    let id = listing.id.as_str();
    let outcome = conn.transaction(|conn| {
        // Before any row lock: see `changes` on why writers serialise.
        changes::serialize(conn)?;
        // The version check and the write are one statement: the first of
        // two concurrent writers wins, the second matches no row.
        let changed = diesel::update(
            listings::table
                .filter(listings::id.eq(id))
                .filter(listings::version.eq(expected_version))
                .filter(listings::deleted_at.is_null()),
        )
        .set((
            ListingChanges::new(listing, external_id),
            listings::version.eq(listings::version + 1),
        ))
        .execute(conn)?;
        if changed != 1 {
            return missed(conn, id);
        }
        replace_details(conn, listing)?;
        audit::record(conn, &audit_entry(id, audit))?;
        changes::record(conn, &[id], audit.at.naive_utc())?;
        audit::bump_data_version(conn)?;
        Ok(WriteOutcome::Written {
            version: expected_version + 1,
        })
    });
    match outcome {
        Err(error) if unique_violation(&error) => Ok(WriteOutcome::ExternalIdTaken),
        other => other,
    }
}

/// Soft-deletes a live listing if it is still at `expected_version`.
#[tracing::instrument(skip(conn, audit))]
pub fn delete(
    conn: &mut DbConnection,
    id: &ListingId,
    expected_version: i64,
    audit: &WriteAudit,
) -> Result<WriteOutcome, DbError> {
    conn.transaction(|conn| {
        changes::serialize(conn)?;
        let at = audit.at.naive_utc();
        let changed = diesel::update(
            listings::table
                .filter(listings::id.eq(id.as_str()))
                .filter(listings::version.eq(expected_version))
                .filter(listings::deleted_at.is_null()),
        )
        .set((
            listings::deleted_at.eq(Some(at)),
            listings::updated_at.eq(at),
            listings::version.eq(listings::version + 1),
        ))
        .execute(conn)?;
        if changed != 1 {
            return missed(conn, id.as_str());
        }
        audit::record(conn, &audit_entry(id.as_str(), audit))?;
        changes::record(conn, &[id.as_str()], at)?;
        audit::bump_data_version(conn)?;
        Ok(WriteOutcome::Written {
            version: expected_version + 1,
        })
    })
}

/// Why a conditional write matched no row: gone, or moved on.
fn missed(conn: &mut DbConnection, id: &str) -> Result<WriteOutcome, DbError> {
    let live = listings::table
        .filter(listings::id.eq(id))
        .filter(listings::deleted_at.is_null())
        .count()
        .get_result::<i64>(conn)?;
    Ok(if live == 0 {
        WriteOutcome::NotFound
    } else {
        WriteOutcome::Stale
    })
}

/// Replaces a listing's languages and texts with the listing's own.
pub(super) fn replace_details(conn: &mut DbConnection, listing: &Listing) -> Result<(), DbError> {
    let id = listing.id.as_str();
    diesel::delete(listing_languages::table.filter(listing_languages::listing_id.eq(id)))
        .execute(conn)?;
    diesel::delete(listing_translations::table.filter(listing_translations::listing_id.eq(id)))
        .execute(conn)?;
    inserts::insert_details(conn, listing)
}
