use std::collections::BTreeMap;

use super::*;
use crate::domain::ListingText;

fn listing(id: &str, texts: &[(&str, &str, Option<&str>)]) -> Listing {
    let mut listing = crate::seed::demo_data(chrono::Utc::now())
        .listings
        .remove(0);
    listing.id = ListingId::parse(id).unwrap();
    listing.texts = texts
        .iter()
        .map(|(locale, name, summary)| {
            let text = ListingText {
                name: (*name).into(),
                address: None,
                summary: summary.map(Into::into),
                eligibility: None,
            };
            ((*locale).to_owned(), text)
        })
        .collect::<BTreeMap<_, _>>();
    listing
}

#[test]
fn an_export_parses_back_into_the_same_texts() {
    let tricky =
        "Line one with {braces}\n[not a variant]\n*not default\n.not attribute\n  indented";
    let listings = [
        listing(
            "a-place",
            &[
                ("en", "A place", Some("English")),
                ("ja", "場所", Some(tricky)),
            ],
        ),
        listing("b-place", &[("en", "B place", Some("Only English"))]),
    ];
    let exported = export_resource("ja", &listings);
    assert!(
        exported.contains("# en: A place\nlisting-a-place-name = 場所\n"),
        "{exported}"
    );
    assert!(
        exported.contains("# en: Only English\n# listing-b-place-summary =\n"),
        "{exported}"
    );
    let changes =
        parse_content_resource("ja.ftl", &exported).unwrap_or_else(|e| panic!("{e:?}\n{exported}"));
    let summary = |id: &str| ListingId::parse(id).unwrap();
    assert_eq!(
        changes,
        [
            ContentChange {
                listing: summary("a-place"),
                field: TextField::Name,
                text: "場所".into()
            },
            ContentChange {
                listing: summary("a-place"),
                field: TextField::Summary,
                text: tricky.into()
            },
        ]
    );
}

#[test]
fn the_source_export_has_no_english_comments() {
    let listings = [listing("a-place", &[("en", "A place", None)])];
    let exported = export_resource("en", &listings);
    assert!(
        exported.contains("\n## a-place\n\nlisting-a-place-name = A place\n"),
        "{exported}"
    );
    assert!(!exported.contains("# en:"));
}

#[test]
fn every_problem_of_an_upload_is_reported_with_its_line() {
    let upload = "\
# comment
listing-a-place-name = ok
listing-a-place-colour = red
listing-Bad_Id-name = x
listing-a-place-summary = Hello { $name }
listing-a-place-name = twice
-term = no
listing-a-place-address = { ]
listing-a-place-eligibility = fine
    .title = no attributes
";
    let errors = parse_content_resource("ja.ftl", upload).unwrap_err();
    let lines: Vec<String> = errors
        .iter()
        .map(|e| format!("{}:{}", e.line, e.message))
        .collect();
    let at = |line: usize, text: &str| {
        assert!(
            errors
                .iter()
                .any(|e| e.line == line && e.message.contains(text)),
            "{line} {text}: {lines:#?}"
        );
    };
    at(3, "is not `listing-<id>-<field>`");
    at(4, "is not `listing-<id>-<field>`");
    at(5, "cannot hold variables");
    at(6, "appears twice");
    at(7, "term `-term`");
    at(8, "syntax error");
    at(9, "no attributes");
    assert_eq!(errors.len(), 7, "{lines:#?}");
    assert_eq!(
        errors[0].to_string(),
        format!("ja.ftl:3:1: {}", errors[0].message)
    );
}
