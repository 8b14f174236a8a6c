//! Discovery: keyword search in any script, near me, open now, accepting
//! applications, sorting, stable cursors, `Link` headers and GeoJSON.

use std::collections::HashSet;

use chrono::{Duration, Utc};
use foreign_resident_directory::domain::geo::{GeoPoint, distance_m};
use foreign_resident_directory::domain::{
    ApplicationWindow, Category, Listing, ListingBuilder, ListingId, ListingText,
};
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem};

/// A listing for a test, named the same in every locale unless given.
fn listing(id: &str, city: &str, district: Option<&str>, at: Option<(f64, f64)>) -> Listing {
    let name = format!("Test place {id}");
    let text = ListingText {
        summary: Some("Sample data for a test.".into()),
        ..ListingText::named(&name)
    };
    ListingBuilder::new(
        ListingId::parse(id).unwrap(),
        Category::ContactPoint,
        &name,
        Utc::now(),
    )
    .with(|listing| {
        listing.city = city.into();
        listing.district = district.map(Into::into);
        listing.location = at.map(|(latitude, longitude)| GeoPoint {
            latitude,
            longitude,
        });
        listing.languages = vec![];
        listing.sample = true;
        listing.texts = ["en", "ja", "ko", "zh-Hans"]
            .into_iter()
            .map(|locale| (locale.to_owned(), text.clone()))
            .collect();
    })
    .build()
}

/// Every item of every page of `path` (which must not hold a cursor).
async fn walk(app: &TestApp, path: &str, lang: Option<&str>) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next = path.to_owned();
    loop {
        let reply = app.get(&next, lang).await;
        assert_eq!(reply.status, 200, "{next}: {}", reply.text);
        let page = reply.json();
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => next = format!("{path}&cursor={cursor}"),
            None => return items,
        }
    }
}

/// The ids of the listings a test made: the demo's stand-ins (`sample-…`,
/// which have opening hours and open calls of their own) left out.
async fn own_ids(app: &TestApp, path: &str) -> Vec<String> {
    let mut found = ids(&walk(app, path, None).await);
    found.retain(|id| !id.starts_with("sample-"));
    found
}

