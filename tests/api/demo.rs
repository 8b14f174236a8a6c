//! The demo data set: every discovery filter finds something on a fresh
//! demo database, and the documents' facts arrive as published (nothing
//! invented, nothing mis-filed, approximate figures kept approximate).

use serde_json::Value;

use crate::backend_tests;
use crate::helpers::assert_problem;

fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .collect()
}

backend_tests! {
    async fn every_discovery_filter_finds_demo_listings(app: TestApp) {
        let queries = [
            "open_now=true",
            // A Monday morning in Seoul.
            "open_at=2026-12-07T11:00:00%2B09:00",
            "near=37.5665,126.9780&radius_m=3000",
            "bbox=126.95,37.55,127.01,37.58",
            "accepting_applications=true",
        ];
        for query in queries {
            let page = app.get(&format!("/v1/listings?{query}&limit=100"), None).await.json();
            let total = page["total"].as_u64().unwrap();
            assert!(total > 0, "{query}: {page}");
            // Real organisations publish no hours, places or open calls:
            // whatever these filters find is sample data, and says so.
            for item in page["items"].as_array().unwrap() {
                assert_eq!(item["sample"], true, "{query}: {}", item["id"]);
                assert_eq!(item["location_approximate"], true, "{query}: {}", item["id"]);
            }
        }
        let open = app.get("/v1/listings?open_now=true&limit=100", None).await.json();
        assert!(ids(&open).contains(&"sample-24-hour-study-room".to_owned()));
        let near = app.get("/v1/listings?near=37.5665,126.9780&radius_m=3000&sort=distance", None).await.json();
        assert!(near["items"][0]["id"].as_str().unwrap().starts_with("sample-"));
        let calls = app.get("/v1/listings?accepting_applications=true", None).await.json();
        assert_eq!(ids(&calls), ["sample-incubator-call"]);
        let widget = app.get("/embed/listings?accepting_applications=true&lang=en", None).await;
        assert_eq!(widget.status, 200);
        assert!(widget.text.contains("Sample incubator call"));
    }

    async fn sample_offices_have_hours_and_approximate_district_centres(app: TestApp) {
        let page = app.get("/v1/listings?category=real_estate&district=jung&limit=100", None).await.json();
        let offices: Vec<&Value> = page["items"].as_array().unwrap().iter().filter(|i| i["sample"] == true).collect();
        assert!(!offices.is_empty());
        for office in offices {
            assert_eq!(office["location_approximate"], true);
            assert_eq!(office["location"]["latitude"], 37.5641);
            assert_eq!(office["location"]["longitude"], 126.9979);
            assert!(office["opening_hours"].as_str().is_some_and(|h| h.starts_with("Mo-")), "{office}");
        }
    }

    async fn past_one_off_events_are_gone_and_no_category_holds_a_stranger(app: TestApp) {
        // The 2017 job fair was one day; it is out of the directory.
        let gone = app.get("/v1/listings/seoul-foreign-job-fair?lang=ja", None).await;
        assert_problem(&gone, 404, "listing_not_found");
        let careers = app.get("/v1/listings/seoul-international-organization-careers", None).await.json();
        assert_eq!(careers["category"]["code"], "contact_point");
        let cafes = app.get("/v1/listings?category=job_cafe", None).await.json();
        assert_eq!(
            ids(&cafes),
            ["pitch-study-cafe", "sample-24-hour-study-room", "seoul-job-cafes", "seoul-youth-employment-center"]
        );
        let widget = app.get("/embed/listings?category=job_cafe&lang=en", None).await.text;
        assert!(!widget.contains("Job Fair"));
    }

    async fn an_unknown_verification_date_is_null_and_stale_everywhere(app: TestApp) {
        let centre = app.get("/v1/listings/seoul-global-center", None).await.json();
        assert_eq!(centre["verified_at"], Value::Null);
        assert_eq!(centre["stale"], true);
        let dated = app.get("/v1/listings/sejong-smart-city-test-bed", None).await.json();
        assert_eq!(dated["verified_at"], "2019-07-05");
        let never = app.get("/v1/listings?verified_within=36500d&category=contact_point", None).await.json();
        assert_eq!(never["total"], 0, "no contact point has a published date");
        let widget = app.get("/embed/listings?category=contact_point&lang=zh-Hans", None).await;
        assert_eq!(widget.status, 200);
        assert!(widget.text.contains("首尔全球中心"));
        let documents = app.get("/v1/exports/listings.json", None).await.json();
        let exported = documents.as_array().unwrap().iter().find(|d| d["id"] == "seoul-global-center").unwrap();
        assert_eq!(exported["verified_at"], Value::Null, "{exported}");
        let hsds = app.get("/hsds/services?format=ndjson", None).await.text;
        let service = hsds.lines().find(|line| line.contains("\"Seoul Global Center\"")).unwrap();
        let service: Value = serde_json::from_str(service).unwrap();
        assert_eq!(service["assured_date"], Value::Null, "{service}");
        let alert = service["alert"].as_str().unwrap();
        assert!(alert.starts_with("No published document gives a date"), "{alert}");
    }

    async fn occupancy_is_not_capacity_and_windows_sit_where_applications_go(app: TestApp) {
        let office = app.get("/v1/listings/seoul-global-center-incubation-office", None).await.json();
        assert_eq!(office["capacity"], Value::Null, "13 teams were resident: occupancy");
        assert!(office["summary"].as_str().unwrap().contains("13 teams were resident"));
        assert!(office["summary"].as_str().unwrap().contains("160 teams"));
        let division = app.get("/v1/listings/seoul-land-management-division", None).await.json();
        assert_eq!(division["application_window"], Value::Null);
        let districts = app.get("/v1/listings/seoul-district-brokerage-departments", None).await.json();
        assert_eq!(districts["application_window"]["opens_at"], "2018-05-24T15:00:00Z");
        assert_eq!(districts["application_window"]["closes_at"], "2018-06-29T14:59:59Z");
        let startup = app.get("/v1/listings/seoul-global-startup-center", None).await.json();
        assert!(startup["summary"].as_str().unwrap().contains("international students and immigrants"));
        assert!(startup["summary"].as_str().unwrap().contains("presentation screening 23-24 April 2018"));
    }

    async fn approximate_figures_stay_approximate_in_every_locale(app: TestApp) {
        let cases = [
            ("en", "more than 1,000 companies", "about 20 companies", "about 60 study rooms"),
            ("ja", "1,000社余り", "約20社", "約60室"),
            ("ko", "1,000여 개", "약 20개사", "약 60실"),
            ("zh-Hans", "1000余家", "约20家", "约60间"),
        ];
        for (locale, magok, startups, rooms) in cases {
            for (id, phrase) in [
                ("magok-rnd-innovation-hub", magok),
                ("seoul-global-startup-center", startups),
                ("seoul-job-cafes", rooms),
            ] {
                let body = app.get(&format!("/v1/listings/{id}?lang={locale}"), None).await.json();
                let summary = body["summary"].as_str().unwrap_or_default();
                assert!(summary.contains(phrase), "{locale} {id}: {summary}");
            }
        }
    }
}
