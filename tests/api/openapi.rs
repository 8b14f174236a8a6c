//! The OpenAPI document: served, committed, and in step with the code.

use crate::helpers::TestApp;

const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi/openapi.json");

/// Fails when the code's document differs from `openapi/openapi.json`.
/// Regenerate with `UPDATE_OPENAPI=1 cargo test openapi`.
#[test]
fn the_committed_document_matches_the_code() {
    let generated = foreign_resident_directory::api::openapi_document()
        .to_pretty_json()
        .unwrap()
        + "\n";
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::write(COMMITTED, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `UPDATE_OPENAPI=1 cargo test openapi` and commit it"
    );
}

#[test]
fn every_operation_is_documented_with_an_id_tag_and_error_responses() {
    let document =
        serde_json::to_value(foreign_resident_directory::api::openapi_document()).unwrap();
    let paths = document["paths"].as_object().unwrap();
    for expected in [
        "/v1/listings",
        "/v1/listings/{id}",
        "/v1/categories",
        "/v1/cities",
        "/v1/cities/{city}/districts",
        "/v1/locales",
        "/v1/translations/missing",
        "/v1/translations/{locale}.ftl",
        "/healthz",
        "/readyz",
        "/embed/listings",
    ] {
        let operation = &paths[expected]["get"];
        assert!(operation["operationId"].is_string(), "{expected}");
        assert!(operation["tags"].is_array(), "{expected}");
    }
    assert_eq!(paths["/v1/listings"]["get"]["operationId"], "list_listings");
    let widget = &paths["/embed/listings"]["get"];
    assert!(
        widget["responses"]["200"]["content"]["text/html"].is_object(),
        "{widget}"
    );
    let params: Vec<&str> = widget["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "category", "city", "district", "language", "limit", "cursor", "theme", "accent", "lang",
    ] {
        assert!(params.contains(&name), "{name}: {params:?}");
    }
}

#[tokio::test]
async fn the_served_document_and_the_offline_swagger_ui_work() {
    let app = TestApp::spawn_sqlite().await;
    let served = app.get("/openapi.json", None).await;
    assert_eq!(served.status, 200);
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(COMMITTED).unwrap()).unwrap();
    assert_eq!(served.json(), committed);

    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let docs = no_redirects.get(app.url("/docs")).send().await.unwrap();
    assert!(docs.status().is_redirection());
    assert_eq!(docs.headers()["location"], "/docs/");

    let page = app.get("/docs/", None).await;
    assert_eq!(page.status, 200);
    assert!(page.text.contains("swagger-ui"), "{}", page.text);
    // The assets are vendored into the binary: nothing is fetched from a CDN.
    assert!(!page.text.contains("https://"), "{}", page.text);
    let bundle = app.get("/docs/swagger-ui-bundle.js", None).await;
    assert_eq!(bundle.status, 200);
    let initializer = app.get("/docs/swagger-initializer.js", None).await;
    assert!(
        initializer.text.contains("/openapi.json"),
        "{}",
        initializer.text
    );
}

#[test]
fn read_parameters_state_their_types_bounds_and_sets() {
    let document =
        serde_json::to_value(foreign_resident_directory::api::openapi_document()).unwrap();
    let schema = |path: &str, name: &str| -> serde_json::Value {
        document["paths"][path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("{path} has no {name}"))["schema"]
            .clone()
    };
    let limit = schema("/v1/listings", "limit");
    assert_eq!(
        (&limit["type"], &limit["minimum"], &limit["maximum"]),
        (&"integer".into(), &1.into(), &100.into())
    );
    assert_eq!(schema("/v1/listings", "open_now")["type"], "boolean");
    assert_eq!(schema("/v1/listings", "open_at")["format"], "date-time");
    assert_eq!(
        schema("/v1/listings", "format")["enum"],
        serde_json::json!(["json", "geojson"])
    );
    assert_eq!(
        schema("/embed/listings", "category")["enum"],
        serde_json::json!(["real_estate", "job_cafe", "incubator", "contact_point"])
    );
    assert_eq!(
        schema("/embed/listings", "theme")["enum"],
        serde_json::json!(["light", "dark"])
    );
    assert!(schema("/v1/listings", "near")["pattern"].is_string());
    assert_eq!(schema("/v1/changes", "limit")["maximum"], 1000);
    assert_eq!(schema("/hsds/services", "per_page")["maximum"], 1000);
    assert_eq!(schema("/hsds/services", "minimal")["type"], "boolean");
    assert_eq!(
        schema("/hsds/service_at_locations", "postcode")["maxLength"],
        0
    );
    for path in ["/v1/listings", "/v1/listings/{id}", "/hsds/services"] {
        let responses = &document["paths"][path]["get"]["responses"];
        assert!(responses["304"].is_object(), "{path}");
    }
    // The single listing is served from memory: no 503 to document.
    let one = &document["paths"]["/v1/listings/{id}"]["get"]["responses"];
    assert!(one["503"].is_null() && one["200"]["content"]["application/ld+json"].is_object());
}

