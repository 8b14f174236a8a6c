//! The indexed query engine checked against a plain model of the same
//! semantics (every listing read, filtered and sorted the obvious way), on
//! a few hundred varied listings and many filter combinations, with every
//! result also walked page by page through cursors. Broad and narrow
//! queries take the engine's two ways of cutting a page (walking an order,
//! placing each match), and a compaction checks that rebuilt indexes agree.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, TimeZone, Utc};

use super::text::{normalize, query_terms};
use super::*;
use crate::domain::geo::{GeoPoint, distance_m};
use crate::domain::{
    ApplicationWindow, Cursor, ListingBuilder, ListingFilter, ListingId, ListingParams,
    ListingText, ReferenceData, Sort,
};

const DISTRICTS: [(&str, &str, &str, f64, f64); 4] = [
    ("gangnam", "Gangnam-gu", "강남구", 37.5172, 127.0473),
    ("mapo", "Mapo-gu", "마포구", 37.5663, 126.9019),
    ("jongno", "Jongno-gu", "종로구", 37.5735, 126.9790),
    ("jung", "Jung-gu", "중구", 37.5641, 126.9979),
];
const PREFIXES: [(&str, &str); 5] = [
    ("Haengbok", "행복"),
    ("Mirae", "미래"),
    ("Hangang", "한강"),
    ("Global", "글로벌"),
    ("Mugunghwa", "무궁화"),
];
const HOURS: [Option<&str>; 4] = [
    Some("Mo-Fr 09:00-18:00; PH off"),
    Some("Mo-Sa 10:00-22:00"),
    Some("24/7"),
    None,
];

fn listing(n: usize) -> Listing {
    let (district, district_en, district_ko, latitude, longitude) = DISTRICTS[n % 4];
    let (prefix_en, prefix_ko) = PREFIXES[(n / 4) % 5 * usize::from(n % 17 != 0)];
    let category = Category::ALL[n % Category::ALL.len()];
    // Spread over about ±1.5 km around the district centre.
    let jitter = |k: usize| ((n * k) % 29) as f64 / 29.0 * 0.03 - 0.015;
    // Some listings have neither coordinates (n % 11 == 0) nor an address.
    let text = |name: String, address: String| ListingText {
        name,
        address: (n % 22 != 11).then_some(address),
        summary: (n % 3 == 0).then(|| format!("Sample data near {district_en} station")),
        eligibility: None,
    };
    let name_en = if n % 50 == 7 {
        prefix_en.to_owned()
    } else {
        format!(
            "{prefix_en} Realty {} No. {n}",
            &district_en[..district_en.len() - 3]
        )
    };
    let updated = Utc
        .timestamp_opt(1_700_000_000 + (n as i64 * 7919) % 1000, 0)
        .unwrap();
    let id = ListingId::parse(&format!("listing-{:03}", (n * 37) % 1000)).unwrap();
    ListingBuilder::new(id, category, &name_en, updated)
        .with(|listing| {
            listing.district = Some(district.into());
            listing.location = (n % 11 != 0).then(|| GeoPoint {
                latitude: latitude + jitter(7),
                longitude: longitude + jitter(13),
            });
            listing.languages = vec![if n % 5 == 0 { "ja" } else { "en" }.into()];
            listing.opening_hours = HOURS[n % 4].map(Into::into);
            // Open around the test's instant (2026-11-25), closed, or none.
            listing.application_window = match n % 7 {
                0 => Some(ApplicationWindow {
                    opens_at: Some(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap()),
                    closes_at: None,
                }),
                1 => Some(ApplicationWindow {
                    opens_at: None,
                    closes_at: Some(Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap()),
                }),
                _ => None,
            };
            listing.sample = true;
            // Checked some days before the test's instant, or never.
            listing.verified_at = (n % 4 != 3).then(|| {
                chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
                    - chrono::Days::new((n as u64 * 13) % 200)
            });
            listing.texts = BTreeMap::from([
                (
                    "en".into(),
                    text(name_en, format!("{n} Gangnam-daero, {district_en}")),
                ),
                (
                    "ko".into(),
                    text(
                        format!("{prefix_ko}공인중개사 {} {n}호점", &district_ko[..6]),
                        format!("서울 {district_ko} 테헤란로 {n}"),
                    ),
                ),
            ]);
        })
        .build()
}

fn vocabulary() -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for (code, en, ko, ..) in DISTRICTS {
        let target = VocabularyTarget::District("seoul".into(), code.into());
        vocabulary.add(target.clone(), en);
        vocabulary.add(target, ko);
    }
    vocabulary
}

fn filter(params: ListingParams<'_>) -> ListingFilter {
    ListingFilter::parse(params, &ReferenceData::new(crate::seed::cities())).unwrap()
}

