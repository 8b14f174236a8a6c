//! What an import changes in a listing, by field, for dry-run reports.

use serde_json::Value;

use super::document::ListingDocument;
use crate::domain::Listing;

/// Whether a row adds a listing or changes one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A new listing.
    Created,
    /// A stored listing, changed.
    Updated,
}

impl ChangeKind {
    /// The code shown in reports.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
        }
    }
}

/// One listing an import adds or changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowChange {
    /// The row's line in the file.
    pub line: u64,
    /// The listing.
    pub listing_id: String,
    /// Added or changed.
    pub kind: ChangeKind,
    /// For a change, the fields that differ, as named in the listing
    /// document (`phone`, `languages`, `texts.ko.name`).
    pub fields: Vec<String>,
}

/// The document fields that differ between two versions of a listing,
/// text fields named per locale.
pub fn changed_fields(
    before: &Listing,
    before_external: Option<&str>,
    after: &Listing,
    after_external: Option<&str>,
) -> Vec<String> {
    let as_value = |listing: &Listing, external: Option<&str>| {
        serde_json::to_value(ListingDocument::from_listing(listing, external)).unwrap_or_default()
    };
    let mut fields = Vec::new();
    walk(
        "",
        &as_value(before, before_external),
        &as_value(after, after_external),
        &mut fields,
    );
    fields
}

fn walk(prefix: &str, before: &Value, after: &Value, out: &mut Vec<String>) {
    // `texts` is walked down to the field; other objects (location,
    // capacity) are one field each, as the writer sees them.
    let deeper = prefix.is_empty() || prefix == "texts" || prefix.starts_with("texts.");
    match (before, after) {
        (Value::Object(b), Value::Object(a)) if deeper => {
            let mut names: Vec<&String> = b.keys().chain(a.keys()).collect();
            names.sort();
            names.dedup();
            for name in names {
                let path = if prefix.is_empty() {
                    name.clone()
                } else {
                    format!("{prefix}.{name}")
                };
                let null = Value::Null;
                walk(
                    &path,
                    b.get(name).unwrap_or(&null),
                    a.get(name).unwrap_or(&null),
                    out,
                );
            }
        }
        _ if before != after => out.push(prefix.to_owned()),
        _ => {}
    }
}
