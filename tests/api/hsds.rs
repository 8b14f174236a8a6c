//! `/hsds`: the HSDS 3.0 profile, validated against the official schemas.

use foreign_resident_directory::api::hsds::ids::{self, Kind};
use foreign_resident_directory::domain::Category;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{assert_problem, insert_listing, test_listing};
use crate::interop_fixtures::{RICH, assert_hsds_valid, rich_listing};

fn service_id(listing: &str) -> String {
    ids::of(Kind::Service, listing, None)
}

/// A sample office (they have coordinates), found through the API.
async fn sample_office(app: &crate::helpers::TestApp) -> String {
    let page = app
        .get("/v1/listings?category=real_estate&limit=5", None)
        .await
        .json();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["sample"] == true && !item["location"].is_null())
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .expect("a sample office with coordinates")
}

fn contents(page: &Value) -> &Vec<Value> {
    page["contents"].as_array().unwrap()
}

backend_tests! {
    async fn the_root_names_the_version_the_profile_and_the_document(app: TestApp) {
        let info = app.get("/hsds/", None).await.json();
        assert_eq!(info["version"], "3.0");
        assert!(info["profile"].as_str().unwrap().starts_with("https://"));
        let openapi = info["openapi_url"].as_str().unwrap();
        assert_eq!(openapi, app.url("/openapi.json"));
        let document = app.get("/openapi.json", None).await.json();
        assert!(document["paths"]["/hsds/services/{id}"].is_object());
    }

    async fn full_services_validate_against_the_official_schema(app: TestApp) {
        app.change_data(insert_listing(rich_listing())).await;
        let office = sample_office(&app).await;
        for listing in ["seoul-global-startup-center", "seoul-job-cafes", office.as_str(), RICH] {
            for lang in ["en", "ko", "zh-Hans"] {
                let reply = app
                    .get(&format!("/hsds/services/{}?lang={lang}", service_id(listing)), None)
                    .await;
                assert_eq!(reply.status, 200, "{listing}: {}", reply.text);
                assert_eq!(reply.header("content-language"), lang);
                let service = reply.json();
                assert_hsds_valid("service.json", &service);
                assert_eq!(service["listing_id"], listing);
                for place in service["service_at_locations"].as_array().unwrap() {
                    assert_hsds_valid("service_at_location.json", place);
                }
            }
        }
    }

    async fn a_listing_maps_field_by_field(app: TestApp) {
        app.change_data(insert_listing(rich_listing())).await;
        let service = app
            .get(&format!("/hsds/services/{}?lang=ja", service_id(RICH)), None)
            .await
            .json();
        assert_eq!(service["name"], "リッチ窓口");
        assert_eq!(service["status"], "active");
        assert_eq!((service["minimum_age"].as_f64(), service["maximum_age"].as_f64()), (Some(18.0), Some(39.0)));
        assert_eq!(service["stale"], false);
        assert_eq!(service["phones"][0]["number"], "+82-2-0000-0000");
        let languages: Vec<&str> = service["languages"].as_array().unwrap().iter()
            .map(|l| l["code"].as_str().unwrap()).collect();
        assert_eq!(languages, ["en", "ja"]);
        assert_eq!(service["languages"][1]["name"], "日本語");
        let schedules = service["schedules"].as_array().unwrap();
        assert_eq!(schedules.len(), 2, "{schedules:#?}");
        assert_eq!(schedules[0]["freq"], "WEEKLY");
        assert_eq!(schedules[0]["byday"], "MO,TU,WE,TH,FR");
        assert_eq!(schedules[0]["opens_at"], "09:00+09:00");
        assert_eq!(schedules[0]["closes_at"], "18:00+09:00");
        assert_eq!(schedules[1]["byday"], "SA");
        assert_eq!(schedules[0]["notes"], "Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off");
        let term = &service["attributes"][0]["taxonomy_term"];
        assert_eq!(term["code"], "contact_point");
        assert_eq!(term["id"], ids::term(Category::ContactPoint));
        let place = &service["service_at_locations"][0]["location"];
        assert_eq!(place["latitude"], 37.5326);
        assert_eq!(place["addresses"][0]["address_1"], "龍山区梨泰院路1");
        assert_eq!(place["addresses"][0]["country"], "KR");

        // A one-day event is not a weekly rule: kept in words and as published.
        let mut event = test_listing("one-day-fair", Category::JobCafe, "One-day fair");
        event.opening_hours = Some("2027 Oct 31 10:00-17:00".into());
        event.verified_at = None;
        app.change_data(insert_listing(event)).await;
        let fair = app
            .get(&format!("/hsds/services/{}", service_id("one-day-fair")), None)
            .await
            .json();
        assert_hsds_valid("service.json", &fair);
        assert_eq!(fair["schedules"][0]["notes"], "2027 Oct 31 10:00-17:00");
        assert!(fair["schedules"][0].get("freq").is_none());
        assert_eq!(fair["stale"], true);
    }

    async fn pages_validate_item_by_item_and_count_right(app: TestApp) {
        let page = app.get("/hsds/services?per_page=10&page=2", None).await.json();
        let total = page["total_items"].as_u64().unwrap();
        assert_eq!(total, 249);
        assert_eq!(page["total_pages"], 25);
        assert_eq!((page["page_number"].as_u64(), page["size"].as_u64()), (Some(2), Some(10)));
        assert_eq!((page["first_page"].as_bool(), page["last_page"].as_bool(), page["empty"].as_bool()), (Some(false), Some(false), Some(false)));
        for service in contents(&page) {
            assert_hsds_valid("service_list.json", service);
            assert!(service.get("phones").is_none(), "lists carry one-to-one fields");
        }
        let last = app.get("/hsds/services?per_page=10&page=25", None).await.json();
        assert_eq!((last["size"].as_u64(), last["last_page"].as_bool()), (Some(9), Some(true)));

        let organizations = app.get("/hsds/organizations?per_page=50&lang=ko", None).await.json();
        assert_eq!(organizations["total_items"], 249);
        for organization in contents(&organizations) {
            assert_hsds_valid("organization_list.json", organization);
        }
        let first = &contents(&organizations)[0];
        let full = app
            .get(&format!("/hsds/organizations/{}", first["id"].as_str().unwrap()), None)
            .await
            .json();
        assert_hsds_valid("organization.json", &full);

        let places = app.get("/hsds/service_at_locations?per_page=100", None).await.json();
        // The 223 sample offices have coordinates; the job fair has an address.
        assert_eq!(places["total_items"], 225);
        for place in contents(&places) {
            assert_hsds_valid("service_at_location_list.json", place);
        }

        let terms = app.get("/hsds/taxonomy_terms?lang=ja", None).await.json();
        assert_eq!(terms["total_items"], 4);
        assert_eq!(contents(&terms)[1]["name"], "雇用カフェ");
        let taxonomies = app.get("/hsds/taxonomies", None).await.json();
        assert_eq!(contents(&taxonomies)[0]["id"], ids::taxonomy());
    }

    async fn hsds_filters_select_like_the_listing_api(app: TestApp) {
        let cafes = app
            .get(&format!("/hsds/services?taxonomy_term_id={}", ids::term(Category::JobCafe)), None)
            .await
            .json();
        let listed = app.get("/v1/listings?category=job_cafe", None).await.json();
        assert_eq!(cafes["total_items"], listed["total"]);
        let found = app.get("/hsds/services?search=%EC%9D%BC%EC%9E%90%EB%A6%AC%EC%B9%B4%ED%8E%98", None).await.json();
        assert!(contents(&found).iter().any(|s| s["listing_id"] == "seoul-job-cafes"));
        let future = app.get("/hsds/services?modified_after=2999-01-01T00:00:00Z", None).await.json();
        assert_eq!((future["total_items"].as_u64(), future["empty"].as_bool()), (Some(0), Some(true)));
        let since = app.get("/hsds/services?modified_after=2000-01-01", None).await.json();
        assert_eq!(since["total_items"], 249);

        let ndjson = app.get("/hsds/services?format=ndjson", None).await;
        assert_eq!(ndjson.header("content-type"), "application/x-ndjson");
        let lines: Vec<Value> = ndjson.text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 249, "every service, unpaged");
        assert_hsds_valid("service_list.json", &lines[0]);

        for (query, parameter) in [
            ("per_page=0", "per_page"),
            ("page=x", "page"),
            ("taxonomy_term_id=nope", "taxonomy_term_id"),
            ("modified_after=yesterday", "modified_after"),
            ("format=xml", "format"),
        ] {
            let reply = app.get(&format!("/hsds/services?{query}&lang=ko"), None).await;
            let problem = assert_problem(&reply, 400, "invalid_parameter");
            assert_eq!(problem["parameter"], parameter, "{query}");
            assert_eq!(reply.header("content-language"), "ko");
        }
        let missing = app.get(&format!("/hsds/services/{}", service_id("no-such-listing")), None).await;
        assert_problem(&missing, 404, "listing_not_found");
    }
}
