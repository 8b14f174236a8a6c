use super::*;
use crate::domain::CursorKey;
use crate::domain::reference::{City, District};

fn seoul() -> ReferenceData {
    ReferenceData::new(vec![City {
        code: "seoul".into(),
        country_code: "KR".into(),
        time_zone: "Asia/Seoul".into(),
        latitude: 37.56,
        longitude: 126.97,
        districts: vec![District {
            code: "gangnam".into(),
            latitude: 37.5,
            longitude: 127.0,
        }],
    }])
}

fn parse(params: ListingParams<'_>) -> Result<ListingFilter, InvalidParameter> {
    ListingFilter::parse(params, &seoul())
}

fn refused(params: ListingParams<'_>) -> &'static str {
    parse(params).unwrap_err().parameter
}

#[test]
fn no_parameters_means_everything_by_id_twenty_at_a_time() {
    let filter = parse(ListingParams::default()).unwrap();
    assert_eq!((filter.limit, filter.sort), (20, Sort::Id));
    assert_eq!((filter.category, filter.cursor), (None, None));
}

#[test]
fn limit_must_be_between_1_and_100() {
    for bad in ["0", "101", "-1", "ten", "1.5"] {
        assert_eq!(
            refused(ListingParams {
                limit: Some(bad),
                ..Default::default()
            }),
            "limit"
        );
    }
    let ok = parse(ListingParams {
        limit: Some("100"),
        ..Default::default()
    });
    assert_eq!(ok.unwrap().limit, 100);
}

#[test]
fn unknown_codes_are_named_in_the_error() {
    let err = parse(ListingParams {
        district: Some("atlantis"),
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(err, InvalidParameter::unknown("district", "atlantis"));
    assert_eq!(
        refused(ListingParams {
            category: Some("bar"),
            ..Default::default()
        }),
        "category"
    );
}

#[test]
fn spoken_language_is_canonicalised() {
    let filter = parse(ListingParams {
        language: Some("ZH-hans"),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(filter.language.as_deref(), Some("zh-Hans"));
}

#[test]
fn a_search_sorts_by_relevance_unless_told_otherwise() {
    let filter = parse(ListingParams {
        q: Some("강남"),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(filter.sort, Sort::Relevance);
    let by_name = parse(ListingParams {
        q: Some("강남"),
        sort: Some("name"),
        ..Default::default()
    });
    assert_eq!(by_name.unwrap().sort, Sort::Name);
    assert_eq!(
        refused(ListingParams {
            sort: Some("relevance"),
            ..Default::default()
        }),
        "sort"
    );
    assert_eq!(
        refused(ListingParams {
            q: Some(&"가".repeat(201)),
            ..Default::default()
        }),
        "q"
    );
}

#[test]
fn coordinates_are_checked() {
    let near = parse(ListingParams {
        near: Some("37.5, 127.0"),
        radius_m: Some("500"),
        ..Default::default()
    });
    let near = near.unwrap().near.unwrap();
    assert_eq!((near.point.latitude, near.radius_m), (37.5, Some(500.0)));
    for bad in ["91,0", "0,181", "abc", "1,2,3", "NaN,1", ""] {
        let result = parse(ListingParams {
            near: Some(bad),
            ..Default::default()
        });
        assert!(bad.is_empty() || result.is_err(), "{bad}");
    }
    assert_eq!(
        refused(ListingParams {
            radius_m: Some("50"),
            ..Default::default()
        }),
        "radius_m"
    );
    assert_eq!(
        refused(ListingParams {
            near: Some("1,1"),
            radius_m: Some("0"),
            ..Default::default()
        }),
        "radius_m"
    );
    assert_eq!(
        refused(ListingParams {
            sort: Some("distance"),
            ..Default::default()
        }),
        "sort"
    );
    assert_eq!(
        refused(ListingParams {
            bbox: Some("127,38,126,37"),
            ..Default::default()
        }),
        "bbox"
    );
    let bbox = parse(ListingParams {
        bbox: Some("126.9,37.4,127.1,37.6"),
        ..Default::default()
    });
    assert_eq!(bbox.unwrap().bbox.unwrap().north, 37.6);
}

#[test]
fn time_filters_are_checked() {
    let at = parse(ListingParams {
        open_at: Some("2026-09-24T11:00:00+09:00"),
        ..Default::default()
    });
    assert_eq!(
        at.unwrap().open_at,
        Some(OpenAt::Instant("2026-09-24T02:00:00Z".parse().unwrap()))
    );
    assert_eq!(
        parse(ListingParams {
            open_now: Some("true"),
            ..Default::default()
        })
        .unwrap()
        .open_at,
        Some(OpenAt::Now)
    );
    assert_eq!(
        refused(ListingParams {
            open_at: Some("tomorrow"),
            ..Default::default()
        }),
        "open_at"
    );
    assert_eq!(
        refused(ListingParams {
            open_now: Some("yes"),
            ..Default::default()
        }),
        "open_now"
    );
    assert_eq!(
        refused(ListingParams {
            open_now: Some("true"),
            open_at: Some("2026-01-01T00:00:00Z"),
            ..Default::default()
        }),
        "open_at"
    );
}

#[test]
fn a_cursor_must_belong_to_the_requested_sort() {
    let after = crate::domain::ListingId::parse("a").unwrap();
    let by_id = Cursor {
        key: CursorKey::Id,
        after,
    }
    .encode();
    assert!(
        parse(ListingParams {
            cursor: Some(&by_id),
            ..Default::default()
        })
        .is_ok()
    );
    assert_eq!(
        refused(ListingParams {
            cursor: Some(&by_id),
            sort: Some("updated"),
            ..Default::default()
        }),
        "cursor"
    );
}
