//! The demo data set loaded on first start: the cities, Seoul's districts,
//! every real organisation of the source documents (`places.json`, facts
//! from `../shared/seeds/` only) and the generated sample real-estate
//! offices, which the documents count but do not name, and two sample
//! listings (an open call, a 24-hour study room) that exercise the filters
//! the documents give nothing to.

mod cities;
mod places;
mod random;
mod sample_calls;
mod sample_offices;
pub mod synthetic;

use chrono::{DateTime, Utc};

use crate::domain::{City, Listing};

pub use cities::cities;
pub use sample_calls::{CALL_CLOSES_IN_DAYS, CALL_OPENED_DAYS_AGO};
pub use sample_offices::{LANGUAGE_MIX, OFFICE_COUNT};

/// Cities and listings to load into an empty database.
#[derive(Debug, Clone)]
pub struct SeedData {
    /// Cities with their districts, in display order.
    pub cities: Vec<City>,
    /// Real and sample listings.
    pub listings: Vec<Listing>,
}

/// The demo data set, with `now` as every listing's creation time.
/// Panics only if the bundled `places.json` is malformed, which a unit test
/// rules out.
pub fn demo_data(now: DateTime<Utc>) -> SeedData {
    let cities = cities();
    #[expect(
        clippy::expect_used,
        reason = "the bundled places.json is checked by a unit test"
    )]
    let mut listings = places::real_places(now).expect("the bundled places.json is valid");
    listings.extend(sample_offices::generate(&cities, now));
    listings.extend(sample_calls::generate(&cities, now));
    SeedData { cities, listings }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_listing_points_to_a_known_city_and_district_and_has_unique_id() {
        let data = demo_data(Utc::now());
        let reference = crate::domain::ReferenceData::new(data.cities.clone());
        let mut ids = HashSet::new();
        for listing in &data.listings {
            assert!(ids.insert(listing.id.clone()), "duplicate {}", listing.id);
            assert!(reference.city(&listing.city).is_some(), "{}", listing.id);
            if let Some(district) = &listing.district {
                assert!(
                    reference.district(&listing.city, district).is_some(),
                    "{}: {district}",
                    listing.id
                );
            }
            for locale in ["en", "ja", "ko", "zh-Hans"] {
                assert!(
                    listing.texts.contains_key(locale),
                    "{} {locale}",
                    listing.id
                );
            }
        }
    }
}

/// The listing text of the demo data reads as the interface does: the
/// rules `directory locales check` applies to the locale files, with each
/// locale's glossary, hold for every name, address, summary and eligibility.
#[cfg(test)]
mod style_tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use chrono::Utc;

    use crate::i18n::check::style::{Glossary, check_text, needle};

    #[test]
    fn listing_text_follows_the_glossary_and_the_punctuation_rules() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let mut glossaries = BTreeMap::new();
        let mut found = Vec::new();
        for listing in super::demo_data(Utc::now()).listings {
            for (locale, text) in &listing.texts {
                let glossary = glossaries
                    .entry(locale.clone())
                    .or_insert_with(|| Glossary::load(&root.join(locale)).unwrap());
                let fields = [
                    ("name", Some(&text.name)),
                    ("address", text.address.as_ref()),
                    ("summary", text.summary.as_ref()),
                    ("eligibility", text.eligibility.as_ref()),
                ];
                for (field, value) in fields {
                    let Some(value) = value else { continue };
                    for issue in check_text(locale, value, glossary) {
                        let (context, _) = needle(value, issue.offset);
                        found.push(format!(
                            "{} {locale} {field}: …{context}…: {}",
                            listing.id, issue.message
                        ));
                    }
                }
            }
        }
        found.dedup();
        assert!(found.is_empty(), "{}", found.join("\n"));
    }
}
