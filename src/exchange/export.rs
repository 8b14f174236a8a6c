//! Exports of every live listing: CSV in the import's own columns (so an
//! export imports back as a no-op) and JSON documents.

use csv::WriterBuilder;

use super::document::ListingDocument;
use super::row::{FACT_COLUMNS, TEXT_FIELDS, text_column};
use super::spreadsheet;
use crate::db::editing::StoredListing;
use crate::db::{DbConnection, DbError, imports};
use crate::domain::editing::ListingDraft;

const PAGE: i64 = 1000;

/// Calls `each` with every live listing, in id order, a page at a time.
fn for_each_live(
    conn: &mut DbConnection,
    mut each: impl FnMut(&StoredListing) -> Result<(), DbError>,
) -> Result<(), DbError> {
    let mut after: Option<String> = None;
    loop {
        let page = imports::live_page(conn, after.as_deref(), PAGE)?;
        for stored in &page {
            each(stored)?;
        }
        match page.last() {
            Some(last) if page.len() as i64 == PAGE => after = Some(last.listing.id.to_string()),
            _ => return Ok(()),
        }
    }
}

/// A text value as a cell a spreadsheet will not run.
fn cell(value: &str) -> String {
    spreadsheet::neutralize(value).into_owned()
}

fn csv_failed(error: impl std::fmt::Display) -> DbError {
    DbError::Encode(format!("CSV: {error}"))
}

/// Every live listing as CSV, with text columns for `locales`.
#[tracing::instrument(skip(conn))]
pub fn csv(conn: &mut DbConnection, locales: &[&str]) -> Result<Vec<u8>, DbError> {
    let mut writer = WriterBuilder::new().from_writer(Vec::new());
    let mut header: Vec<String> = FACT_COLUMNS.iter().map(|c| c.to_string()).collect();
    for field in TEXT_FIELDS {
        header.extend(locales.iter().map(|locale| text_column(field, locale)));
    }
    writer.write_record(&header).map_err(csv_failed)?;
    for_each_live(conn, |stored| {
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
                let value = d.texts.get(*locale).and_then(|t| match field {
                    "name" => t.name.clone(),
                    "address" => t.address.clone(),
                    "summary" => t.summary.clone(),
                    _ => t.eligibility.clone(),
                });
                record.push(value.as_deref().map_or_else(String::new, cell));
            }
        }
        writer.write_record(&record).map_err(csv_failed)
    })?;
    writer.into_inner().map_err(csv_failed)
}

/// Every live listing as a JSON array of documents.
#[tracing::instrument(skip(conn))]
pub fn json(conn: &mut DbConnection) -> Result<Vec<u8>, DbError> {
    let mut documents = Vec::new();
    for_each_live(conn, |stored| {
        documents.push(ListingDocument::from_listing(
            &stored.listing,
            stored.external_id.as_deref(),
        ));
        Ok(())
    })?;
    serde_json::to_vec(&documents).map_err(|error| DbError::Encode(format!("JSON: {error}")))
}
