//! Queries on cities and districts.

use diesel::prelude::*;

use super::models::{CityRow, DistrictRow};
use super::schema::{cities, districts};
use super::{DbConnection, DbError};
use crate::domain::{City, District, ReferenceData};

/// Every city with its districts, in display order.
#[tracing::instrument(skip(conn))]
pub fn load(conn: &mut DbConnection) -> Result<ReferenceData, DbError> {
    let city_rows = cities::table
        .order((cities::position, cities::code))
        .select(CityRow::as_select())
        .load(conn)?;
    let district_rows = districts::table
        .order((districts::city_code, districts::code))
        .select(DistrictRow::as_select())
        .load(conn)?;
    let cities = city_rows
        .into_iter()
        .map(|city| City {
            districts: district_rows
                .iter()
                .filter(|d| d.city_code == city.code)
                .map(|d| District {
                    code: d.code.clone(),
                    latitude: d.latitude,
                    longitude: d.longitude,
                })
                .collect(),
            code: city.code,
            country_code: city.country_code,
            time_zone: city.time_zone,
            latitude: city.latitude,
            longitude: city.longitude,
        })
        .collect();
    Ok(ReferenceData::new(cities))
}

/// Adds a city and its districts, inside the caller's transaction.
pub fn insert_city(conn: &mut DbConnection, city: &City, position: i32) -> Result<(), DbError> {
    diesel::insert_into(cities::table)
        .values(CityRow {
            code: city.code.clone(),
            country_code: city.country_code.clone(),
            time_zone: city.time_zone.clone(),
            latitude: city.latitude,
            longitude: city.longitude,
            position,
        })
        .execute(conn)?;
    for district in &city.districts {
        diesel::insert_into(districts::table)
            .values(DistrictRow {
                city_code: city.code.clone(),
                code: district.code.clone(),
                latitude: district.latitude,
                longitude: district.longitude,
            })
            .execute(conn)?;
    }
    Ok(())
}

/// Stores `cities` when the database has none yet (a database prepared
/// without the demo data), so that listings can refer to them.
pub fn ensure_cities(conn: &mut DbConnection, cities: &[City]) -> Result<(), DbError> {
    if load(conn)?.cities().is_empty() {
        conn.transaction(|conn| {
            for (position, city) in cities.iter().enumerate() {
                insert_city(conn, city, i32::try_from(position).unwrap_or(i32::MAX))?;
            }
            Ok(())
        })
    } else {
        Ok(())
    }
}
