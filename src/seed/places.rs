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
    /// Where each value comes from: field name (`name`, `summary` and
    /// `eligibility` stand for that text in every locale) to the phrases of
    /// a seed document that state it. Checked against the documents by
    /// `every_quoted_phrase_is_in_its_seed_document`.
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the source check"))]
    sources: BTreeMap<String, Vec<Quote>>,
    /// Values that no document gives but that are kept because they are
    /// well-known public facts that help residents: field name to the reason.
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the source check"))]
    not_from_documents: BTreeMap<String, String>,
}

/// A phrase of a seed document that states a value.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(test), expect(dead_code, reason = "read by the source check"))]
struct Quote {
    /// The seed file, when it is not the place's `source`.
    file: Option<String>,
    /// The phrase, exactly as the document writes it (runs of white space
    /// compare equal).
    quote: String,
    /// How the value was read from the phrase, where that is not obvious
    /// (a year taken from the release's context, a time of day).
    note: Option<String>,
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
pub(super) enum PlacesError {
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
pub(super) fn real_places(now: DateTime<Utc>) -> Result<Vec<Listing>, PlacesError> {
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

    /// The seed documents, white space collapsed, by file name.
    fn seed_documents() -> BTreeMap<String, String> {
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
        let entries = std::fs::read_dir(&seeds)
            .unwrap_or_else(|e| panic!("the source check reads {}: {e}", seeds.display()));
        entries
            .map(|entry| {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, collapse(&std::fs::read_to_string(&path).unwrap()))
            })
            .collect()
    }

    fn collapse(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The fields of a place that hold a value, as `sources` names them.
    fn fields_with_values(place: &serde_json::Value) -> Vec<String> {
        const NOT_FACTS: [&str; 7] = [
            "id",
            "category",
            "city",
            "source",
            "translations",
            "sources",
            "not_from_documents",
        ];
        let object = place.as_object().unwrap();
        let mut fields: Vec<String> = object
            .iter()
            .filter(|(key, value)| {
                !NOT_FACTS.contains(&key.as_str())
                    && !value.is_null()
                    && value.as_array().is_none_or(|items| !items.is_empty())
            })
            .map(|(key, _)| key.clone())
            .collect();
        for key in ["name", "address", "summary", "eligibility"] {
            let texts = object["translations"].as_object().unwrap().values();
            if texts.into_iter().any(|text| !text[key].is_null()) {
                fields.push(key.to_owned());
            }
        }
        fields
    }

    #[test]
    fn every_quoted_phrase_is_in_its_seed_document() {
        let documents = seed_documents();
        let places: Vec<Place> = serde_json::from_str(PLACES_JSON).unwrap();
        for place in &places {
            for (field, quotes) in &place.sources {
                assert!(!quotes.is_empty(), "{}.{field}: no quote", place.id);
                for quote in quotes {
                    let file = quote.file.as_deref().unwrap_or(&place.source);
                    let text = documents
                        .get(file)
                        .unwrap_or_else(|| panic!("{}.{field}: no seed file {file}", place.id));
                    assert!(
                        text.contains(&collapse(&quote.quote)),
                        "{}.{field}: {file} does not say \"{}\"",
                        place.id,
                        quote.quote
                    );
                    assert!(quote.note.as_deref().is_none_or(|n| !n.trim().is_empty()));
                }
            }
            for (field, reason) in &place.not_from_documents {
                assert!(reason.len() > 20, "{}.{field}: say why", place.id);
            }
        }
    }

    #[test]
    fn every_value_states_where_it_comes_from() {
        let raw: Vec<serde_json::Value> = serde_json::from_str(PLACES_JSON).unwrap();
        let places: Vec<Place> = serde_json::from_str(PLACES_JSON).unwrap();
        for (value, place) in raw.iter().zip(&places) {
            let fields = fields_with_values(value);
            for field in &fields {
                assert!(
                    place.sources.contains_key(field)
                        || place.not_from_documents.contains_key(field),
                    "{}.{field} has a value but no source and no reason",
                    place.id
                );
            }
            for field in place.sources.keys().chain(place.not_from_documents.keys()) {
                assert!(
                    fields.contains(field),
                    "{}.{field} is null but has a source",
                    place.id
                );
            }
        }
    }

    #[test]
    fn a_check_that_would_miss_nothing_catches_an_invented_phrase() {
        // The check above is only worth running if it can fail.
        let documents = seed_documents();
        let seed = &documents["001_3249afde089393de.txt"];
        assert!(seed.contains(&collapse("募集企業数:約20社")));
        assert!(
            !seed.contains(&collapse("募集企業数:20社")),
            "\"about\" dropped"
        );
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
