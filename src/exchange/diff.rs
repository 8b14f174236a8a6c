//! What an import changes in a listing, by field, for dry-run reports.

use serde_json::{Map, Value};

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
    diff(before, before_external, after, after_external).fields
}

/// What a change does to a listing's document: the fields that differ
/// (named as in [`changed_fields`]) and, as two partial documents of the
/// same nesting, their values before and after. Lossless next to the
/// stored listing: undoing the diffs of a listing's later writes from its
/// current document gives back every earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentDiff {
    /// The fields that differ, by name.
    pub fields: Vec<String>,
    /// Their values before, nested as in the document.
    pub before: Value,
    /// Their values after.
    pub after: Value,
}

/// The diff of two versions of a listing.
pub fn diff(
    before: &Listing,
    before_external: Option<&str>,
    after: &Listing,
    after_external: Option<&str>,
) -> DocumentDiff {
    let as_value = |listing: &Listing, external: Option<&str>| {
        serde_json::to_value(ListingDocument::from_listing(listing, external)).unwrap_or_default()
    };
    let (old, new) = (
        as_value(before, before_external),
        as_value(after, after_external),
    );
    let mut paths = Vec::new();
    walk(&mut Vec::new(), &old, &new, &mut paths);
    let mut diff = DocumentDiff {
        fields: Vec::with_capacity(paths.len()),
        before: Value::Object(Map::new()),
        after: Value::Object(Map::new()),
    };
    for (path, was, is) in paths {
        diff.fields.push(path.join("."));
        put(&mut diff.before, &path, was);
        put(&mut diff.after, &path, is);
    }
    diff
}

/// A field's path in the document, its value before and after.
type Changed<'a> = (Vec<&'a str>, &'a Value, &'a Value);

static NULL: Value = Value::Null;

fn walk<'a>(
    path: &mut Vec<&'a str>,
    before: &'a Value,
    after: &'a Value,
    out: &mut Vec<Changed<'a>>,
) {
    // `texts` is walked down to the field; other objects (location,
    // capacity) are one field each, as the writer sees them.
    let deeper = path.first().is_none_or(|first| *first == "texts");
    match (before, after) {
        (Value::Object(b), Value::Object(a)) if deeper => {
            let mut names: Vec<&String> = b.keys().chain(a.keys()).collect();
            names.sort();
            names.dedup();
            for name in names {
                path.push(name);
                walk(
                    path,
                    b.get(name).unwrap_or(&NULL),
                    a.get(name).unwrap_or(&NULL),
                    out,
                );
                path.pop();
            }
        }
        _ if before != after => out.push((path.clone(), before, after)),
        _ => {}
    }
}

/// Sets `value` at `path` in `document`, making the objects on the way.
fn put(document: &mut Value, path: &[&str], value: &Value) {
    let Value::Object(map) = document else { return };
    match path {
        [] => {}
        [last] => {
            map.insert((*last).to_owned(), value.clone());
        }
        [first, rest @ ..] => {
            let inner = map
                .entry((*first).to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            put(inner, rest, value);
        }
    }
}
