//! The one way a listing is written. Every write path — the API's POST,
//! PATCH, DELETE and `PUT …/content/{locale}`, a report resolved as
//! verified, the translations import, the CSV import over HTTP and from
//! the CLI — plans its change here and writes it here:
//!
//! - [`plan_create`], [`plan_update`] and [`plan_delete`] turn a validated
//!   listing into a [`PlannedWrite`]: the change and its audit entry, built
//!   by one function, so every path records the same shape. An update that
//!   changes nothing is no plan at all: no version, no audit entry.
//!   A bulk import plans with [`plan_import_create`] and
//!   [`plan_import_update`]: its entries name the import's record and hold
//!   a diff (the changed fields before and after; nothing for a creation)
//!   instead of two whole documents per row.
//! - [`write`] writes plans in one transaction (listing, audit entry,
//!   change log, data version), all or none, and names the first conflict
//!   as a [`WriteConflict`], which the API answers the same way on every
//!   path.
//!
//! Nothing here knows about HTTP.

use chrono::{DateTime, Utc};
use diesel::Connection;

use super::state::AppState;
use crate::db::writes::{self, StoredListing, WriteAudit, WriteOutcome};
use crate::db::{DbConnection, DbError};
use crate::domain::editing::{
    AuditAction, FieldError, ListingDraft, ValidListing, ValidationContext,
};
use crate::domain::{Listing, ListingId};
use crate::exchange::ListingDocument;
use crate::exchange::diff::{self, DocumentDiff};

/// Validates a draft of a write made through the API: against the locales
/// and cities in service, now. (The CSV import builds the same context
/// once per file, with `import` as the default source.)
pub fn validate(state: &AppState, draft: &ListingDraft) -> Result<ValidListing, Vec<FieldError>> {
    let locales = state.locales();
    let tags: Vec<&str> = locales.all().iter().map(|l| l.tag()).collect();
    draft.validate(&ValidationContext::new(state.reference(), &tags, "api"))
}

/// Who writes: an API key, or the operator at the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Author(Option<i64>);

impl Author {
    /// The operator's CLI (no key).
    pub const OPERATOR: Author = Author(None);

    /// The API key with this id.
    pub fn key(id: i64) -> Self {
        Author(Some(id))
    }

    /// A key's id, or the operator for `None`.
    pub fn from_key_id(id: Option<i64>) -> Self {
        Author(id)
    }

    /// The key's id; `None` for the operator.
    pub fn key_id(self) -> Option<i64> {
        self.0
    }
}

/// A write, planned: the change and the audit entry it is recorded with.
#[derive(Debug, Clone)]
pub struct PlannedWrite {
    change: Change,
    audit: WriteAudit,
}

#[derive(Debug, Clone)]
enum Change {
    Create {
        listing: Listing,
        external_id: Option<String>,
    },
    Update {
        listing: Listing,
        external_id: Option<String>,
        expected: i64,
    },
    Delete {
        id: ListingId,
        expected: i64,
    },
}

impl PlannedWrite {
    /// The listing written.
    pub fn id(&self) -> &ListingId {
        match &self.change {
            Change::Create { listing, .. } | Change::Update { listing, .. } => &listing.id,
            Change::Delete { id, .. } => id,
        }
    }

    /// The listing as it will be; `None` for a delete.
    pub fn listing(&self) -> Option<&Listing> {
        match &self.change {
            Change::Create { listing, .. } | Change::Update { listing, .. } => Some(listing),
            Change::Delete { .. } => None,
        }
    }

    /// Its external id as it will be.
    pub fn external_id(&self) -> Option<&str> {
        match &self.change {
            Change::Create { external_id, .. } | Change::Update { external_id, .. } => {
                external_id.as_deref()
            }
            Change::Delete { .. } => None,
        }
    }

    /// True for a new listing.
    pub fn creates(&self) -> bool {
        matches!(self.change, Change::Create { .. })
    }

    /// The audit entry it is recorded with.
    pub fn audit(&self) -> &WriteAudit {
        &self.audit
    }
}

/// The one shape of an audit entry: who, what, when, and the listing
/// document before and after (`None` where there is none).
fn audit(
    author: Author,
    action: AuditAction,
    at: DateTime<Utc>,
    before: Option<(&Listing, Option<&str>)>,
    after: Option<(&Listing, Option<&str>)>,
) -> WriteAudit {
    let document =
        |(listing, external_id)| ListingDocument::from_listing(listing, external_id).to_json();
    WriteAudit {
        key_id: author.key_id(),
        action,
        at,
        before: before.map(document),
        after: after.map(document),
        import_id: None,
    }
}

/// A new listing.
pub fn plan_create(author: Author, action: AuditAction, valid: ValidListing) -> PlannedWrite {
    let audit = audit(
        author,
        action,
        valid.listing.created_at,
        None,
        Some((&valid.listing, valid.external_id.as_deref())),
    );
    PlannedWrite {
        change: Change::Create {
            listing: valid.listing,
            external_id: valid.external_id,
        },
        audit,
    }
}

/// A new listing from import `import_id`. Its audit entry names the
/// import and holds no document: the listing as created is the stored
/// one with the diffs of its later entries undone.
pub fn plan_import_create(author: Author, import_id: i64, valid: ValidListing) -> PlannedWrite {
    PlannedWrite {
        audit: WriteAudit {
            key_id: author.key_id(),
            action: AuditAction::Import,
            at: valid.listing.created_at,
            before: None,
            after: None,
            import_id: Some(import_id),
        },
        change: Change::Create {
            listing: valid.listing,
            external_id: valid.external_id,
        },
    }
}

