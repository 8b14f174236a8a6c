//! How the rows of one kind of file become listing drafts. The importer
//! ([`super::import`]) owns everything else (chunked lookups, the upsert,
//! the all-or-nothing transaction, the audit trail); a format only reads
//! its header and sets a draft from a row.

use csv::StringRecord;

use super::row::{self, Column};
use crate::domain::editing::{FieldError, FieldErrorCode, ListingDraft, ValidationContext};

/// A kind of import file.
pub trait RowFormat {
    /// Reads the header; its errors are reported on line 1 and stop the
    /// import before any row is read.
    fn header(&mut self, header: &StringRecord, locales: &[&str]) -> Result<(), Vec<FieldError>>;

    /// The row's upsert key, when it has one.
    fn key(&self, record: &StringRecord) -> Option<String>;

    /// The listing id the row names, when it names one. Other publishers'
    /// data sets name none: their rows are matched by external id.
    fn id(&self, _record: &StringRecord) -> Option<String> {
        None
    }

    /// True when [`RowFormat::key`] is an external id stored as such (the
    /// default, for other publishers' data sets); false when it is only the
    /// row's id (our files without `external_id`).
    fn keyed_by_external_id(&self) -> bool {
        true
    }

    /// The field a duplicate key is reported on.
    fn key_field(&self) -> &'static str {
        if self.keyed_by_external_id() {
            "external_id"
        } else {
            "id"
        }
    }

    /// Sets the draft (the stored listing's, or empty for a new one) from
    /// the row; returns the cells that cannot be read.
    fn apply(
        &self,
        record: &StringRecord,
        draft: &mut ListingDraft,
        ctx: &ValidationContext<'_>,
    ) -> Vec<FieldError>;
}

/// Our own CSV: the columns of the export ([`row::FACT_COLUMNS`] and a
/// column per text field and locale).
#[derive(Debug, Default)]
pub struct DirectoryCsv {
    columns: Vec<Column>,
    has_external_id: bool,
}

impl RowFormat for DirectoryCsv {
    fn header(&mut self, header: &StringRecord, locales: &[&str]) -> Result<(), Vec<FieldError>> {
        let columns = row::parse_header(header, locales)?;
        self.has_external_id = columns.contains(&Column::Fact("external_id"));
        if !self.has_external_id && !columns.contains(&Column::Fact("id")) {
            return Err(vec![FieldError::new("id", FieldErrorCode::Required)]);
        }
        self.columns = columns;
        Ok(())
    }

    fn key(&self, record: &StringRecord) -> Option<String> {
        let field = if self.has_external_id {
            "external_id"
        } else {
            "id"
        };
        row::cell(&self.columns, record, field).map(str::to_owned)
    }

    fn id(&self, record: &StringRecord) -> Option<String> {
        row::cell(&self.columns, record, "id").map(str::to_owned)
    }

    fn keyed_by_external_id(&self) -> bool {
        self.has_external_id
    }

    fn apply(
        &self,
        record: &StringRecord,
        draft: &mut ListingDraft,
        _ctx: &ValidationContext<'_>,
    ) -> Vec<FieldError> {
        row::apply(&self.columns, record, draft)
    }
}
