//! Writing the demo data set into an empty database.

use diesel::prelude::*;

use super::schema::cities;
use super::{DbConnection, DbError, inserts, reference};
use crate::seed::SeedData;

/// Loads `data` in one transaction unless the database already has cities.
/// Returns whether it loaded anything.
pub fn load_if_empty(conn: &mut DbConnection, data: &SeedData) -> Result<bool, DbError> {
    conn.transaction(|conn| {
        let existing: i64 = cities::table.count().get_result(conn)?;
        if existing > 0 {
            return Ok(false);
        }
        for (position, city) in data.cities.iter().enumerate() {
            reference::insert_city(conn, city, i32::try_from(position).unwrap_or(i32::MAX))?;
        }
        for listing in &data.listings {
            inserts::insert(conn, listing)?;
        }
        tracing::info!(
            cities = data.cities.len(),
            listings = data.listings.len(),
            "loaded the demo data"
        );
        Ok(true)
    })
}
