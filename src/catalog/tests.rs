use std::collections::HashSet;

use chrono::{TimeZone, Utc};

use super::*;
use crate::domain::geo::GeoPoint;
use crate::domain::{ListingBuilder, ListingFilter, ListingId, ListingParams, ReferenceData};

fn listing(id: &str, name_en: &str, name_ko: &str, district: &str, at: (f64, f64)) -> Listing {
    let epoch = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    ListingBuilder::new(
        ListingId::parse(id).unwrap(),
        Category::JobCafe,
        name_en,
        epoch,
    )
    .with_name("ko", name_ko)
    .with(|listing| {
        listing.district = Some(district.into());
        listing.location = Some(GeoPoint {
            latitude: at.0,
            longitude: at.1,
        });
        listing.opening_hours = Some("Mo-Fr 09:00-18:00; PH off".into());
        listing.sample = true;
    })
    .build()
}

fn cities() -> Vec<City> {
    crate::seed::cities()
}

fn vocabulary() -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    let gangnam = VocabularyTarget::District("seoul".into(), "gangnam".into());
    for name in ["Gangnam-gu", "강남구", "カンナム(江南)区", "江南区"] {
        vocabulary.add(gangnam.clone(), name);
    }
    vocabulary
}

/// Listings at version 1, as freshly created.
fn at_first_version(listings: Vec<Listing>) -> Vec<VersionedListing> {
    listings
        .into_iter()
        .map(|listing| VersionedListing {
            listing,
            version: 1,
        })
        .collect()
}

fn catalog() -> Catalog {
    Catalog::build(
        at_first_version(vec![
            listing(
                "a-cafe",
                "Job Cafe",
                "일자리카페",
                "mapo",
                (37.5663, 126.9019),
            ),
            listing(
                "b-cafe",
                "Cafe Gangnam",
                "강남 카페",
                "jongno",
                (37.5735, 126.9790),
            ),
            listing(
                "c-cafe",
                "Quiet Study",
                "조용한 스터디",
                "gangnam",
                (37.5172, 127.0473),
            ),
            listing("d-cafe", "Job", "잡", "gangnam", (37.5173, 127.0474)),
        ]),
        &cities(),
        vocabulary(),
    )
}

fn filter(params: ListingParams<'_>) -> ListingFilter {
    ListingFilter::parse(params, &ReferenceData::new(cities())).unwrap()
}

fn ids(page: &CatalogPage) -> Vec<&str> {
    page.hits.iter().map(|h| h.listing.id.as_str()).collect()
}

#[test]
fn every_script_of_a_district_name_finds_its_listings() {
    let catalog = catalog();
    for query in ["Gangnam", "강남", "江南", "カンナム", "ｶﾝﾅﾑ", "GANGNAM"] {
        let page = catalog.query(
            &filter(ListingParams {
                q: Some(query),
                ..Default::default()
            }),
            "en",
            Utc::now(),
        );
        let found: HashSet<&str> = ids(&page).into_iter().collect();
        assert!(
            found.contains("c-cafe") && found.contains("d-cafe"),
            "{query}: {found:?}"
        );
    }
}