/// The model: does `listing` hold every term of `q`, and how well.
fn model_rank(listing: &Listing, q: &str) -> Option<u8> {
    let whole = normalize(q);
    let names: Vec<String> = listing.texts.values().map(|t| normalize(&t.name)).collect();
    let texts: Vec<String> = listing
        .texts
        .values()
        .flat_map(|t| [Some(&t.name), t.address.as_ref(), t.summary.as_ref()])
        .flatten()
        .map(|t| normalize(t))
        .collect();
    let district = DISTRICTS
        .iter()
        .find(|d| Some(d.0) == listing.district.as_deref())
        .map(|d| [normalize(d.1), normalize(d.2)])
        .unwrap();
    let terms = query_terms(q);
    let found = terms.iter().all(|term| {
        texts.iter().any(|t| t.contains(term.as_str()))
            || district.iter().any(|d| d.contains(term.as_str()))
    });
    found.then(|| {
        if names.contains(&whole) {
            0
        } else if names.iter().any(|n| n.starts_with(&whole)) {
            1
        } else if terms
            .iter()
            .all(|term| names.iter().any(|n| n.contains(term.as_str())))
        {
            2
        } else {
            3
        }
    })
}

/// The model's answer: matching listings in order, with their ranks.
fn model(listings: &[Listing], filter: &ListingFilter, now: DateTime<Utc>) -> Vec<String> {
    let locality = Locality::new("Asia/Seoul", "KR");
    let mut found: Vec<(f64, f64, String)> = Vec::new();
    for listing in listings {
        let rank = match &filter.text {
            Some(q) => match model_rank(listing, q) {
                Some(rank) => rank,
                None => continue,
            },
            None => 0,
        };
        if filter.category.is_some_and(|c| c != listing.category)
            || filter
                .district
                .as_deref()
                .is_some_and(|d| Some(d) != listing.district.as_deref())
            || filter
                .language
                .as_ref()
                .is_some_and(|l| !listing.languages.contains(l))
        {
            continue;
        }
        if let Some(open_at) = filter.open_at {
            let at = match open_at {
                crate::domain::OpenAt::Now => now,
                crate::domain::OpenAt::Instant(at) => at,
            };
            let open = listing
                .opening_hours
                .as_deref()
                .and_then(|e| Schedule::parse(e, &locality).ok())
                .is_some_and(|s| s.state(at) == OpenState::Open);
            if !open {
                continue;
            }
        }
        if let Some(age) = filter.verified_within {
            if !age.includes(listing.verified_at, now.date_naive()) {
                continue;
            }
        }
        if filter.placed && !listing.has_place() {
            continue;
        }
        if let Some(wanted) = filter.accepting_applications {
            let accepting = listing.application_window.is_some_and(|w| {
                w.opens_at.is_none_or(|t| t <= now) && w.closes_at.is_none_or(|t| now <= t)
            });
            if accepting != wanted {
                continue;
            }
        }
        if let Some(bbox) = &filter.bbox {
            if !listing.location.is_some_and(|p| bbox.contains(p)) {
                continue;
            }
        }
        let distance = filter
            .near
            .and_then(|near| Some(distance_m(near.point, listing.location?)));
        if let Some(near) = filter.near {
            let radius = near.radius_m.unwrap_or(f64::INFINITY);
            if near.radius_m.is_some() && distance.is_none_or(|d| d > radius) {
                continue;
            }
        }
        let primary = match filter.sort {
            Sort::Id | Sort::Name => 0.0,
            Sort::Distance => distance.unwrap_or(f64::INFINITY),
            Sort::Updated => -(listing.updated_at.timestamp() as f64),
            Sort::Relevance => f64::from(rank),
        };
        found.push((primary, 0.0, listing.id.to_string()));
    }
    found.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
    found.into_iter().map(|f| f.2).collect()
}

/// Every page of `filter` (with `limit`), following cursors as the API does.
fn walk(catalog: &Catalog, filter: &ListingFilter, limit: u32, now: DateTime<Utc>) -> Vec<String> {
    let mut filter = filter.clone();
    filter.limit = limit;
    let mut seen = Vec::new();
    loop {
        let page = catalog.query(&filter, "en", now);
        seen.extend(page.hits.iter().map(|h| h.listing.id.to_string()));
        assert!(seen.len() <= 2000, "the walk does not end");
        let Some(next) = page.next else {
            return seen;
        };
        // Through the opaque form, as a client sends it back.
        filter.cursor = Some(Cursor::decode(&next.encode()).unwrap());
    }
}

