//! schema.org JSON-LD on a listing, checked by expanding it with a JSON-LD
//! processor, and the widget's `hreflang` alternates.
//!
//! The response names the remote `https://schema.org` context; tests run
//! offline, so it is swapped for the inline context that term-wise means
//! the same for the terms used (`@vocab` of schema.org) before expansion.

use json_ld::syntax::Parse;
use json_ld::{Indexed, JsonLdProcessor, Node, Object, RemoteDocument};
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

/// The document expanded offline: its one top-level node.
async fn expand(mut document: Value) -> Node {
    assert_eq!(document["@context"], "https://schema.org");
    document["@context"] = serde_json::json!({ "@vocab": SCHEMA });
    let (value, _) = json_ld::syntax::Value::parse_str(&document.to_string()).unwrap();
    let remote = RemoteDocument::new(None, Some("application/ld+json".parse().unwrap()), value);
    let expanded = remote
        .expand(&json_ld::NoLoader)
        .await
        .expect("valid JSON-LD");
    let mut nodes: Vec<Indexed<Object>> = expanded.into_iter().collect();
    assert_eq!(nodes.len(), 1);
    nodes
        .remove(0)
        .into_inner()
        .into_node()
        .expect("a node object")
}

fn property<'a>(node: &'a Node, name: &str) -> Vec<&'a Indexed<Object>> {
    let iri = format!("{SCHEMA}{name}");
    node.get(&json_ld::IriBuf::new(iri).unwrap()).collect()
}

fn text<'a>(node: &'a Node, name: &str) -> Vec<&'a str> {
    property(node, name)
        .into_iter()
        .filter_map(|o| o.as_str())
        .collect()
}

fn child<'a>(node: &'a Node, name: &str) -> &'a Node {
    property(node, name)
        .first()
        .and_then(|o| o.as_node())
        .unwrap_or_else(|| panic!("{name} is a node"))
}

fn types(node: &Node) -> Vec<String> {
    node.types().iter().map(|t| t.to_string()).collect()
}

backend_tests! {
    async fn a_listing_is_schema_org_json_ld_in_the_requested_locale(app: TestApp) {
        app.change_data(insert_listing(rich_listing())).await;
        let (reply, document) = jsonld(&app, &format!("/v1/listings/{RICH}?lang=ja")).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "application/ld+json");
        assert!(reply.header("vary").contains("Accept"));
        let node = expand(document).await;
        assert_eq!(node.id.as_ref().unwrap().to_string(), app.url(&format!("/v1/listings/{RICH}")));
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
        let latitude = property(geo, "latitude")[0].as_value().unwrap().as_number().unwrap().as_f64_lossy();
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
            let node = expand(document).await;
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
