//! What an import is asked to do and what it reports.

use super::diff::RowChange;
use crate::domain::editing::FieldError;

/// How an import is run.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// Check and count only; write nothing.
    pub dry_run: bool,
    /// The key importing (`None` from the command line), for the audit trail.
    pub key_id: Option<i64>,
}

/// A bad row: its line in the file (the header is line 1) and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Line number in the file.
    pub line: u64,
    /// The column and reason.
    pub error: FieldError,
}

/// What an import did, or would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// True when nothing was written on purpose.
    pub dry_run: bool,
    /// Data rows read.
    pub rows: usize,
    /// Listings added (or that would be).
    pub created: usize,
    /// Listings changed (or that would be).
    pub updated: usize,
    /// Rows equal to what is stored.
    pub unchanged: usize,
    /// Rows of listings deleted in the directory, left deleted.
    pub deleted: usize,
    /// Every bad row. Non-empty means nothing was written.
    pub errors: Vec<RowError>,
    /// Every listing added or changed (or that would be), in file order.
    pub changes: Vec<RowChange>,
}

impl ImportReport {
    /// True when the import wrote its rows.
    pub fn committed(&self) -> bool {
        !self.dry_run && self.errors.is_empty()
    }
}
