//! Resolving a verification report, with the listing write a verifying
//! resolution carries: both in one transaction, through the editing
//! service's write.

use diesel::Connection;

use super::editing::{self, PlannedWrite, WriteConflict};
use crate::db::reports::{self, ReportRow, Resolve};
use crate::db::{DbConnection, DbError, changes};

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