/// What the layers in front of the handlers answer is on every operation
/// they guard: a generated client meets no undocumented status.
#[test]
fn keyed_operations_and_bodies_document_what_the_layers_answer() {
    let document =
        serde_json::to_value(foreign_resident_directory::api::openapi_document()).unwrap();
    let mut keyed = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let responses = &operation["responses"];
            let has = |status: &str| responses[status].is_object();
            if operation["security"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
            {
                keyed += 1;
                for status in ["401", "403", "429", "503"] {
                    assert!(has(status), "{method} {path}: {status}");
                }
                for status in ["429", "503"] {
                    let header = &responses[status]["headers"]["Retry-After"];
                    assert!(header.is_object(), "{method} {path}: {status} Retry-After");
                }
            }
            if operation["requestBody"].is_object() {
                for status in ["400", "413", "415", "503"] {
                    assert!(has(status), "{method} {path}: {status}");
                }
            }
        }
    }
    assert!(keyed >= 12, "{keyed} keyed operations");
}

/// The write bodies say their closed sets, bounds and required members,
/// so that a generated client builds valid requests.
#[test]
fn write_bodies_state_their_types_bounds_and_sets() {
    let document =
        serde_json::to_value(foreign_resident_directory::api::openapi_document()).unwrap();
    let schemas = &document["components"]["schemas"];
    let listing = &schemas["ListingDocument"];
    assert_eq!(
        listing["required"],
        serde_json::json!(["id", "category", "city", "texts"])
    );
    let properties = &listing["properties"];
    assert_eq!(properties["category"]["enum"][3], "contact_point");
    assert!(properties["id"]["pattern"].is_string());
    assert_eq!(properties["min_age"]["maximum"], 150);
    assert_eq!(properties["application_opens_at"]["format"], "date-time");
    assert_eq!(properties["verified_at"]["format"], "date");
    assert!(
        properties["phone"]["pattern"].is_string() && properties["email"]["pattern"].is_string()
    );
    assert_eq!(properties["texts"]["required"], serde_json::json!(["en"]));
    assert_eq!(
        schemas["TextDocument"]["properties"]["name"]["maxLength"],
        300
    );

    // A merge patch: every member optional and nullable, nothing else.
    let patch = &schemas["ListingPatch"];
    assert!(patch["required"].is_null());
    assert_eq!(patch["additionalProperties"], false);
    assert_eq!(
        patch["properties"]["category"]["enum"][4],
        serde_json::Value::Null
    );
    let enum_of = |schema: &serde_json::Value| -> Vec<String> {
        let values = schema["enum"]
            .as_array()
            .or_else(|| schema["oneOf"][0]["enum"].as_array());
        values
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        enum_of(&schemas["NewKeyRequest"]["properties"]["role"]),
        ["admin", "editor", "translator"]
    );
    assert_eq!(
        enum_of(&schemas["ResolutionBody"]["properties"]["resolution"]),
        ["fixed", "rejected"]
    );
    assert_eq!(
        enum_of(&schemas["ReportBody"]["properties"]["kind"]).len(),
        5
    );
    assert_eq!(
        schemas["ReportBody"]["required"],
        serde_json::json!(["kind", "message"])
    );
}

/// Where the document says an empty query value is allowed, the route
/// answers a request with every such value empty as if they were absent.
#[tokio::test]
async fn every_parameter_documented_as_allowing_an_empty_value_accepts_one() {
    let app = TestApp::spawn_sqlite().await;
    let document = app.get("/openapi.json", None).await.json();
    let mut checked = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        let Some(parameters) = item["get"]["parameters"].as_array() else {
            continue;
        };
        let empty: Vec<String> = parameters
            .iter()
            .filter(|p| p["allowEmptyValue"] == true)
            .map(|p| format!("{}=", p["name"].as_str().unwrap()))
            .collect();
        if empty.is_empty() || path.contains('{') {
            continue;
        }
        let reply = app.get(&format!("{path}?{}", empty.join("&")), None).await;
        assert_eq!(reply.status, 200, "{path}: {}", reply.text);
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} routes checked");
}

/// A malformed value's problem shows the same example as the document.
#[test]
fn problem_examples_are_the_documents_examples() {
    let document =
        serde_json::to_value(foreign_resident_directory::api::openapi_document()).unwrap();
    let parameters = document["paths"]["/v1/listings"]["get"]["parameters"]
        .as_array()
        .unwrap();
    for name in ["near", "bbox", "open_at", "verified_within"] {
        let (_, example) = foreign_resident_directory::domain::expected_form(name).unwrap();
        let documented = parameters.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(documented["example"], example, "{name}");
    }
}
