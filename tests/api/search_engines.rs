//! schema.org JSON-LD on a listing, checked by expanding it, and the
//! widget's `hreflang` alternates.
//!
//! The response names the remote `https://schema.org` context; tests run
//! offline, and that context is, for the terms used, `@vocab` of
//! schema.org. So expansion here follows the JSON-LD 1.1 expansion
//! algorithm for exactly that case: every term becomes a schema.org IRI,
//! `@type` values are vocabulary-relative, strings and numbers become
//! value objects, nested objects node objects, arrays sets. Anything else
//! (another `@context`, a keyword this subset does not know) fails the
//! test rather than being read loosely. (The `json-ld` crate did this
//! before; its dependencies `im` and `sized-chunks` are unmaintained and
//! unsound, and its next release needs a newer compiler.)

use serde_json::Value;

use crate::backend_tests;
use crate::helpers::{TestApp, insert_listing};
use crate::interop_fixtures::{RICH, rich_listing};

const SCHEMA: &str = "https://schema.org/";

async fn jsonld(app: &TestApp, path: &str) -> (crate::helpers::Reply, Value) {
    let reply = app
        .send(
            app.client
                .get(app.url(path))
                .header("Accept", "application/ld+json"),
        )
        .await;
    let body = reply.json();
    (reply, body)
}

/// An expanded node object: its `@id`, `@type`s and properties by IRI.
#[derive(Debug)]
struct Node {
    id: Option<String>,
    types: Vec<String>,
    properties: Vec<(String, Vec<Item>)>,
}

/// An expanded value: a value object or a node object.
#[derive(Debug)]
enum Item {
    Value(Value),
    Node(Node),
}

impl Item {
    fn as_str(&self) -> Option<&str> {
        match self {
            Item::Value(value) => value.as_str(),
            Item::Node(_) => None,
        }
    }

    fn as_node(&self) -> Option<&Node> {
        match self {
            Item::Node(node) => Some(node),
            Item::Value(_) => None,
        }
    }
}

fn vocabulary(term: &str) -> String {
    assert!(!term.starts_with('@'), "unexpected keyword {term}");
    if term.starts_with("http://") || term.starts_with("https://") {
        term.to_owned()
    } else {
        format!("{SCHEMA}{term}")
    }
}

fn expand_node(object: &serde_json::Map<String, Value>) -> Node {
    let mut node = Node {
        id: None,
        types: Vec::new(),
        properties: Vec::new(),
    };
    for (key, value) in object {
        match key.as_str() {
            "@context" => panic!("a nested @context is outside this subset"),
            "@id" => node.id = Some(value.as_str().expect("@id is a string").to_owned()),
            "@type" => {
                let types: Vec<&Value> = match value {
                    Value::Array(items) => items.iter().collect(),
                    single => vec![single],
                };
                node.types = types
                    .into_iter()
                    .map(|t| vocabulary(t.as_str().expect("@type is a string")))
                    .collect();
            }
            term => {
                let items: Vec<&Value> = match value {
                    Value::Array(items) => items.iter().collect(),
                    single => vec![single],
                };
                let expanded = items.into_iter().filter_map(expand_item).collect();
                node.properties.push((vocabulary(term), expanded));
            }
        }
    }
    node
}

fn expand_item(value: &Value) -> Option<Item> {
    match value {
        // A null drops the value (JSON-LD 1.1, expansion step 13.4.7).
        Value::Null => None,
        Value::Object(object) => Some(Item::Node(expand_node(object))),
        Value::Array(_) => panic!("nested lists are outside this subset"),
        scalar => Some(Item::Value(scalar.clone())),
    }
}

/// The document expanded offline: its one top-level node.
fn expand(document: Value) -> Node {
    let object = document.as_object().expect("a JSON-LD object");
    assert_eq!(object["@context"], "https://schema.org");
    let mut object = object.clone();
    object.remove("@context");
    expand_node(&object)
}

fn property<'a>(node: &'a Node, name: &str) -> Vec<&'a Item> {
    let iri = format!("{SCHEMA}{name}");
    node.properties
        .iter()
        .filter(|(key, _)| *key == iri)
        .flat_map(|(_, items)| items)
        .collect()
}

fn text<'a>(node: &'a Node, name: &str) -> Vec<&'a str> {
    property(node, name)
        .into_iter()
        .filter_map(Item::as_str)
        .collect()
}

