//! Resolving a verification report, with the listing write a verifying
//! resolution carries: both in one transaction, through the editing
//! service's write.

use diesel::Connection;

use chrono::Utc;

use super::editing::{self, Author, PlannedWrite, WriteConflict};
use super::state::AppState;
use crate::db::reports::{self, ReportRow, Resolve};
use crate::db::{DbConnection, DbError, changes, writes};
use crate::domain::ListingId;
use crate::domain::editing::{AuditAction, FieldError, ListingDraft};

/// What became of a resolution.
#[derive(Debug, Clone)]
pub enum Resolution {
    /// Done.
    Resolved(ReportRow),
    /// No open report has this id (none at all, or resolved already).
    NotOpen,
    /// The listing write met a conflict; the report stays open.
    Conflict(WriteConflict),
}

/// Resolves an open report and writes `verify` (the listing verified
/// today), all or nothing.
pub fn resolve(
    conn: &mut DbConnection,
    resolve: &Resolve,
    verify: Option<&PlannedWrite>,
) -> Result<Resolution, DbError> {
    let mut outcome = Resolution::NotOpen;
    let result = conn.transaction(|conn| {
        // Before any row lock: see `db::changes` on why writers serialise.
        changes::serialize(conn)?;
        let Some(resolved) = reports::mark_resolved(conn, resolve)? else {
            return Ok(());
        };
        if let Some(plan) = verify {
            if let Err(conflict) = editing::write_one(conn, plan)? {
                // Undo the resolution too: the editor tries again.
                outcome = Resolution::Conflict(conflict);
                return Err(DbError::Query(diesel::result::Error::RollbackTransaction));
            }
        }
        outcome = Resolution::Resolved(resolved);
        Ok(())
    });
    match (result, outcome) {
        (Ok(()), outcome) => Ok(outcome),
        (Err(_), conflict @ Resolution::Conflict(_)) => Ok(conflict),
        (Err(error), _) => Err(error),
    }
}

/// Why a verification cannot be planned.
#[derive(Debug)]
pub enum VerifyRefusal {
    /// No live listing has this id.
    NotFound,
    /// The stored listing no longer validates (a rule tightened since).
    Invalid(Vec<FieldError>),
    /// The database failed.
    Db(DbError),
}

impl From<DbError> for VerifyRefusal {
    fn from(error: DbError) -> Self {
        VerifyRefusal::Db(error)
    }
}

/// The listing write of a verifying resolution: `verified_at` today,
/// planned by the editing service like every other write (`None` when the
/// listing was verified today already).
pub async fn plan_verification(
    state: &AppState,
    author: Author,
    listing_id: &str,
) -> Result<Option<PlannedWrite>, VerifyRefusal> {
    let id = ListingId::parse(listing_id).map_err(|_| VerifyRefusal::NotFound)?;
    let stored = state
        .db
        .run(move |conn| writes::find_stored(conn, &id))
        .await?
        .filter(|stored| !stored.deleted)
        .ok_or(VerifyRefusal::NotFound)?;
    let mut draft = ListingDraft::from_listing(&stored.listing, stored.external_id.as_deref());
    draft.verified_at = Some(Utc::now().date_naive().to_string());
    let after = editing::validate(state, &draft).map_err(VerifyRefusal::Invalid)?;
    Ok(editing::plan_update(
        author,
        AuditAction::Update,
        &stored,
        after,
    ))
}
