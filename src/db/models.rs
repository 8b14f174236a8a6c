#![allow(missing_docs)] // The row structs mirror the columns of schema.rs, field by field.
//! Rows as stored, and their conversion to and from the domain's types.
//! Rows and domain values differ on purpose: timestamps are UTC
//! `NaiveDateTime` here (MultiConnection has no `Timestamptz`), and a
//! listing's languages and texts live in their own tables.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::{cities, districts, listing_languages, listing_translations, listings};
use crate::domain::listing::GeoPoint;
use crate::domain::{
    AgeRange, ApplicationWindow, Capacity, Category, Listing, ListingId, ListingText, Residency,
};

/// A row of `cities`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cities)]
pub struct CityRow {
    /// Code.
    pub code: String,
    /// ISO country code.
    pub country_code: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Centre latitude.
    pub latitude: f64,
    /// Centre longitude.
    pub longitude: f64,
    /// Display order.
    pub position: i32,
}

/// A row of `districts`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = districts)]
pub struct DistrictRow {
    /// The city's code.
    pub city_code: String,
    /// Code within the city.
    pub code: String,
    /// Centre latitude.
    pub latitude: f64,
    /// Centre longitude.
    pub longitude: f64,
}

/// A row of `listings`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = listings)]
pub struct ListingRow {
    pub id: String,
    pub category: String,
    pub city_code: String,
    pub district_code: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub opening_hours: Option<String>,
    pub min_age: Option<i32>,
    pub max_age: Option<i32>,
    pub application_opens_at: Option<NaiveDateTime>,
    pub application_closes_at: Option<NaiveDateTime>,
    pub capacity_rooms: Option<i32>,
    pub capacity_people_min: Option<i32>,
    pub capacity_people_max: Option<i32>,
    pub max_hours_per_day: Option<i32>,
    pub capacity_teams: Option<i32>,
    pub residency_months: Option<i32>,
    pub max_residency_months: Option<i32>,
    pub source: String,
    pub sample: bool,
    pub verified_at: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub deleted_at: Option<NaiveDateTime>,
    pub location_approximate: bool,
}

/// A row of `listing_languages`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = listing_languages)]
pub struct LanguageRow {
    pub listing_id: String,
    pub language_code: String,
}

/// A row of `listing_translations`.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = listing_translations)]
pub struct TranslationRow {
    pub listing_id: String,
    pub locale: String,
    pub name: String,
    pub address: Option<String>,
    pub summary: Option<String>,
    pub eligibility: Option<String>,
}

fn to_i32(value: Option<u32>) -> Option<i32> {
    value.map(|v| i32::try_from(v).unwrap_or(i32::MAX))
}

fn to_u32(value: Option<i32>) -> Option<u32> {
    value.and_then(|v| u32::try_from(v).ok())
}

impl ListingRow {
    /// The row for a domain listing.
    pub fn from_listing(listing: &Listing) -> Self {
        let window = listing.application_window;
        let ages = listing.age_range;
        let residency = listing.residency;
        ListingRow {
            id: listing.id.to_string(),
            category: listing.category.code().to_owned(),
            city_code: listing.city.clone(),
            district_code: listing.district.clone(),
            latitude: listing.location.map(|p| p.latitude),
            longitude: listing.location.map(|p| p.longitude),
            phone: listing.phone.clone(),
            email: listing.email.clone(),
            website: listing.website.clone(),
            opening_hours: listing.opening_hours.clone(),
            min_age: to_i32(ages.and_then(|a| a.min)),
            max_age: to_i32(ages.and_then(|a| a.max)),
            application_opens_at: window.and_then(|w| w.opens_at).map(|t| t.naive_utc()),
            application_closes_at: window.and_then(|w| w.closes_at).map(|t| t.naive_utc()),
            capacity_rooms: to_i32(listing.capacity.rooms),
            capacity_people_min: to_i32(listing.capacity.people_min),
            capacity_people_max: to_i32(listing.capacity.people_max),
            max_hours_per_day: to_i32(listing.capacity.max_hours_per_day),
            capacity_teams: to_i32(listing.capacity.teams),
            residency_months: to_i32(residency.and_then(|r| r.months)),
            max_residency_months: to_i32(residency.and_then(|r| r.max_months)),
            source: listing.source.clone(),
            sample: listing.sample,
            verified_at: listing.verified_at,
            created_at: listing.created_at.naive_utc(),
            updated_at: listing.updated_at.naive_utc(),
            deleted_at: None,
            location_approximate: listing.location_approximate,
        }
    }

    /// The domain listing for this row and its languages and texts.
    /// A category the code does not know means a corrupt row.
    pub fn into_listing(
        self,
        languages: Vec<String>,
        texts: BTreeMap<String, ListingText>,
    ) -> Result<Listing, diesel::result::Error> {
        let corrupt = |what: String| diesel::result::Error::DeserializationError(what.into());
        let category: Category = self.category.parse().map_err(|_| {
            corrupt(format!(
                "listing {}: unknown category {}",
                self.id, self.category
            ))
        })?;
        let id = ListingId::parse(&self.id)
            .map_err(|_| corrupt(format!("listing id {:?} is not a slug", self.id)))?;
        let location = self
            .latitude
            .zip(self.longitude)
            .map(|(latitude, longitude)| GeoPoint {
                latitude,
                longitude,
            });
        let age_range = (self.min_age.is_some() || self.max_age.is_some()).then(|| AgeRange {
            min: to_u32(self.min_age),
            max: to_u32(self.max_age),
        });
        let application_window = (self.application_opens_at.is_some()
            || self.application_closes_at.is_some())
        .then(|| ApplicationWindow {
            opens_at: self.application_opens_at.map(|t| t.and_utc()),
            closes_at: self.application_closes_at.map(|t| t.and_utc()),
        });
        let residency = (self.residency_months.is_some() || self.max_residency_months.is_some())
            .then(|| Residency {
                months: to_u32(self.residency_months),
                max_months: to_u32(self.max_residency_months),
            });
        Ok(Listing {
            id,
            category,
            city: self.city_code,
            district: self.district_code,
            location,
            phone: self.phone,
            email: self.email,
            website: self.website,
            languages,
            opening_hours: self.opening_hours,
            age_range,
            application_window,
            capacity: Capacity {
                rooms: to_u32(self.capacity_rooms),
                people_min: to_u32(self.capacity_people_min),
                people_max: to_u32(self.capacity_people_max),
                max_hours_per_day: to_u32(self.max_hours_per_day),
                teams: to_u32(self.capacity_teams),
            },
            residency,
            source: self.source,
            sample: self.sample,
            verified_at: self.verified_at,
            location_approximate: self.location_approximate,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
            texts,
        })
    }
}

impl TranslationRow {
    /// The rows for every locale of a listing.
    pub fn from_listing(listing: &Listing) -> Vec<Self> {
        listing
            .texts
            .iter()
            .map(|(locale, text)| TranslationRow {
                listing_id: listing.id.to_string(),
                locale: locale.clone(),
                name: text.name.clone(),
                address: text.address.clone(),
                summary: text.summary.clone(),
                eligibility: text.eligibility.clone(),
            })
            .collect()
    }

    /// The locale and domain text of this row.
    pub fn into_text(self) -> (String, ListingText) {
        (
            self.locale,
            ListingText {
                name: self.name,
                address: self.address,
                summary: self.summary,
                eligibility: self.eligibility,
            },
        )
    }
}
