//! A query string of `GET /v1/listings`, parsed as the handler does: any
//! input is a filter or a parameter problem, never a panic.
#![no_main]

use std::sync::LazyLock;

use foreign_resident_directory::domain::{ListingFilter, ListingParams, ReferenceData};
use libfuzzer_sys::fuzz_target;

static REFERENCE: LazyLock<ReferenceData> =
    LazyLock::new(|| ReferenceData::new(foreign_resident_directory::seed::cities()));

fuzz_target!(|query: &str| {
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(query) else {
        return;
    };
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let params = ListingParams {
        category: get("category"),
        city: get("city"),
        district: get("district"),
        language: get("language"),
        q: get("q"),
        near: get("near"),
        radius_m: get("radius_m"),
        bbox: get("bbox"),
        open_now: get("open_now"),
        open_at: get("open_at"),
        accepting_applications: get("accepting_applications"),
        sort: get("sort"),
        limit: get("limit"),
        cursor: get("cursor"),
        verified_within: get("verified_within"),
    };
    if let Ok(filter) = ListingFilter::parse(params, &REFERENCE) {
        assert!((1..=100).contains(&filter.limit));
    }
});
