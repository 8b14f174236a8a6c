//! Exports of every live listing: CSV in the import's own columns (so an
//! export imports back as a no-op) and JSON documents. Each is encoded a
//! page at a time, so an export of a million listings is streamed with one
//! page in memory and a database connection held only while a page is read.

use csv::WriterBuilder;

use super::document::ListingDocument;
use super::row::{FACT_COLUMNS, TEXT_FIELDS, text_column};
use super::spreadsheet;
use crate::db::writes::StoredListing;
use crate::db::{DbConnection, DbError, imports};
use crate::domain::editing::ListingDraft;

/// Listings read and encoded together.
pub const PAGE: i64 = 1000;

/// The formats listings are exported in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportFormat {
    /// Our CSV, with text columns for these locales.
    Csv {
        /// Locale tags, in column order.
        locales: Vec<String>,
    },
    /// A JSON array of listing documents.
    Json,
}

/// Reads the page of live listings after `after` (in id order).
pub fn read_page(
    conn: &mut DbConnection,
    after: Option<&str>,
) -> Result<Vec<StoredListing>, DbError> {
    imports::live_page(conn, after, PAGE)
}

/// A text value as a cell a spreadsheet will not run.
fn cell(value: &str) -> String {
    spreadsheet::neutralize(value).into_owned()
}

fn csv_failed(error: impl std::fmt::Display) -> DbError {
    DbError::Encode(format!("CSV: {error}"))
}

impl ExportFormat {
    /// The bytes before the first listing.
    pub fn start(&self) -> Result<Vec<u8>, DbError> {
        match self {
            ExportFormat::Csv { locales } => {
                let mut header: Vec<String> = FACT_COLUMNS.iter().map(|c| c.to_string()).collect();
                for field in TEXT_FIELDS {
                    header.extend(locales.iter().map(|locale| text_column(field, locale)));
                }
                let mut writer = WriterBuilder::new().from_writer(Vec::new());
                writer.write_record(&header).map_err(csv_failed)?;
                writer.into_inner().map_err(csv_failed)
            }
            ExportFormat::Json => Ok(b"[".to_vec()),
        }
    }

    /// The bytes of a page of listings; `first` when no listing came before.
    pub fn page(&self, page: &[StoredListing], first: bool) -> Result<Vec<u8>, DbError> {
        match self {
            ExportFormat::Csv { locales } => csv_page(page, locales),
            ExportFormat::Json => {
                let mut out = Vec::new();
                for (index, stored) in page.iter().enumerate() {
                    if !(first && index == 0) {
                        out.push(b',');
                    }
                    let document = ListingDocument::from_listing(
                        &stored.listing,
                        stored.external_id.as_deref(),
                    );
                    serde_json::to_writer(&mut out, &document)
                        .map_err(|error| DbError::Encode(format!("JSON: {error}")))?;
                }
                Ok(out)
            }
        }
    }

    /// The bytes after the last listing.
    pub fn end(&self) -> Vec<u8> {
        match self {
            ExportFormat::Csv { .. } => Vec::new(),
            ExportFormat::Json => b"]".to_vec(),
        }
    }
}

fn csv_page(page: &[StoredListing], locales: &[String]) -> Result<Vec<u8>, DbError> {
    let mut writer = WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    for stored in page {
        let d = ListingDraft::from_listing(&stored.listing, stored.external_id.as_deref());
        // Text cells are defused against formula injection; numbers cannot
        // carry a formula.
        let text = |v: &Option<String>| v.as_deref().map_or_else(String::new, cell);
        let number = |v: Option<i64>| v.map(|n| n.to_string()).unwrap_or_default();
        let float = |v: Option<f64>| v.map(|n| n.to_string()).unwrap_or_default();
        let mut record = vec![
            text(&d.external_id),
            text(&d.id),
            text(&d.category),
            text(&d.city),
            text(&d.district),
            float(d.latitude),
            float(d.longitude),
            text(&d.phone),
            text(&d.email),
            text(&d.website),
            cell(&d.languages.join(";")),
            text(&d.opening_hours),
            number(d.min_age),
            number(d.max_age),
            text(&d.application_opens_at),
            text(&d.application_closes_at),
            number(d.capacity_rooms),
            number(d.capacity_people_min),
            number(d.capacity_people_max),
            number(d.max_hours_per_day),
            number(d.capacity_teams),
            number(d.residency_months),
            number(d.max_residency_months),
            text(&d.source),
            if d.sample { "1".into() } else { "0".into() },
            text(&d.verified_at),
        ];
        for field in TEXT_FIELDS {
            for locale in locales {
                let value = d.texts.get(locale).and_then(|t| match field {
                    "name" => t.name.clone(),
                    "address" => t.address.clone(),
                    "summary" => t.summary.clone(),
                    _ => t.eligibility.clone(),
                });
                record.push(value.as_deref().map_or_else(String::new, cell));
            }
        }
        writer.write_record(&record).map_err(csv_failed)?;
    }
    writer.into_inner().map_err(csv_failed)
}
