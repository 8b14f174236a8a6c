//! A listing with every field the interoperability formats map, and the
//! schema validation the HSDS tests share.

use chrono::{Duration, Utc};
use foreign_resident_directory::domain::{
    AgeRange, ApplicationWindow, Category, Listing, ListingText, listing::GeoPoint,
};
use serde_json::Value;

use crate::helpers::test_listing;

/// Its id.
pub const RICH: &str = "test-rich-office";

/// An office with hours, coordinates, an address, languages, ages, an
/// open application window and a name that needs iCalendar escaping.
pub fn rich_listing() -> Listing {
    let mut listing = test_listing(RICH, Category::ContactPoint, "Rich; Office, Seoul");
    listing.district = Some("yongsan".into());
    listing.location = Some(GeoPoint {
        latitude: 37.5326,
        longitude: 126.9905,
    });
    listing.email = Some("desk@example.org".into());
    listing.website = Some("https://example.org/desk".into());
    listing.languages = vec!["en".into(), "ja".into()];
    listing.opening_hours = Some("Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off".into());
    listing.age_range = Some(AgeRange {
        min: Some(18),
        max: Some(39),
    });
    let now = Utc::now();
    listing.application_window = Some(ApplicationWindow {
        opens_at: Some(now - Duration::days(3)),
        closes_at: Some(now + Duration::days(10)),
    });
    listing.verified_at = Some(now.date_naive());
    for (locale, name, address) in [
        ("en", "Rich; Office, Seoul", "1 Itaewon-ro, Yongsan-gu"),
        ("ja", "リッチ窓口", "龍山区梨泰院路1"),
        ("ko", "리치 창구", "용산구 이태원로 1"),
    ] {
        listing.texts.insert(
            locale.into(),
            ListingText {
                name: name.into(),
                address: Some(address.into()),
                summary: Some(format!("{name}: a test office.")),
                eligibility: None,
            },
        );
    }
    listing
}

/// Asserts that `document` validates against the official compiled HSDS
/// schema `name` (draft 2020-12, formats checked) with zero errors.
pub fn assert_hsds_valid(name: &str, document: &Value) {
    let path = format!(
        "{}/{name}",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/hsds-3.0/schema/compiled"
        )
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name} compiles: {e}"));
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{name}: {} errors\n{}\n{document:#}",
        errors.len(),
        errors.join("\n")
    );
}