#[test]
fn exact_names_rank_before_prefixes_before_other_fields() {
    let catalog = catalog();
    let page = catalog.query(
        &filter(ListingParams {
            q: Some("job"),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(ids(&page), ["d-cafe", "a-cafe"]);
    assert_eq!(page.hits[0].rank, 0);
    assert_eq!(page.hits[1].rank, 1);
    assert_eq!(
        page.hits[0].matched.as_ref().unwrap().field,
        MatchField::Name
    );
    let one_char = catalog.query(
        &filter(ListingParams {
            q: Some("잡"),
            ..Default::default()
        }),
        "ko",
        Utc::now(),
    );
    assert_eq!(ids(&one_char), ["d-cafe"]);
}

#[test]
fn a_walk_by_name_neither_skips_nor_repeats_while_listings_arrive() {
    let mut catalog = catalog();
    let first = catalog.query(
        &filter(ListingParams {
            sort: Some("name"),
            limit: Some("2"),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(ids(&first), ["b-cafe", "d-cafe"]);
    let last = first.hits.last().unwrap();
    let cursor = crate::domain::Cursor {
        key: crate::domain::CursorKey::Name("Job".into()),
        after: last.listing.id.clone(),
    }
    .encode();
    catalog.apply(vec![
        Change::upsert(
            listing("e-cafe", "Aardvark", "가", "mapo", (37.5, 127.0)),
            2,
        ),
        Change::upsert(listing("f-cafe", "Zebra", "하", "mapo", (37.5, 127.0)), 2),
    ]);
    let rest = catalog.query(
        &filter(ListingParams {
            sort: Some("name"),
            limit: Some("10"),
            cursor: Some(&cursor),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(ids(&rest), ["a-cafe", "c-cafe", "f-cafe"]);
}

#[test]
fn near_with_a_radius_keeps_the_close_ones_nearest_first() {
    let catalog = catalog();
    let page = catalog.query(
        &filter(ListingParams {
            near: Some("37.5172,127.0473"),
            radius_m: Some("1000"),
            sort: Some("distance"),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(ids(&page), ["c-cafe", "d-cafe"]);
    assert_eq!(page.hits[0].distance_m, Some(0.0));
    assert!(
        (page.hits[1].distance_m.unwrap() - 14.2).abs() < 0.1,
        "{:?}",
        page.hits[1].distance_m
    );
}

#[test]
fn open_at_respects_korean_public_holidays() {
    let catalog = catalog();
    let chuseok = "2026-09-25T11:00:00+09:00";
    let page = catalog.query(
        &filter(ListingParams {
            open_at: Some(chuseok),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(page.total, 0);
    let weekday = "2026-09-22T11:00:00+09:00";
    let page = catalog.query(
        &filter(ListingParams {
            open_at: Some(weekday),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(page.total, 4);
}

#[test]
fn entries_carry_the_version_of_the_change_that_made_them() {
    let mut catalog = catalog();
    assert_eq!(catalog.get("b-cafe").map(|e| e.version), Some(1));
    let renamed = listing("b-cafe", "Cafe Seoul", "카페", "mapo", (37.5, 127.0));
    catalog.catch_up(vec![Change::upsert(renamed, 7)], 42);
    assert_eq!(catalog.get("b-cafe").map(|e| e.version), Some(7));
    assert_eq!(catalog.change_id(), 42);
    // A batch read from an older position never moves the id back.
    catalog.catch_up(Vec::new(), 40);
    assert_eq!(catalog.change_id(), 42);
}

#[test]
fn removed_listings_disappear_and_slots_are_reclaimed() {
    let mut catalog = catalog();
    catalog.apply(vec![Change::Remove("a-cafe".into())]);
    assert!(catalog.get("a-cafe").is_none());
    assert_eq!(catalog.len(), 3);
    for round in 0..100 {
        catalog.apply(vec![Change::upsert(
            listing(
                "b-cafe",
                &format!("Cafe {round}"),
                "카페",
                "mapo",
                (37.5, 127.0),
            ),
            2,
        )]);
    }
    assert!(catalog.slots.len() < 100, "{}", catalog.slots.len());
    let page = catalog.query(
        &filter(ListingParams {
            q: Some("cafe 99"),
            ..Default::default()
        }),
        "en",
        Utc::now(),
    );
    assert_eq!(ids(&page), ["b-cafe"]);
}

#[test]
fn derived_ids_find_live_listings_and_follow_changes() {
    let mut catalog = catalog();
    let shout = |id: &str| id.to_uppercase();
    let found = catalog.find_derived("shout", "C-CAFE", shout);
    assert_eq!(
        found.as_ref().map(|e| e.listing.id.as_str()),
        Some("c-cafe")
    );
    assert!(catalog.find_derived("shout", "c-cafe", shout).is_none());
    catalog.apply(vec![Change::Remove("c-cafe".into())]);
    assert!(catalog.find_derived("shout", "C-CAFE", shout).is_none());
    assert!(catalog.find_derived("shout", "D-CAFE", shout).is_some());
}

#[test]
fn the_accepting_set_follows_the_clock_across_window_edges() {
    let opens = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
    let closes = Utc.timestamp_opt(1_800_086_400, 0).unwrap();
    let mut windowed = listing("w-cafe", "Window", "창", "mapo", (37.5, 127.0));
    windowed.application_window = Some(crate::domain::ApplicationWindow {
        opens_at: Some(opens),
        closes_at: Some(closes),
    });
    let catalog = Catalog::build(at_first_version(vec![windowed]), &cities(), vocabulary());
    let accepting = filter(ListingParams {
        accepting_applications: Some("true"),
        ..Default::default()
    });
    let count = |at| catalog.query(&accepting, "en", at).total;
    let second = chrono::Duration::seconds(1);
    // Forwards, backwards and forwards again through both edges.
    for at in [
        opens - second,
        opens,
        closes,
        closes + second,
        opens - second,
        closes,
    ] {
        let expected = usize::from(opens <= at && at <= closes);
        assert_eq!(count(at), expected, "at {at}");
    }
}