fn child<'a>(node: &'a Node, name: &str) -> &'a Node {
    property(node, name)
        .first()
        .and_then(|o| o.as_node())
        .unwrap_or_else(|| panic!("{name} is a node"))
}

fn types(node: &Node) -> Vec<String> {
    node.types.clone()
}

backend_tests! {
    async fn a_listing_is_schema_org_json_ld_in_the_requested_locale(app: TestApp) {
        app.change_data(insert_listing(rich_listing())).await;
        let (reply, document) = jsonld(&app, &format!("/v1/listings/{RICH}?lang=ja")).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "application/ld+json");
        assert!(reply.header("vary").contains("Accept"));
        let node = expand(document);
        assert_eq!(node.id.as_deref(), Some(app.url(&format!("/v1/listings/{RICH}")).as_str()));
        assert_eq!(types(&node), [format!("{SCHEMA}GovernmentOffice")]);
        assert_eq!(text(&node, "name"), ["リッチ窓口"]);
        assert_eq!(text(&node, "inLanguage"), ["ja"]);
        assert_eq!(text(&node, "telephone"), ["+82-2-0000-0000"]);
        assert_eq!(text(&node, "email"), ["desk@example.org"]);
        let address = child(&node, "address");
        assert_eq!(types(address), [format!("{SCHEMA}PostalAddress")]);
        assert_eq!(text(address, "streetAddress"), ["龍山区梨泰院路1"]);
        assert_eq!(text(address, "addressCountry"), ["KR"]);
        let geo = child(&node, "geo");
        let Item::Value(latitude) = property(geo, "latitude")[0] else { panic!("latitude is a value") };
        let latitude = latitude.as_f64().unwrap();
        assert_eq!(latitude, 37.5326);
        let contact = child(&node, "contactPoint");
        let languages: Vec<Vec<&str>> = property(contact, "availableLanguage")
            .into_iter()
            .map(|l| text(l.as_node().unwrap(), "alternateName"))
            .collect();
        assert_eq!(languages, [["en"], ["ja"]]);
        let hours: Vec<&Node> = property(&node, "openingHoursSpecification")
            .into_iter()
            .map(|o| o.as_node().unwrap())
            .collect();
        assert_eq!(hours.len(), 2);
        assert_eq!(text(hours[0], "opens"), ["09:00"]);
        assert_eq!(text(hours[0], "closes"), ["18:00"]);
        assert_eq!(property(hours[0], "dayOfWeek").len(), 5);
        assert_eq!(text(hours[1], "dayOfWeek"), [format!("{SCHEMA}Saturday").as_str()]);
    }

    async fn each_category_has_its_schema_org_type(app: TestApp) {
        for (listing, expected) in [
            ("seoul-job-cafes", vec!["CivicStructure", "Organization"]),
            ("seoul-global-startup-center", vec!["LocalBusiness"]),
            ("seoul-global-center", vec!["GovernmentOffice"]),
            ("seoul-global-real-estate-offices", vec!["RealEstateAgent"]),
        ] {
            let (_, document) = jsonld(&app, &format!("/v1/listings/{listing}?lang=ko")).await;
            let node = expand(document);
            let expected: Vec<String> = expected.iter().map(|t| format!("{SCHEMA}{t}")).collect();
            assert_eq!(types(&node), expected, "{listing}");
            assert_eq!(text(&node, "inLanguage"), ["ko"]);
        }
        // Without the header, the usual JSON view.
        let plain = app.get("/v1/listings/seoul-job-cafes", None).await;
        assert_eq!(plain.header("content-type"), "application/json");
    }

    async fn widget_pages_name_their_other_locales(app: TestApp) {
        let reply = app.get("/embed/listings?category=job_cafe&lang=ko", None).await;
        let html = &reply.text;
        let here = app.url("/embed/listings");
        for (hreflang, query) in [
            ("en", "?category=job_cafe&lang=en"),
            ("ja", "?category=job_cafe&lang=ja"),
            ("zh-Hans", "?category=job_cafe&lang=zh-Hans"),
            ("x-default", "?category=job_cafe"),
        ] {
            let link = format!("<link rel=\"alternate\" hreflang=\"{hreflang}\" href=\"{here}{}\">", query.replace('&', "&amp;"));
            assert!(html.contains(&link), "{link}\n{html}");
        }
        assert!(!html.contains("hreflang=\"ko\""), "not the page's own locale");
    }
}