#[test]
fn the_indexed_engine_answers_as_the_model_does() {
    let listings: Vec<Listing> = (0..600).map(listing).collect();
    let versioned = listings
        .iter()
        .map(|listing| VersionedListing {
            listing: listing.clone(),
            version: 1,
        })
        .collect();
    let mut catalog = Catalog::build(versioned, &crate::seed::cities(), vocabulary());
    answers_as_the_model(&catalog, &listings, "as built");
    // Replace a sixth and remove a twelfth, then build once more, so that
    // dead slots and a compaction are both covered. Between the rounds the
    // catalog is written to a snapshot and read back, and the second round
    // is caught up on the catalog read from it, as a restarted instance
    // catches up from the change log; a snapshot of that is read once more.
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("catalog.snapshot");
    let mut live = listings.clone();
    for round in 0..2 {
        let changes: Vec<Change> = (0..600)
            .filter(|n| n % 6 == round)
            .map(|n| {
                if n % 12 == round {
                    Change::Remove(listings[n].id.to_string())
                } else {
                    Change::upsert(listings[n].clone(), 2 + round as i64)
                }
            })
            .collect();
        let through = catalog.change_id() + changes.len() as i64;
        catalog.catch_up(changes, through);
        live.retain(|l| {
            let n = listings.iter().position(|m| m.id == l.id).unwrap();
            !(n % 6 == round && n % 12 == round)
        });
        assert_eq!(catalog.len(), live.len());
        answers_as_the_model(&catalog, &live, &format!("round {round}"));
        catalog.write_snapshot(&path, "model").unwrap();
        let expected = snapshot::Expected {
            database: "model",
            latest_change_id: through,
        };
        catalog =
            Catalog::open_snapshot(&path, expected, &crate::seed::cities(), vocabulary()).unwrap();
        assert_eq!(catalog.change_id(), through);
        answers_as_the_model(&catalog, &live, &format!("round {round}, read back"));
    }
}

/// Every case, walked page by page, answered as the model answers over `live`.
fn answers_as_the_model(catalog: &Catalog, live: &[Listing], stage: &str) {
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 3, 0, 0).unwrap(); // Wed 12:00 KST
    let cases: Vec<ListingParams<'_>> = vec![
        ListingParams::default(),
        ListingParams {
            q: Some("gangnam"),
            ..Default::default()
        },
        ListingParams {
            q: Some("강남"),
            ..Default::default()
        },
        ListingParams {
            q: Some("강"),
            ..Default::default()
        },
        ListingParams {
            q: Some("무궁화"),
            ..Default::default()
        },
        ListingParams {
            q: Some("mugunghwa realty"),
            ..Default::default()
        },
        ListingParams {
            q: Some("Haengbok"),
            sort: Some("id"),
            ..Default::default()
        },
        ListingParams {
            q: Some("realty mapo"),
            ..Default::default()
        },
        ListingParams {
            q: Some("no. 12"),
            ..Default::default()
        },
        ListingParams {
            q: Some("station"),
            category: Some("job_cafe"),
            ..Default::default()
        },
        ListingParams {
            q: Some("zzz"),
            ..Default::default()
        },
        ListingParams {
            district: Some("mapo"),
            sort: Some("updated"),
            ..Default::default()
        },
        ListingParams {
            language: Some("ja"),
            sort: Some("updated"),
            ..Default::default()
        },
        ListingParams {
            open_now: Some("true"),
            ..Default::default()
        },
        ListingParams {
            accepting_applications: Some("true"),
            ..Default::default()
        },
        ListingParams {
            verified_within: Some("90d"),
            language: Some("en"),
            q: Some("gangnam"),
            ..Default::default()
        },
        ListingParams {
            accepting_applications: Some("false"),
            q: Some("realty"),
            ..Default::default()
        },
        ListingParams {
            open_at: Some("2026-09-25T03:00:00Z"),
            ..Default::default()
        },
        ListingParams {
            near: Some("37.5665,126.9780"),
            radius_m: Some("2500"),
            sort: Some("distance"),
            ..Default::default()
        },
        ListingParams {
            near: Some("37.5665,126.9780"),
            sort: Some("distance"),
            ..Default::default()
        },
        ListingParams {
            near: Some("37.52,127.05"),
            radius_m: Some("1200"),
            q: Some("realty"),
            ..Default::default()
        },
        ListingParams {
            near: Some("37.52,127.05"),
            radius_m: Some("1500"),
            sort: Some("distance"),
            q: Some("realty"),
            ..Default::default()
        },
        ListingParams {
            bbox: Some("126.95,37.55,127.00,37.58"),
            ..Default::default()
        },
    ];
    for params in cases {
        let description = format!("{stage}: {params:?}");
        let filter = filter(params);
        let expected = model(live, &filter, now);
        for limit in [1, 7, 100] {
            assert_eq!(
                walk(catalog, &filter, limit, now),
                expected,
                "{description}, limit {limit}"
            );
        }
        let mut first = filter.clone();
        first.limit = 3;
        assert_eq!(
            catalog.query(&first, "en", now).total,
            expected.len(),
            "{description}"
        );
    }

    // Only listings with a place (the HSDS services at locations), from
    // the catalog's bitmap, as the model reads each listing.
    let mut placed = filter(ListingParams::default());
    placed.placed = true;
    let expected = model(live, &placed, now);
    assert!(!expected.is_empty() && expected.len() < live.len());
    for limit in [1, 7, 100] {
        assert_eq!(
            walk(catalog, &placed, limit, now),
            expected,
            "{stage}: placed, limit {limit}"
        );
    }

    // Name order: pages walked in threes give the one long page.
    let by_name = filter(ListingParams {
        sort: Some("name"),
        ..Default::default()
    });
    let whole = walk(catalog, &by_name, 1000, now);
    assert_eq!(whole.len(), live.len());
    assert_eq!(walk(catalog, &by_name, 3, now), whole);
    let unique: HashSet<&String> = whole.iter().collect();
    assert_eq!(unique.len(), whole.len());
}