fn ids(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

backend_tests! {
    async fn gangnam_in_four_scripts_finds_every_listing_in_gangnam_gu(app: TestApp) {
        let in_gangnam: HashSet<String> =
            ids(&walk(&app, "/v1/listings?district=gangnam&limit=100", None).await).into_iter().collect();
        assert!(in_gangnam.len() > 5);
        for query in ["Gangnam", "강남", "江南", "カンナム"] {
            let path = format!("/v1/listings?q={}&limit=100", urlencode(query));
            let found = walk(&app, &path, None).await;
            let found_ids: HashSet<String> = ids(&found).into_iter().collect();
            assert!(in_gangnam.is_subset(&found_ids), "{query}: missing {:?}", in_gangnam.difference(&found_ids));
            for item in &found {
                assert!(item["match"]["field"].is_string(), "{query}: {item}");
            }
        }
    }

    async fn a_one_character_korean_query_matches_without_word_splitting(app: TestApp) {
        let found = walk(&app, &format!("/v1/listings?q={}&limit=100", urlencode("센")), Some("ko")).await;
        assert!(found.iter().any(|i| i["id"] == "seoul-global-center"), "{found:?}");
        for item in &found {
            let field = item["match"]["field"].as_str().unwrap();
            if item["match"]["locale"] == "ko" && ["name", "summary", "address"].contains(&field) {
                assert!(item[field].as_str().unwrap().contains('센'), "{item}");
            }
        }
        let exact = app.get(&format!("/v1/listings?q={}", urlencode("서울글로벌센터")), Some("ko")).await.json();
        assert_eq!(exact["items"][0]["id"], "seoul-global-center");
        assert_eq!(exact["items"][0]["match"], serde_json::json!({"field": "name", "locale": "ko"}));
        let full_width = app.get(&format!("/v1/listings?q={}", urlencode("ＷＥＧＯ")), None).await.json();
        assert_eq!(full_width["items"][0]["id"], "wego");
    }

    async fn a_radius_query_returns_known_distances_nearest_first(app: TestApp) {
        let centre = (35.1000, 129.0300);
        app.insert_listings(vec![
            listing("busan-here", "busan", None, Some(centre)),
            listing("busan-111m-north", "busan", None, Some((35.1010, 129.0300))),
            listing("busan-1km-north", "busan", None, Some((35.1100, 129.0300))),
            listing("busan-unknown-place", "busan", None, None),
        ])
        .await;
        let page = app
            .get("/v1/listings?near=35.1,129.03&radius_m=500&sort=distance", None)
            .await
            .json();
        assert_eq!(ids(page["items"].as_array().unwrap()), ["busan-here", "busan-111m-north"]);
        let expected = distance_m(
            GeoPoint { latitude: centre.0, longitude: centre.1 },
            GeoPoint { latitude: 35.1010, longitude: 129.0300 },
        );
        assert_eq!(page["items"][0]["distance_m"], 0.0);
        assert_eq!(page["items"][1]["distance_m"], (expected * 10.0).round() / 10.0);
        assert!((expected - 111.2).abs() < 0.1, "{expected}");
        let wider = app.get("/v1/listings?near=35.1,129.03&radius_m=2000&sort=distance", None).await.json();
        assert_eq!(wider["total"], 3);

        let bbox = app.get("/v1/listings?bbox=129.02,35.09,129.04,35.105", None).await.json();
        assert_eq!(ids(bbox["items"].as_array().unwrap()), ["busan-111m-north", "busan-here"]);

        for bad in ["near=91,0", "near=abc", "near=1,2&sort=relevance", "radius_m=10", "bbox=1,2,3", "sort=distance"] {
            let reply = app.get(&format!("/v1/listings?{bad}"), Some("ja")).await;
            assert_problem(&reply, 400, "invalid_parameter");
        }
    }

    async fn open_at_follows_hours_and_korean_public_holidays(app: TestApp) {
        let mut weekdays = listing("weekday-office", "seoul", Some("jung"), Some((37.56, 126.99)));
        weekdays.opening_hours = Some("Mo-Fr 09:00-18:00; PH off".into());
        let mut always = listing("always-open", "seoul", Some("jung"), Some((37.56, 126.99)));
        always.opening_hours = Some("24/7".into());
        let mut never = listing("never-open", "seoul", Some("jung"), Some((37.56, 126.99)));
        never.opening_hours = Some("off".into());
        app.insert_listings(vec![weekdays, always, never]).await;

        // Friday 2026-09-25 is Chuseok; Tuesday 2026-09-22 is an ordinary weekday.
        let chuseok = own_ids(&app, "/v1/listings?open_at=2026-09-25T11:00:00%2B09:00&limit=100").await;
        assert_eq!(chuseok, ["always-open"]);
        let tuesday = own_ids(&app, "/v1/listings?open_at=2026-09-22T11:00:00%2B09:00&limit=100").await;
        assert_eq!(tuesday, ["always-open", "weekday-office"]);
        let night = own_ids(&app, "/v1/listings?open_at=2026-09-22T20:00:00%2B09:00&limit=100").await;
        assert_eq!(night, ["always-open"]);
        let now = own_ids(&app, "/v1/listings?open_now=true&limit=100").await;
        assert!(now.contains(&"always-open".to_owned()));
        assert!(!now.contains(&"never-open".to_owned()));

        let english = app.get("/v1/listings/weekday-office", None).await.json();
        assert_eq!(english["hours"]["description"], "Mon–Fri 09:00–18:00; public holidays: closed");
        assert!(english["hours"]["next_change"].is_string());
        assert!(["open", "closed"].contains(&english["hours"]["state"]["code"].as_str().unwrap()));
        let japanese = app.get("/v1/listings/weekday-office?lang=ja", None).await.json();
        assert_eq!(japanese["hours"]["description"], "月〜金 9:00〜18:00、祝日は休み");
        let korean = app.get("/v1/listings/always-open?lang=ko", None).await.json();
        assert_eq!(korean["hours"]["state"], serde_json::json!({"code": "open", "name": "운영 중"}));
    }

    async fn accepting_applications_shows_the_days_left_in_every_locale(app: TestApp) {
        let now = Utc::now();
        let mut open = listing("open-call", "seoul", None, None);
        open.category = Category::Incubator;
        open.application_window = Some(ApplicationWindow {
            opens_at: Some(now - Duration::days(10)),
            closes_at: Some(now + Duration::days(3) + Duration::hours(1)),
        });
        let mut upcoming = listing("future-call", "seoul", None, None);
        upcoming.application_window = Some(ApplicationWindow {
            opens_at: Some(now + Duration::days(40)),
            closes_at: None,
        });
        app.insert_listings(vec![open, upcoming]).await;

        let open_now = own_ids(&app, "/v1/listings?accepting_applications=true&limit=100").await;
        assert_eq!(open_now, ["open-call"]);
        let phrase = |lang: &'static str| {
            let app = &app;
            async move {
                let item = app.get(&format!("/v1/listings/open-call?lang={lang}"), None).await.json();
                assert_eq!(item["application_window"]["status"]["code"], "open");
                item["application_window"]["phrase"].as_str().unwrap().to_owned()
            }
        };
        // Three or four calendar days, depending on the hour in Seoul.
        let english = phrase("en").await;
        assert!(["Applications close in 3 days", "Applications close in 4 days"].contains(&english.as_str()), "{english}");
        let japanese = phrase("ja").await;
        assert!(japanese.starts_with("締め切りまであと") && japanese.ends_with('日'), "{japanese}");
        assert!(phrase("ko").await.starts_with("접수 마감까지"));
        assert!(phrase("zh-Hans").await.starts_with("距申请截止还有"));
        let later = app.get("/v1/listings/future-call", None).await.json();
        assert_eq!(later["application_window"]["phrase"], "Applications open in 40 days");
        let closed = app.get("/v1/listings?accepting_applications=false&category=incubator", None).await.json();
        assert!(!ids(closed["items"].as_array().unwrap()).contains(&"open-call".to_owned()));
    }

    async fn a_cursor_walk_by_name_is_stable_while_listings_are_inserted(app: TestApp) {
        let path = "/v1/listings?sort=name&limit=25&lang=ko";
        let before: HashSet<String> = ids(&walk(&app, path, None).await).into_iter().collect();
        let first = app.get(path, None).await;
        let link = first.header("link").to_owned();
        assert!(link.ends_with("rel=\"next\"") && link.contains("cursor="), "{link}");
        let mut seen = ids(first.json()["items"].as_array().unwrap());
        let mut cursor = first.json()["next_cursor"].as_str().unwrap().to_owned();
        let mut inserted = Vec::new();
        for round in 0..3 {
            let mut early = listing(&format!("early-{round}"), "seoul", None, None);
            let mut late = listing(&format!("late-{round}"), "seoul", None, None);
            early.texts.get_mut("ko").unwrap().name = format!("가가가 {round}");
            late.texts.get_mut("ko").unwrap().name = format!("힣힣힣 {round}");
            inserted.extend([early.id.to_string(), late.id.to_string()]);
            app.insert_listings(vec![early, late]).await;
            let page = app.get(&format!("{path}&cursor={cursor}"), None).await.json();
            seen.extend(ids(page["items"].as_array().unwrap()));
            cursor = page["next_cursor"].as_str().unwrap().to_owned();
        }
        loop {
            let page = app.get(&format!("{path}&cursor={cursor}"), None).await.json();
            seen.extend(ids(page["items"].as_array().unwrap()));
            match page["next_cursor"].as_str() {
                Some(next) => cursor = next.to_owned(),
                None => break,
            }
        }
        let unique: HashSet<&String> = seen.iter().collect();
        assert_eq!(unique.len(), seen.len(), "a listing was served twice");
        for id in &before {
            assert!(seen.contains(id), "{id} was skipped");
        }
        for round in 0..3 {
            assert!(seen.contains(&format!("late-{round}")), "late-{round} sorts after the cursor");
            assert!(!seen.contains(&format!("early-{round}")), "early-{round} sorts before it");
        }
    }

    async fn names_sort_in_the_response_locales_collation(app: TestApp) {
        for lang in ["en", "ko", "ja", "zh-Hans"] {
            let names: Vec<String> = walk(&app, &format!("/v1/listings?sort=name&limit=100&category=incubator&lang={lang}"), None)
                .await
                .iter()
                .map(|i| i["name"].as_str().unwrap().to_owned())
                .collect();
            assert!(names.len() >= 5, "{lang}");
            if lang == "ko" {
                let mut hangul = names.clone();
                hangul.sort();
                assert_eq!(names, hangul, "Hangul syllables are in dictionary order by code point");
            }
        }
        let english: Vec<String> = walk(&app, "/v1/listings?sort=name&limit=100&category=incubator", None)
            .await
            .iter()
            .map(|i| i["name"].as_str().unwrap().to_lowercase())
            .collect();
        let mut sorted = english.clone();
        sorted.sort();
        assert_eq!(english, sorted);
    }

    async fn geojson_is_the_same_page_as_a_feature_collection(app: TestApp) {
        let json = app.get("/v1/listings?category=real_estate&district=mapo", None).await.json();
        let reply = app
            .send(app.client.get(app.url("/v1/listings?category=real_estate&district=mapo")).header("Accept", "application/geo+json"))
            .await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "application/geo+json");
        let parsed: geojson::GeoJson = reply.text.parse().expect("valid RFC 7946");
        let geojson::GeoJson::FeatureCollection(collection) = parsed else { panic!("not a FeatureCollection") };
        assert_eq!(collection.features.len(), json["items"].as_array().unwrap().len());
        for (feature, item) in collection.features.iter().zip(json["items"].as_array().unwrap()) {
            let geometry = feature.geometry.as_ref().expect("sample offices have a location");
            let geojson::GeometryValue::Point { coordinates: point } = &geometry.value else { panic!("not a point") };
            assert_eq!(point[0], item["location"]["longitude"].as_f64().unwrap());
            assert_eq!(point[1], item["location"]["latitude"].as_f64().unwrap());
            assert_eq!(feature.properties.as_ref().unwrap()["id"], item["id"]);
        }
        let by_format = app.get("/v1/listings?category=real_estate&district=mapo&format=geojson", None).await;
        assert_eq!(by_format.text, reply.text);
        let bad = app.get("/v1/listings?format=xml", None).await;
        assert_problem(&bad, 400, "invalid_parameter");
    }
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)]).unwrap()[1..].to_owned()
}

/// The load-test generator also works on a database prepared without the
/// demo data, which is how benchmarks start: it stores the cities itself.
#[tokio::test]
async fn the_generator_fills_a_database_without_demo_data() {
    let app = TestApp::spawn_sqlite_generated(30).await;
    let page = app.get("/v1/listings?limit=1", None).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.json()["total"], 30);
}
