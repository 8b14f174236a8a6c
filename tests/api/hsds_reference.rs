//! `/hsds` against Open Referral's API reference: every path of the
//! official `openapi.json` answers, and every parameter it lists does what
//! the reference says or is refused with a localized 400.

use foreign_resident_directory::api::hsds::ids::{self, Kind};
use foreign_resident_directory::domain::Category;
use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem};
use crate::interop_fixtures::assert_hsds_valid;

const REFERENCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/hsds-3.0/schema/openapi.json"
);

fn contents(page: &Value) -> &Vec<Value> {
    page["contents"].as_array().unwrap()
}

fn keys(record: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = record
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    keys
}

/// The first service at location (a sample office with coordinates).
async fn a_place(app: &TestApp) -> Value {
    let page = app
        .get("/hsds/service_at_locations?per_page=1", None)
        .await
        .json();
    contents(&page)[0].clone()
}

fn ndjson(text: &str) -> Vec<Value> {
    text.lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

backend_tests! {
    async fn every_path_of_the_official_reference_answers(app: TestApp) {
        let reference: Value = serde_json::from_str(&std::fs::read_to_string(REFERENCE).unwrap()).unwrap();
        let place = a_place(&app).await;
        for template in reference["paths"].as_object().unwrap().keys() {
            let path = template
                .replace("/services/{id}", &format!("/services/{}", ids::of(Kind::Service, "seoul-job-cafes", None)))
                .replace("/organizations/{id}", &format!("/organizations/{}", ids::of(Kind::Organization, "seoul-job-cafes", None)))
                .replace("/service_at_locations/{id}", &format!("/service_at_locations/{}", place["id"].as_str().unwrap()))
                .replace("/taxonomies/{id}", &format!("/taxonomies/{}", ids::taxonomy()))
                .replace("/taxonomy_terms/{id}", &format!("/taxonomy_terms/{}", ids::term(Category::JobCafe)));
            let reply = app.get(&format!("/hsds{path}"), None).await;
            assert_eq!(reply.status, 200, "{template}: {}", reply.text);
            assert!(reply.json().is_object(), "{template}");
        }
    }

    async fn a_service_at_location_is_fully_nested_and_valid_under_both_schemas(app: TestApp) {
        let place = a_place(&app).await;
        let full = app
            .get(&format!("/hsds/service_at_locations/{}?lang=ko", place["id"].as_str().unwrap()), None)
            .await
            .json();
        // The reference gives this path the service schema; HSDS means a
        // service at location. The record is both.
        assert_hsds_valid("service_at_location.json", &full);
        assert_hsds_valid("service.json", &full);
        assert_eq!(full["service"]["id"], place["service_id"]);
        assert!(full["service"]["phones"].is_array(), "{full:#}");
        assert_eq!(full["name"], full["service"]["name"]);
        let term = app.get(&format!("/hsds/taxonomy_terms/{}", ids::term(Category::Incubator)), None).await.json();
        assert_eq!(term["code"], "incubator");
        let missing = app.get(&format!("/hsds/taxonomies/{}", ids::term(Category::Incubator)), None).await;
        assert_problem(&missing, 404, "route_not_found");
        let nowhere = app.get(&format!("/hsds/service_at_locations/{}", ids::of(Kind::Service, "seoul-job-cafes", None)), None).await;
        assert_problem(&nowhere, 404, "listing_not_found");
    }

    async fn minimal_full_and_full_service_shape_the_records(app: TestApp) {
        let minimal = app.get("/hsds/services?minimal=true", None).await.json();
        assert_eq!((minimal["size"].as_u64(), minimal["total_pages"].as_u64()), (Some(249), Some(1)), "one call");
        for service in contents(&minimal) {
            assert_eq!(keys(service), ["id", "last_modified", "name", "status"]);
            assert_hsds_valid("service_list.json", service);
        }
        let full = app.get("/hsds/services?full=true&per_page=5", None).await.json();
        for service in contents(&full) {
            assert!(service["schedules"].is_array() && service["attributes"].is_array(), "{service:#}");
            assert_hsds_valid("service.json", service);
        }
        let both = app.get("/hsds/services?minimal=true&full=true&lang=ja", None).await;
        assert_eq!(assert_problem(&both, 400, "invalid_parameter")["parameter"], "minimal");

        let organizations = app.get("/hsds/organizations?full=true&per_page=3", None).await.json();
        for organization in contents(&organizations) {
            assert_hsds_valid("organization.json", organization);
            assert!(organization["services"][0].get("phones").is_none(), "one-to-one services");
        }
        let nested = app.get("/hsds/organizations?full_service=true&per_page=3", None).await.json();
        assert!(contents(&nested)[0]["services"][0]["phones"].is_array());
        let id = contents(&nested)[0]["id"].as_str().unwrap().to_owned();
        let plain = app.get(&format!("/hsds/organizations/{id}"), None).await.json();
        assert!(plain["services"][0].get("schedules").is_none());
        let deep = app.get(&format!("/hsds/organizations/{id}?full_service=true"), None).await.json();
        assert!(deep["services"][0]["schedules"].is_array());
        assert_hsds_valid("organization.json", &deep);

        let places = app.get("/hsds/service_at_locations?full=true&per_page=3", None).await.json();
        for place in contents(&places) {
            assert_hsds_valid("service_at_location.json", place);
            assert!(place["service"]["languages"].is_array(), "{place:#}");
        }
    }

    async fn filters_are_cumulative_and_refused_rather_than_ignored(app: TestApp) {
        let organization = ids::of(Kind::Organization, "seoul-job-cafes", None);
        let services = app.get(&format!("/hsds/services?organization_id={organization}"), None).await.json();
        assert_eq!(services["total_items"], 1);
        assert_eq!(contents(&services)[0]["listing_id"], "seoul-job-cafes");
        let other = ids::term(Category::Incubator);
        let none = app
            .get(&format!("/hsds/services?organization_id={organization}&taxonomy_term_id={other}"), None)
            .await
            .json();
        assert_eq!((none["total_items"].as_u64(), none["empty"].as_bool()), (Some(0), Some(true)));
        let gone = app
            .get(&format!("/hsds/services?organization_id={}", ids::of(Kind::Organization, "no-such-listing", None)), None)
            .await
            .json();
        assert_eq!(gone["total_items"], 0, "an organization that is not there has no services");
        let taxonomy = app.get(&format!("/hsds/services?taxonomy_id={}", ids::taxonomy()), None).await.json();
        assert_eq!(taxonomy["total_items"], 249);
        let terms = app.get(&format!("/hsds/taxonomy_terms?taxonomy_id={}&top_only=true", ids::taxonomy()), None).await.json();
        assert_eq!(terms["total_items"], 4);
        let children = app.get(&format!("/hsds/taxonomy_terms?parent_id={other}"), None).await.json();
        assert_eq!(children["total_items"], 0, "the taxonomy is flat");
        let searched = app.get("/hsds/taxonomy_terms?search=INCUB", None).await.json();
        assert_eq!(contents(&searched)[0]["code"], "incubator");
        assert_eq!(searched["total_items"], 1);
        let long = app.get(&format!("/hsds/taxonomies?search={}", "a".repeat(201)), None).await;
        assert_eq!(assert_problem(&long, 400, "invalid_parameter")["parameter"], "search");

        for (query, parameter) in [
            ("services?organization_id=not-a-uuid", "organization_id"),
            ("services?taxonomy_id=8c6e2f0e-0000-5000-8000-000000000000", "taxonomy_id"),
            ("services?minimal=maybe", "minimal"),
            ("services?full=yes", "full"),
            ("organizations?full_service=2", "full_service"),
            ("organizations?full=nope", "full"),
            ("service_at_locations?postcode=04524", "postcode"),
            ("service_at_locations?proximity=500", "proximity"),
            ("taxonomy_terms?parent_id=nope", "parent_id"),
            ("taxonomy_terms?top_only=sometimes", "top_only"),
            ("taxonomies?format=csv", "format"),
        ] {
            let reply = app.get(&format!("/hsds/{query}&lang=ko"), None).await;
            let problem = assert_problem(&reply, 400, "invalid_parameter");
            assert_eq!(problem["parameter"], parameter, "{query}");
            assert_eq!(reply.header("content-language"), "ko");
        }
    }

    async fn pages_are_cut_from_the_same_order_ndjson_streams(app: TestApp) {
        let streamed = app.get("/hsds/service_at_locations?format=ndjson", None).await;
        assert_eq!(streamed.header("content-type"), "application/x-ndjson");
        assert!(streamed.header("content-length").is_empty(), "streamed, not built whole");
        let lines = ndjson(&streamed.text);
        assert_eq!(lines.len(), 225);
        let page = app.get("/hsds/service_at_locations?per_page=10&page=3", None).await.json();
        assert_eq!(page["total_items"], 225);
        assert_eq!(contents(&page).as_slice(), &lines[20..30]);
        let past = app.get("/hsds/service_at_locations?per_page=10&page=99", None).await.json();
        assert_eq!((past["size"].as_u64(), past["last_page"].as_bool()), (Some(0), Some(true)));

        let services = ndjson(&app.get("/hsds/services?format=ndjson&minimal=true", None).await.text);
        let paged = app.get("/hsds/services?minimal=true&per_page=7&page=5", None).await.json();
        assert_eq!(contents(&paged).as_slice(), &services[28..35]);
        let terms = ndjson(&app.get("/hsds/taxonomy_terms?format=ndjson", None).await.text);
        assert_eq!(terms.len(), 4);
    }
}