/// `before` changed by import `import_id` into `after`, with the diff (for
/// the import's report too), or `None` when that changes nothing. Its
/// audit entry names the import and holds only the changed fields.
pub fn plan_import_update(
    author: Author,
    import_id: i64,
    before: &StoredListing,
    mut after: ValidListing,
) -> Option<(PlannedWrite, DocumentDiff)> {
    if unchanged(before, &mut after) {
        return None;
    }
    let diff = diff::diff(
        &before.listing,
        before.external_id.as_deref(),
        &after.listing,
        after.external_id.as_deref(),
    );
    let plan = PlannedWrite {
        audit: WriteAudit {
            key_id: author.key_id(),
            action: AuditAction::Import,
            at: after.listing.updated_at,
            before: Some(diff.before.to_string()),
            after: Some(diff.after.to_string()),
            import_id: Some(import_id),
        },
        change: Change::Update {
            listing: after.listing,
            external_id: after.external_id,
            expected: before.version,
        },
    };
    Some((plan, diff))
}

/// Whether `after` (given `before`'s creation time here) is `before`
/// but for the time of the write.
fn unchanged(before: &StoredListing, after: &mut ValidListing) -> bool {
    after.listing.created_at = before.listing.created_at;
    let at = std::mem::replace(&mut after.listing.updated_at, before.listing.updated_at);
    let same = after.listing == before.listing && after.external_id == before.external_id;
    after.listing.updated_at = at;
    same
}

/// `before` changed into `after` (validated at `after.listing.updated_at`),
/// or `None` when that changes nothing. The creation time is kept.
pub fn plan_update(
    author: Author,
    action: AuditAction,
    before: &StoredListing,
    mut after: ValidListing,
) -> Option<PlannedWrite> {
    if unchanged(before, &mut after) {
        return None;
    }
    let audit = audit(
        author,
        action,
        after.listing.updated_at,
        Some((&before.listing, before.external_id.as_deref())),
        Some((&after.listing, after.external_id.as_deref())),
    );
    Some(PlannedWrite {
        change: Change::Update {
            listing: after.listing,
            external_id: after.external_id,
            expected: before.version,
        },
        audit,
    })
}

/// The (soft) deletion of `before` at `at`.
pub fn plan_delete(author: Author, before: &StoredListing, at: DateTime<Utc>) -> PlannedWrite {
    PlannedWrite {
        change: Change::Delete {
            id: before.listing.id.clone(),
            expected: before.version,
        },
        audit: audit(
            author,
            AuditAction::Delete,
            at,
            Some((&before.listing, before.external_id.as_deref())),
            None,
        ),
    }
}

/// Why a planned write was not made. Nothing of its transaction was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteConflict {
    /// The listing moved past the version the change was planned from.
    Stale {
        /// The listing.
        id: ListingId,
        /// Its version now.
        current: i64,
    },
    /// No live listing has this id (any more).
    NotFound(ListingId),
    /// A new listing's id is another listing's (live or deleted).
    IdTaken(ListingId),
    /// The external id is another listing's.
    ExternalIdTaken(ListingId),
}

/// Writes `plans` in one transaction, in order: every one or none. The
/// new versions, in the plans' order; or the first conflict.
pub fn write(
    conn: &mut DbConnection,
    plans: &[PlannedWrite],
) -> Result<Result<Vec<i64>, WriteConflict>, DbError> {
    let mut conflict = None;
    let result = conn.transaction(|conn| {
        let mut versions = Vec::with_capacity(plans.len());
        for plan in plans {
            match write_one(conn, plan)? {
                Ok(version) => versions.push(version),
                Err(found) => {
                    conflict = Some(found);
                    return Err(DbError::Query(diesel::result::Error::RollbackTransaction));
                }
            }
        }
        Ok(versions)
    });
    match (result, conflict) {
        (Ok(versions), _) => Ok(Ok(versions)),
        (Err(_), Some(WriteConflict::Stale { id, .. })) => {
            // Read after the rollback: the version that beat this write.
            let current = writes::find_stored(conn, &id)?.map_or(0, |stored| stored.version);
            Ok(Err(WriteConflict::Stale { id, current }))
        }
        (Err(_), Some(conflict)) => Ok(Err(conflict)),
        (Err(error), None) => Err(error),
    }
}

/// Writes one plan inside the caller's transaction, for a caller that
/// writes more in it (the CSV import); a conflict leaves the rollback to
/// the caller.
pub fn write_one(
    conn: &mut DbConnection,
    plan: &PlannedWrite,
) -> Result<Result<i64, WriteConflict>, DbError> {
    let outcome = match &plan.change {
        Change::Create {
            listing,
            external_id,
        } => writes::create(conn, listing, external_id.as_deref(), &plan.audit)?,
        Change::Update {
            listing,
            external_id,
            expected,
        } => writes::update(
            conn,
            listing,
            external_id.as_deref(),
            *expected,
            &plan.audit,
        )?,
        Change::Delete { id, expected } => writes::delete(conn, id, *expected, &plan.audit)?,
    };
    let id = plan.id().clone();
    Ok(match outcome {
        WriteOutcome::Written { version } => Ok(version),
        // The current version is read once the transaction is undone.
        WriteOutcome::Stale => Err(WriteConflict::Stale { id, current: 0 }),
        WriteOutcome::NotFound => Err(WriteConflict::NotFound(id)),
        WriteOutcome::IdTaken => Err(WriteConflict::IdTaken(id)),
        WriteOutcome::ExternalIdTaken => Err(WriteConflict::ExternalIdTaken(id)),
    })
}
