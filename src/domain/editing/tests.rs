//! Validation of drafts against the demo reference data.

use chrono::Utc;

use super::*;
use crate::domain::ReferenceData;

fn reference() -> ReferenceData {
    ReferenceData::new(crate::seed::cities())
}

const LOCALES: [&str; 4] = ["en", "ja", "ko", "zh-Hans"];

fn ctx(reference: &ReferenceData) -> ValidationContext<'_> {
    ValidationContext {
        reference,
        locales: &LOCALES,
        now: Utc::now(),
        default_source: "test",
    }
}

fn draft() -> ListingDraft {
    let mut draft = ListingDraft {
        id: Some("a-place".into()),
        category: Some("contact_point".into()),
        city: Some("seoul".into()),
        district: Some("gangnam".into()),
        latitude: Some(37.5),
        longitude: Some(127.0),
        phone: Some("+82-2-2075-4112".into()),
        website: Some("https://example.com".into()),
        languages: vec!["ja".into(), "en".into(), "en".into()],
        opening_hours: Some("Mo-Fr 09:00-18:00".into()),
        application_opens_at: Some("2018-02-28T00:00:00+09:00".into()),
        application_closes_at: Some("2018-03-30T17:00:00+09:00".into()),
        ..ListingDraft::default()
    };
    draft.texts.insert(
        "en".into(),
        TextDraft {
            name: Some("A place".into()),
            ..TextDraft::default()
        },
    );
    draft
}

#[test]
fn a_complete_draft_becomes_a_listing_that_drafts_back_the_same() {
    let reference = reference();
    let valid = draft().validate(&ctx(&reference)).unwrap();
    assert_eq!(valid.listing.languages, ["en", "ja"]);
    assert_eq!(valid.listing.source, "test");
    let again = ListingDraft::from_listing(&valid.listing, None)
        .validate(&ctx(&reference))
        .unwrap();
    assert_eq!(again.listing.texts, valid.listing.texts);
    assert_eq!(
        again.listing.application_window,
        valid.listing.application_window
    );
    assert_eq!(again.listing.languages, valid.listing.languages);
}

#[test]
fn every_invalid_field_is_reported_with_its_code() {
    let reference = reference();
    let mut bad = draft();
    bad.id = Some("Not A Slug".into());
    bad.category = Some("restaurant".into());
    bad.district = Some("atlantis".into());
    bad.latitude = Some(91.0);
    bad.phone = Some("02-123".into());
    bad.website = Some("example.com".into());
    bad.opening_hours = Some("whenever".into());
    bad.application_closes_at = Some("2018-01-01T00:00:00Z".into());
    bad.min_age = Some(40);
    bad.max_age = Some(18);
    bad.texts.clear();
    bad.texts.insert("xx".into(), TextDraft::default());
    let errors = bad.validate(&ctx(&reference)).unwrap_err();
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("id", "invalid_format"),
            ("category", "unknown_value"),
            ("district", "unknown_value"),
            ("location.latitude", "out_of_range"),
            ("phone", "invalid_format"),
            ("website", "invalid_format"),
            ("opening_hours", "invalid_opening_hours"),
            ("max_age", "wrong_order"),
            ("application_closes_at", "wrong_order"),
            ("texts.xx", "unknown_value"),
            ("texts.en.name", "required"),
        ]
    );
}

#[test]
fn required_fields_are_named_when_missing() {
    let reference = reference();
    let errors = ListingDraft::default()
        .validate(&ctx(&reference))
        .unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["id", "category", "city", "texts.en.name"]);
    assert!(errors.iter().all(|e| e.code == FieldErrorCode::Required));
}
