//! The translations import: a translator's Fluent file of listing text in
//! one locale, planned listing by listing through the editing service (the
//! same validation, no-op check, authorization and audit entry as `PUT
//! /v1/listings/{id}/content/{locale}`), to be written all at once or not
//! at all.

use std::collections::BTreeMap;

use super::editing::{Author, PlannedWrite, plan_update, validate};
use super::state::AppState;
use crate::db::writes::StoredListing;
use crate::db::{DbError, imports};
use crate::domain::editing::{
    AuditAction, Denied, FieldError, FieldErrorCode, Grant, ListingDraft,
};
use crate::domain::{ListingId, TextField};
use crate::i18n::listing_ftl::{ContentChange, message_id};

/// What the file changes: the writes to make and, per listing that
/// changes, the messages that do.
#[derive(Debug, Default)]
pub struct TranslationPlan {
    /// The writes, one per changed listing.
    pub plans: Vec<PlannedWrite>,
    /// Each changed listing with the message ids whose text changes.
    pub updated: Vec<(ListingId, Vec<String>)>,
    /// Listings the file names whose text is already as given.
    pub unchanged: usize,
}

/// Why nothing of the file may be written.
#[derive(Debug)]
pub enum TranslationRefusal {
    /// Each problem, named by its message id.
    Invalid(Vec<FieldError>),
    /// The key may not make one of the changes.
    Denied(Denied),
    /// The database failed.
    Db(DbError),
}

impl From<DbError> for TranslationRefusal {
    fn from(error: DbError) -> Self {
        TranslationRefusal::Db(error)
    }
}

/// Plans `changes` (the parsed file) in `locale` for the key `author`
/// with `grant`.
pub async fn plan_translations(
    state: &AppState,
    locale: &str,
    changes: Vec<ContentChange>,
    author: Author,
    grant: &Grant,
) -> Result<TranslationPlan, TranslationRefusal> {
    let mut by_listing: BTreeMap<ListingId, Vec<ContentChange>> = BTreeMap::new();
    for change in changes {
        by_listing
            .entry(change.listing.clone())
            .or_default()
            .push(change);
    }
    // Ids no live listing has are found in memory; only the others are
    // read, in one batch, so a file of unknown ids costs no queries.
    let ids: Vec<String> = {
        let catalog = state.catalog().read();
        by_listing
            .keys()
            .filter(|id| catalog.contains(id.as_str()))
            .map(ToString::to_string)
            .collect()
    };
    let mut stored: BTreeMap<String, StoredListing> = state
        .db
        .run(move |conn| imports::find_for_upsert(conn, &[], &ids))
        .await?
        .into_iter()
        .map(|listing| (listing.listing.id.to_string(), listing))
        .collect();
    let mut problems = Vec::new();
    let mut plan = TranslationPlan::default();
    for (id, changes) in by_listing {
        let Some(before) = stored.remove(id.as_str()).filter(|s| !s.deleted) else {
            problems.push(
                FieldError::new(
                    message_id(&id, changes[0].field),
                    FieldErrorCode::UnknownValue,
                )
                .text("value", id.to_string()),
            );
            continue;
        };
        let (draft, changed) = with_texts(&before, locale, &id, &changes);
        match validate(state, &draft) {
            Err(errors) => problems.extend(errors.into_iter().map(|mut error| {
                name_by_message(&id, &mut error);
                error
            })),
            Ok(after) => match plan_update(author, AuditAction::Translate, &before, after) {
                None => plan.unchanged += 1,
                Some(write) => {
                    if let Some(after) = write.listing() {
                        grant
                            .authorize(&before.listing, after)
                            .map_err(TranslationRefusal::Denied)?;
                    }
                    plan.plans.push(write);
                    plan.updated.push((id, changed));
                }
            },
        }
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(TranslationRefusal::Invalid(problems))
    }
}

/// The stored listing with the file's texts in `locale`, and the message
/// ids whose text differs from what is stored.
fn with_texts(
    before: &StoredListing,
    locale: &str,
    id: &ListingId,
    changes: &[ContentChange],
) -> (ListingDraft, Vec<String>) {
    let mut draft = ListingDraft::from_listing(&before.listing, before.external_id.as_deref());
    let own = draft.texts.entry(locale.to_owned()).or_default();
    let mut changed = Vec::new();
    for change in changes {
        let slot = match change.field {
            TextField::Name => &mut own.name,
            TextField::Address => &mut own.address,
            TextField::Summary => &mut own.summary,
            TextField::Eligibility => &mut own.eligibility,
        };
        if slot.as_deref() != Some(change.text.as_str()) {
            changed.push(message_id(id, change.field));
        }
        *slot = Some(change.text.clone());
    }
    (draft, changed)
}

/// Names a validation error of `texts.<locale>.<field>` by the message id
/// the translator wrote.
fn name_by_message(listing: &ListingId, error: &mut FieldError) {
    let field = error.field.rsplit('.').next().and_then(TextField::parse);
    error.field = match field {
        Some(field) => message_id(listing, field),
        None => format!("{listing}: {}", error.field),
    };
}
