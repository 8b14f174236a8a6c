//! JSON shapes of the write API's answers.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::error::FieldErrorView;

/// The key that made a change.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AuditKeyView {
    /// Key id.
    pub id: i64,
    /// Key name, as given when it was created.
    pub name: Option<String>,
}

/// The bulk import that made a change: one record for the whole file.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct AuditImportView {
    /// The import's id; every listing it wrote names it.
    pub id: i64,
    /// When it was written (UTC).
    pub at: DateTime<Utc>,
    /// SHA-256 of the file's text, in hex.
    #[schema(example = "a28cb2c38affaa36216e641e20ad860adc1434a5fa43a8484df5272c858b1cba")]
    pub sha256: String,
    /// Data rows read.
    pub rows: i64,
    /// Listings it added.
    pub created: i64,
    /// Listings it changed.
    pub updated: i64,
    /// Rows equal to what was stored.
    pub unchanged: i64,
}

/// One recorded write.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct HistoryEntryView {
    /// Monotonic id: entries are in write order.
    pub id: i64,
    /// `create`, `update`, `delete`, `translate` or `import`.
    #[schema(example = "update")]
    pub action: String,
    /// The key that wrote; null for the operator's command-line imports.
    pub key: Option<AuditKeyView>,
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// The bulk import that wrote, if one did; then `before` and `after`
    /// hold only the fields it changed (nested as in the document), and
    /// both are null for a listing it created.
    pub import: Option<AuditImportView>,
    /// The listing document before; null for a creation.
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The listing document after; null for a deletion.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

/// A listing's history, deleted listings included.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct HistoryView {
    /// The listing.
    pub listing_id: String,
    /// True when the listing is deleted.
    pub deleted: bool,
    /// Every write, oldest first.
    pub items: Vec<HistoryEntryView>,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ImportReportView {
    /// True when nothing was written on purpose.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Listings added.
    pub created: usize,
    /// Listings changed.
    pub updated: usize,
    /// Rows equal to what is stored (nothing written).
    pub unchanged: usize,
    /// Rows of deleted listings, left deleted.
    pub deleted: usize,
    /// Every bad row with its line and a localized reason; non-empty means
    /// nothing was (or would be) written.
    pub errors: Vec<FieldErrorView>,
    /// Every listing added or changed (or that would be), in file order:
    /// the diff of a dry run.
    pub changes: Vec<ImportChangeView>,
}

/// One listing an import adds or changes.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ImportChangeView {
    /// The row's line in the file (the header is line 1).
    #[schema(example = 2)]
    pub line: u64,
    /// The listing.
    #[schema(example = "brk-pg-global-11680-2015-00001")]
    pub listing_id: String,
    /// `created` or `updated`.
    #[schema(example = "updated")]
    pub action: String,
    /// For `updated`, the listing document's fields that change.
    #[schema(example = json!(["phone", "texts.ko.name"]))]
    pub fields: Vec<String>,
}

impl From<&crate::exchange::diff::RowChange> for ImportChangeView {
    fn from(change: &crate::exchange::diff::RowChange) -> Self {
        ImportChangeView {
            line: change.line,
            listing_id: change.listing_id.clone(),
            action: change.kind.code().to_owned(),
            fields: change.fields.clone(),
        }
    }
}

/// The body of `POST /v1/keys`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"role": "translator", "name": "Gangnam ward office", "locales": ["ja", "ko"]}))]
pub(super) struct NewKeyRequest {
    /// `admin`, `editor` or `translator`.
    #[schema(value_type = crate::api::params::RoleCode, inline, example = "translator")]
    pub role: String,
    /// Who or what the key is for (not blank).
    #[schema(min_length = 1, max_length = 200, example = "Gangnam ward office")]
    pub name: String,
    /// The locales a translator key may write: shipped locales (see
    /// `GET /v1/locales`), never the source locale `en`. Required for
    /// translators, refused for other roles.
    #[schema(value_type = crate::api::params::LocaleTags, inline, required = false, example = json!(["ja", "ko"]))]
    #[serde(default)]
    pub locales: Option<Vec<String>>,
}

/// A key as listed: never its secret.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct KeyView {
    /// Key id.
    pub id: i64,
    /// Public prefix (the 8 hex digits after `dir_`).
    pub prefix: String,
    /// Role.
    pub role: String,
    /// The locales a translator key may write; null for editors and
    /// admins (and for translator keys made before keys were bound to
    /// locales, which may write every locale but the source).
    pub locales: Option<Vec<String>>,
    /// Name.
    pub name: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key just created: the only time its secret is shown.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct IssuedKeyView {
    /// The key, for `Authorization: Bearer <key>`. Store it now: it is not
    /// shown again.
    pub key: String,
    /// The key as listed.
    #[serde(flatten)]
    pub details: KeyView,
}

/// Every key.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct KeyListView {
    /// Keys in creation order, revoked ones too.
    pub items: Vec<KeyView>,
}
