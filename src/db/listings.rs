//! Queries on listings. Every read hides soft-deleted rows.

use std::collections::{BTreeMap, HashMap};

use diesel::prelude::*;

use super::models::{LanguageRow, ListingRow, TranslationRow};
use super::schema::{listing_languages, listing_translations, listings};
use super::{DbConnection, DbError, MultiBackend};
use crate::domain::{Category, Listing, ListingFilter, ListingId};

/// One page of a listing walk.
#[derive(Debug, Clone)]
pub struct ListingPage {
    /// The listings, in id order.
    pub items: Vec<Listing>,
    /// True when more listings follow the last one.
    pub has_more: bool,
    /// How many listings match the filter, over all pages.
    pub total: i64,
}

type BoxedListings = listings::BoxedQuery<'static, MultiBackend>;

/// Live listings matching the filter's criteria (not its page position).
fn matching(filter: &ListingFilter) -> BoxedListings {
    let mut query = listings::table
        .filter(listings::deleted_at.is_null())
        .into_boxed();
    if let Some(category) = filter.category {
        query = query.filter(listings::category.eq(category.code()));
    }
    if let Some(city) = &filter.city {
        query = query.filter(listings::city_code.eq(city.clone()));
    }
    if let Some(district) = &filter.district {
        query = query.filter(listings::district_code.eq(district.clone()));
    }
    if let Some(language) = &filter.language {
        let speaking = listing_languages::table
            .filter(listing_languages::language_code.eq(language.clone()))
            .select(listing_languages::listing_id);
        query = query.filter(listings::id.eq_any(speaking));
    }
    query
}

/// The page of listings after the filter's cursor, and the total count.
#[tracing::instrument(skip(conn))]
pub fn page(conn: &mut DbConnection, filter: &ListingFilter) -> Result<ListingPage, DbError> {
    let total = matching(filter).count().get_result::<i64>(conn)?;
    let mut query = matching(filter);
    if let Some(after) = &filter.after {
        query = query.filter(listings::id.gt(after.to_string()));
    }
    let mut rows = query
        .order(listings::id.asc())
        .limit(i64::from(filter.limit) + 1)
        .select(ListingRow::as_select())
        .load(conn)?;
    let has_more = rows.len() > filter.limit as usize;
    rows.truncate(filter.limit as usize);
    let items = with_details(conn, rows)?;
    Ok(ListingPage {
        items,
        has_more,
        total,
    })
}

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

/// Adds a listing with its languages and texts, row by row (batch inserts
/// do not go through MultiConnection), inside the caller's transaction.
pub fn insert(conn: &mut DbConnection, listing: &Listing) -> Result<(), DbError> {
    diesel::insert_into(listings::table)
        .values(ListingRow::from_listing(listing))
        .execute(conn)?;
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

/// Joins languages and texts to listing rows, keeping their order, in two
/// queries whatever the page size.
pub(super) fn with_details(
    conn: &mut DbConnection,
    rows: Vec<ListingRow>,
) -> Result<Vec<Listing>, DbError> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut languages: HashMap<String, Vec<String>> = HashMap::new();
    for row in listing_languages::table
        .filter(listing_languages::listing_id.eq_any(&ids))
        .order((
            listing_languages::listing_id,
            listing_languages::language_code,
        ))
        .select(LanguageRow::as_select())
        .load(conn)?
    {
        languages
            .entry(row.listing_id)
            .or_default()
            .push(row.language_code);
    }
    let mut texts: HashMap<String, BTreeMap<String, _>> = HashMap::new();
    for row in listing_translations::table
        .filter(listing_translations::listing_id.eq_any(&ids))
        .select(TranslationRow::as_select())
        .load(conn)?
    {
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
