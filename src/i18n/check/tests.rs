use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `locale file:line:col kind id` for each finding, file relative to the tree.
fn summary(report: &Report, root: &Path) -> Vec<String> {
    report
        .findings
        .iter()
        .map(|f| {
            let path = f.path.strip_prefix(root).unwrap_or(&f.path).display();
            let kind = serde_json::to_value(f.kind).unwrap();
            let id = f.id.as_deref().unwrap_or("-");
            format!(
                "{} {path}:{}:{} {} {id}",
                f.locale,
                f.line,
                f.column,
                kind.as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn every_kind_of_finding_is_located_in_the_broken_tree() {
    let root = fixture("locales-broken");
    let report = check_dir(&root).unwrap();
    let found = summary(&report, &root);
    let expected = [
        "ja en/main.ftl:12:1 missing only-en",
        "ko en/main.ftl:2:1 missing -brand",
        "ko en/main.ftl:9:1 missing welcome",
        "ko en/main.ftl:10:1 missing button",
        "ko en/main.ftl:12:1 missing only-en",
        "ja ja/main.ftl:3:17 unknown-variable hello",
        "ja ja/main.ftl:3:1 unused-variable hello",
        "ja ja/main.ftl:5:13 unknown-reference welcome",
        "ja ja/main.ftl:5:13 reference-mismatch welcome",
        "ja ja/main.ftl:5:1 reference-mismatch welcome",
        "ja ja/main.ftl:7:5 obsolete-attribute button",
        "ja ja/main.ftl:6:1 missing-attribute button",
        "ja ja/main.ftl:8:1 obsolete old-message",
        "ja ja/main.ftl:9:15 syntax -",
        "ko ko/main.ftl:2:1 duplicate hello",
        "ko ko/main.ftl:4:7 unknown-variable count",
        "ko ko/main.ftl:4:7 selector-mismatch count",
        "not!a-tag not!a-tag:1:1 invalid-locale -",
    ];
    for line in expected {
        assert!(
            found.iter().any(|f| f == line),
            "{line} not found in:\n{}",
            found.join("\n")
        );
    }
    // Nothing else: the count selector `ja` dropped is not a finding.
    assert_eq!(found.len(), expected.len(), "{}", found.join("\n"));
    assert!(report.has_errors());
    assert_eq!(report.count(Severity::Error), 7);
}

#[test]
fn the_completeness_table_counts_source_messages_only() {
    let report = check_dir(&fixture("locales-broken")).unwrap();
    let rows: Vec<(&str, usize, usize, f64)> = report
        .completeness
        .iter()
        .map(|r| (r.locale.as_str(), r.translated, r.total, r.percent))
        .collect();
    // Five messages in `en` (the term `-brand` is not counted).
    assert_eq!(
        rows,
        [("en", 5, 5, 100.0), ("ja", 4, 5, 80.0), ("ko", 2, 5, 40.0)]
    );
    let text = report.to_text();
    let ja = text.lines().find(|l| l.starts_with("ja ")).unwrap();
    assert_eq!(
        ja.split_whitespace().collect::<Vec<_>>(),
        ["ja", "4/5", "80.0%"]
    );
    assert!(text.contains("7 error(s), 11 warning(s)"), "{text}");
}

#[test]
fn the_json_report_carries_every_finding_and_the_totals() {
    let report = check_dir(&fixture("locales-broken")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    assert_eq!(json["errors"], 7);
    assert_eq!(json["warnings"], 11);
    let syntax = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "syntax")
        .unwrap();
    assert_eq!(syntax["severity"], "error");
    assert_eq!(syntax["line"], 9);
    assert!(syntax["path"].as_str().unwrap().ends_with("ja/main.ftl"));
}

#[test]
fn a_clean_tree_has_no_findings() {
    let report = check_dir(&fixture("locales-good")).unwrap();
    assert!(report.findings.is_empty(), "{}", report.to_text());
    assert_eq!(report.completeness[1].percent, 100.0);
}

#[test]
fn the_shipped_locales_have_no_errors() {
    let report = check_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
    assert!(!report.has_errors(), "{}", report.to_text());
}

#[test]
fn a_tree_without_the_source_locale_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ja")).unwrap();
    let report = check_dir(dir.path()).unwrap();
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].kind, Kind::MissingSource);
}

#[test]
fn variables_named_in_the_source_comment_are_optional_forms() {
    let dir = tempfile::tempdir().unwrap();
    for (tag, text) in [
        (
            "en",
            "# $h: hour, $hh: two-digit hour.\ntime = { $hh }:00\n",
        ),
        ("ja", "time = { $h }時\n"),
    ] {
        std::fs::create_dir(dir.path().join(tag)).unwrap();
        std::fs::write(dir.path().join(tag).join("main.ftl"), text).unwrap();
    }
    let report = check_dir(dir.path()).unwrap();
    assert!(report.findings.is_empty(), "{}", report.to_text());
}

#[test]
fn a_native_readers_corrections_are_found_and_a_broken_glossary_is_an_error() {
    let root = fixture("locales-style");
    let report = check_dir(&root).unwrap();
    let found = summary(&report, &root);
    let expected = [
        "ja ja/main.ftl:1:1 glossary category-incubator",
        "ja ja/main.ftl:1:22 glossary category-incubator",
        "ja ja/main.ftl:2:25 glossary not-found",
        "ja ja/main.ftl:2:37 punctuation not-found",
        "ja ja/main.ftl:2:42 punctuation not-found",
        "ja ja/main.ftl:3:18 punctuation range",
        "ko ko/glossary.toml:1:1 invalid-glossary -",
        "ko ko/main.ftl:5:29 particle field-required",
        "zh-Hans zh-Hans/main.ftl:4:15 punctuation separator",
    ];
    assert_eq!(found, expected, "\n{}", found.join("\n"));
    assert!(
        report.has_errors(),
        "an unreadable glossary fails the check"
    );
}
