//! New listings entering the database (the demo data, generators, the
//! API's creations): each with its languages and texts, and in the change
//! feed in the same transaction.

use diesel::prelude::*;

use super::models::{LanguageRow, ListingRow, TranslationRow};
use super::schema::{listing_languages, listing_translations, listings};
use super::{DbConnection, DbError};
use crate::domain::Listing;

/// Adds a listing with its languages and texts, row by row (batch inserts
/// do not go through MultiConnection), inside the caller's transaction.
pub fn insert(conn: &mut DbConnection, listing: &Listing) -> Result<(), DbError> {
    diesel::insert_into(listings::table)
        .values(ListingRow::from_listing(listing))
        .execute(conn)?;
    insert_details(conn, listing)?;
    // Every listing that enters the database enters the change feed, in
    // the same transaction (the demo data, tests and generators too).
    super::changes::record(conn, &[listing.id.as_str()], listing.updated_at.naive_utc())?;
    Ok(())
}

/// Adds a listing's languages and texts, row by row (batch inserts do not
/// go through MultiConnection).
pub(super) fn insert_details(conn: &mut DbConnection, listing: &Listing) -> Result<(), DbError> {
    for language in &listing.languages {
        diesel::insert_into(listing_languages::table)
            .values(LanguageRow {
                listing_id: listing.id.to_string(),
                language_code: language.clone(),
            })
            .execute(conn)?;
    }
    for row in TranslationRow::from_listing(listing) {
        diesel::insert_into(listing_translations::table)
            .values(row)
            .execute(conn)?;
    }
    Ok(())
}

/// Adds many listings in one transaction of the caller's, in multi-row
/// statements on the concrete backend (MultiConnection has no batch insert).
pub fn insert_batch(conn: &mut DbConnection, batch: &[Listing]) -> Result<(), DbError> {
    // Stay far below PostgreSQL's 65 535 bind parameters per statement.
    const ROWS_PER_STATEMENT: usize = 1_000;
    for chunk in batch.chunks(ROWS_PER_STATEMENT) {
        let rows: Vec<ListingRow> = chunk.iter().map(ListingRow::from_listing).collect();
        let languages: Vec<LanguageRow> = chunk
            .iter()
            .flat_map(|l| {
                l.languages.iter().map(|code| LanguageRow {
                    listing_id: l.id.to_string(),
                    language_code: code.clone(),
                })
            })
            .collect();
        let texts: Vec<TranslationRow> = chunk
            .iter()
            .flat_map(TranslationRow::from_listing)
            .collect();
        macro_rules! insert_all {
            ($conn:expr) => {{
                diesel::insert_into(listings::table)
                    .values(&rows)
                    .execute($conn)?;
                for part in languages.chunks(ROWS_PER_STATEMENT * 4) {
                    diesel::insert_into(listing_languages::table)
                        .values(part)
                        .execute($conn)?;
                }
                for part in texts.chunks(ROWS_PER_STATEMENT * 2) {
                    diesel::insert_into(listing_translations::table)
                        .values(part)
                        .execute($conn)?;
                }
            }};
        }
        match &mut *conn {
            DbConnection::Sqlite(conn) => insert_all!(conn),
            DbConnection::Postgres(conn) => insert_all!(conn),
        }
        let ids: Vec<&str> = chunk.iter().map(|l| l.id.as_str()).collect();
        super::changes::record(conn, &ids, chrono::Utc::now().naive_utc())?;
    }
    Ok(())
}
