//! Queries on listings. Every read hides soft-deleted rows.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;

use super::models::{LanguageRow, ListingRow, TranslationRow};
use super::schema::{listing_languages, listing_translations, listings};
use super::{DbConnection, DbError};
use crate::domain::{Category, Listing, ListingId, VersionedListing};

/// The live listing with this id; `DbError::Query(NotFound)` if none.
#[tracing::instrument(skip(conn))]
pub fn find(conn: &mut DbConnection, id: &ListingId) -> Result<Listing, DbError> {
    let row = listings::table
        .filter(listings::id.eq(id.to_string()))
        .filter(listings::deleted_at.is_null())
        .select(ListingRow::as_select())
        .first(conn)?;
    let mut found = with_details(conn, vec![row])?;
    found
        .pop()
        .ok_or(DbError::Query(diesel::result::Error::NotFound))
}

/// Live listings per category, optionally in one city.
#[tracing::instrument(skip(conn))]
pub fn count_by_category(
    conn: &mut DbConnection,
    city: Option<&str>,
) -> Result<Vec<(Category, i64)>, DbError> {
    let mut query = listings::table
        .filter(listings::deleted_at.is_null())
        .group_by(listings::category)
        .select((listings::category, diesel::dsl::count_star()))
        .into_boxed();
    if let Some(city) = city {
        query = query.filter(listings::city_code.eq(city.to_owned()));
    }
    let counts: HashMap<String, i64> = query.load::<(String, i64)>(conn)?.into_iter().collect();
    Ok(Category::ALL
        .into_iter()
        .map(|category| (category, counts.get(category.code()).copied().unwrap_or(0)))
        .collect())
}

/// Joins languages and texts to listing rows, keeping their order, in two
/// queries whatever the page size.
pub(super) fn with_details(
    conn: &mut DbConnection,
    rows: Vec<ListingRow>,
) -> Result<Vec<Listing>, DbError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let languages = listing_languages::table
        .filter(listing_languages::listing_id.eq_any(&ids))
        .order((
            listing_languages::listing_id,
            listing_languages::language_code,
        ))
        .select(LanguageRow::as_select())
        .load(conn)?;
    let texts = listing_translations::table
        .filter(listing_translations::listing_id.eq_any(&ids))
        .select(TranslationRow::as_select())
        .load(conn)?;
    assemble(rows, languages, texts)
}

/// Every live listing with its languages, texts and version, for the
/// in-memory catalog: three full-table reads, whatever the number of
/// listings.
#[tracing::instrument(skip(conn))]
pub fn all_live(conn: &mut DbConnection) -> Result<Vec<VersionedListing>, DbError> {
    let (rows, versions): (Vec<ListingRow>, Vec<i64>) = listings::table
        .filter(listings::deleted_at.is_null())
        .order(listings::id.asc())
        .select((ListingRow::as_select(), listings::version))
        .load::<(ListingRow, i64)>(conn)?
        .into_iter()
        .unzip();
    let languages = listing_languages::table
        .order((
            listing_languages::listing_id,
            listing_languages::language_code,
        ))
        .select(LanguageRow::as_select())
        .load(conn)?;
    let texts = listing_translations::table
        .select(TranslationRow::as_select())
        .load(conn)?;
    Ok(versioned(assemble(rows, languages, texts)?, versions))
}

/// Pairs listings with their versions, in order.
pub(super) fn versioned(listings: Vec<Listing>, versions: Vec<i64>) -> Vec<VersionedListing> {
    listings
        .into_iter()
        .zip(versions)
        .map(|(listing, version)| VersionedListing { listing, version })
        .collect()
}

/// Hands each listing row its language and text rows (any extra rows,
/// e.g. of deleted listings, are dropped).
fn assemble(
    rows: Vec<ListingRow>,
    language_rows: Vec<LanguageRow>,
    text_rows: Vec<TranslationRow>,
) -> Result<Vec<Listing>, DbError> {
    let mut languages: HashMap<String, Vec<String>> = HashMap::new();
    for row in language_rows {
        languages
            .entry(row.listing_id)
            .or_default()
            .push(row.language_code);
    }
    let mut texts: HashMap<String, BTreeMap<String, _>> = HashMap::new();
    for row in text_rows {
        let listing_id = row.listing_id.clone();
        let (locale, text) = row.into_text();
        texts.entry(listing_id).or_default().insert(locale, text);
    }
    rows.into_iter()
        .map(|row| {
            let spoken = languages.remove(&row.id).unwrap_or_default();
            let text = texts.remove(&row.id).unwrap_or_default();
            row.into_listing(spoken, text).map_err(DbError::from)
        })
        .collect()
}
