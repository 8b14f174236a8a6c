//! The real organisations, centres and programmes of the source documents,
//! kept as data in `places.json` (facts from `../shared/seeds/` only; an
//! unpublished value is null, never guessed).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;

use crate::domain::listing::GeoPoint;
use crate::domain::{
    AgeRange, ApplicationWindow, Capacity, Category, Listing, ListingId, ListingText, Residency,
};

const PLACES_JSON: &str = include_str!("places.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Place {
    id: String,
    category: String,
    city: String,
    district: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    languages: Vec<String>,
    opening_hours: Option<String>,
    min_age: Option<u32>,
    max_age: Option<u32>,
    application_opens_at: Option<DateTime<FixedOffset>>,
    application_closes_at: Option<DateTime<FixedOffset>>,
    capacity_rooms: Option<u32>,
    capacity_people_min: Option<u32>,
    capacity_people_max: Option<u32>,
    max_hours_per_day: Option<u32>,
    capacity_teams: Option<u32>,
    residency_months: Option<u32>,
    max_residency_months: Option<u32>,
    source: String,
    verified_at: Option<NaiveDate>,
    translations: BTreeMap<String, PlaceText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaceText {
    name: String,
    address: Option<String>,
    summary: Option<String>,
    eligibility: Option<String>,
}

/// Why `places.json` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PlacesError {
    /// Not valid JSON of the expected shape.
    #[error("places.json: {0}")]
    Json(#[from] serde_json::Error),
    /// A value the domain refuses.
    #[error("places.json: {id}: {problem}")]
    Invalid {
        /// The place's id.
        id: String,
        /// What is wrong.
        problem: &'static str,
    },
}

/// Every real place, as listings created at `now`.
pub fn real_places(now: DateTime<Utc>) -> Result<Vec<Listing>, PlacesError> {
    let places: Vec<Place> = serde_json::from_str(PLACES_JSON)?;
    places
        .into_iter()
        .map(|place| place.into_listing(now))
        .collect()
}

impl Place {
    fn into_listing(self, now: DateTime<Utc>) -> Result<Listing, PlacesError> {
        let invalid = |problem| PlacesError::Invalid {
            id: self.id.clone(),
            problem,
        };
        let id = ListingId::parse(&self.id).map_err(|_| invalid("id is not a slug"))?;
        let category: Category = self
            .category
            .parse()
            .map_err(|_| invalid("unknown category"))?;
        let location = self
            .latitude
            .zip(self.longitude)
            .map(|(latitude, longitude)| GeoPoint {
                latitude,
                longitude,
            });
        let window = ApplicationWindow {
            opens_at: self.application_opens_at.map(|t| t.with_timezone(&Utc)),
            closes_at: self.application_closes_at.map(|t| t.with_timezone(&Utc)),
        };
        let has_window = window.opens_at.is_some() || window.closes_at.is_some();
        let has_ages = self.min_age.is_some() || self.max_age.is_some();
        let has_residency = self.residency_months.is_some() || self.max_residency_months.is_some();
        Ok(Listing {
            id,
            category,
            city: self.city,
            district: self.district,
            location,
            phone: self.phone,
            email: self.email,
            website: self.website,
            languages: self.languages,
            opening_hours: self.opening_hours,
            age_range: has_ages.then_some(AgeRange {
                min: self.min_age,
                max: self.max_age,
            }),
            application_window: has_window.then_some(window),
            capacity: Capacity {
                rooms: self.capacity_rooms,
                people_min: self.capacity_people_min,
                people_max: self.capacity_people_max,
                max_hours_per_day: self.max_hours_per_day,
                teams: self.capacity_teams,
            },
            residency: has_residency.then_some(Residency {
                months: self.residency_months,
                max_months: self.max_residency_months,
            }),
            source: self.source,
            sample: false,
            location_approximate: false,
            verified_at: self.verified_at,
            created_at: now,
            updated_at: now,
            texts: self
                .translations
                .into_iter()
                .map(|(locale, text)| {
                    let text = ListingText {
                        name: text.name,
                        address: text.address,
                        summary: text.summary,
                        eligibility: text.eligibility,
                    };
                    (locale, text)
                })
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_places_parse() {
        let places = real_places(Utc::now()).unwrap();
        assert!(places.len() >= 15, "{}", places.len());
        assert!(places.iter().all(|p| !p.sample));
    }

    #[test]
    fn every_phone_email_and_website_appears_in_a_source_document() {
        // The rule of the data set: nothing about a real organisation is
        // invented. Compare with the documents where they are beside us.
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let Ok(entries) = std::fs::read_dir(&seeds) else {
            return;
        };
        let corpus: String = entries
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
            .collect();
        for place in real_places(Utc::now()).unwrap() {
            let values = [place.phone, place.email, place.website];
            for value in values.into_iter().flatten() {
                let bare = value
                    .trim_start_matches('+')
                    .trim_start_matches("http://")
                    .trim_start_matches("https://")
                    .trim_end_matches('/');
                assert!(
                    corpus.contains(bare),
                    "{}: {value} is not in the sources",
                    place.id
                );
            }
        }
    }
}
