//! What translators rely on: missing listing text, the Fluent export, a
//! new locale as a folder, and live reload of edited locale files.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use foreign_resident_directory::domain::Category;
use foreign_resident_directory::i18n::listing_ftl::parse_content_resource;

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem, insert_listing, test_listing};

/// A copy of the shipped `locales/` that a test may edit.
fn locales_copy() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for folder in std::fs::read_dir(shipped).unwrap().flatten() {
        if !folder.path().is_dir() {
            continue;
        }
        let target = copy.path().join(folder.file_name());
        std::fs::create_dir(&target).unwrap();
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            std::fs::copy(file.path(), target.join(file.file_name())).unwrap();
        }
    }
    copy
}

async fn add_untranslated_listings(app: &TestApp) {
    let mut with_summary = test_listing("zz-summary", Category::JobCafe, "Summary place");
    if let Some(text) = with_summary.texts.get_mut("en") {
        text.summary = Some("Helps { everyone }".into());
    }
    app.change_data(insert_listing(with_summary)).await;
    let name_only = test_listing("zz-name-only", Category::JobCafe, "Name only place");
    app.change_data(insert_listing(name_only)).await;
}

fn job_cafe_name(body: &serde_json::Value) -> String {
    body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|c| c["code"] == "job_cafe"))
        .and_then(|c| c["name"].as_str())
        .unwrap_or_default()
        .to_owned()
}

backend_tests! {
    async fn missing_listing_text_is_listed_with_its_english_source_and_paged(app: TestApp) {
        add_untranslated_listings(&app).await;
        let first = app.get("/v1/translations/missing?locale=ja&limit=2", None).await.json();
        assert_eq!(first["total"], 3);
        assert_eq!(first["items"][0], serde_json::json!({
            "listing_id": "zz-name-only", "field": "name", "message_id": "listing-zz-name-only-name",
            "source": "Name only place", "source_locale": "en",
        }));
        assert_eq!(first["items"][1]["message_id"], "listing-zz-summary-name");
        let cursor = first["next_cursor"].as_str().unwrap();
        let second = app.get(&format!("/v1/translations/missing?locale=ja&limit=2&cursor={cursor}"), None).await.json();
        assert_eq!(second["items"].as_array().unwrap().len(), 1);
        assert_eq!(second["items"][0]["source"], "Helps { everyone }");
        assert_eq!(second["next_cursor"], serde_json::Value::Null);
        let english = app.get("/v1/translations/missing?locale=en", None).await.json();
        assert_eq!(english["total"], 0);

        let unknown = app.get("/v1/translations/missing?locale=xx", Some("ja")).await;
        let problem = assert_problem(&unknown, 400, "invalid_parameter");
        assert_eq!(problem["parameter"], "locale");
        assert_eq!(problem["detail"], "「xx」は「locale」の値として登録されていません。");

        let locales = app.get("/v1/locales", None).await.json();
        assert_eq!(locales["items"][0]["listings_lacking_text"], 0);
        assert_eq!(locales["items"][1]["listings_lacking_text"], 2);
        assert_eq!(locales["items"][1]["listings_lacking_text_label"], "2 listings lack text");
    }

    async fn listing_text_is_exported_as_fluent_that_parses_back(app: TestApp) {
        add_untranslated_listings(&app).await;
        let ja = app.get("/v1/translations/ja.ftl", None).await;
        assert_eq!(ja.status, 200);
        assert!(ja.header("content-type").starts_with("text/plain"));
        assert!(ja.text.contains("# en: Helps { everyone }\n# listing-zz-summary-summary =\n"), "{}", ja.text);
        assert!(ja.text.contains("# en: Seoul Global Center\nlisting-seoul-global-center-name = "), "{}", ja.text);
        let changes = parse_content_resource("ja.ftl", &ja.text).unwrap();
        assert!(changes.iter().all(|c| !c.listing.as_str().starts_with("zz-")));
        let en = app.get("/v1/translations/en.ftl", None).await;
        assert!(en.text.contains("listing-zz-summary-summary = Helps {\"{\"} everyone {\"}\"}\n"), "{}", en.text);
        let unknown = app.get("/v1/translations/xx.ftl", None).await;
        assert_problem(&unknown, 400, "invalid_parameter");
    }
}

#[tokio::test]
async fn a_new_locale_folder_is_negotiable_and_falls_back_to_english() {
    let locales = locales_copy();
    let vi = locales.path().join("vi");
    std::fs::create_dir(&vi).unwrap();
    std::fs::write(
        vi.join("directory.ftl"),
        "locale-name = Tiếng Việt\ncategory-job_cafe = Quán cà phê việc làm\n",
    )
    .unwrap();
    let dir = locales.path().to_owned();
    let app = TestApp::spawn_sqlite_with(|s| s.locales_dir = Some(dir)).await;

    let reply = app.get("/v1/categories", Some("vi-VN, en;q=0.5")).await;
    assert_eq!(reply.header("content-language"), "vi");
    let body = reply.json();
    assert_eq!(job_cafe_name(&body), "Quán cà phê việc làm");
    assert_eq!(body["items"][0]["name"], "Global real-estate office");
    assert_eq!(body["items"][0]["listing_count_label"], "224 listings");
    let by_param = app.get("/v1/cities?lang=vi", None).await;
    assert_eq!(by_param.header("content-language"), "vi");
    assert_eq!(by_param.json()["items"][0]["name"], "Seoul");

    let listed = app.get("/v1/locales", None).await.json();
    let vi = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["code"] == "vi")
        .unwrap();
    assert_eq!(vi["name"], "Tiếng Việt");
    assert_eq!(vi["messages_translated"], 2);
    assert!(vi["completeness"].as_f64().unwrap() < 5.0, "{vi}");
}

#[tokio::test]
async fn an_edit_is_served_within_a_second_and_a_broken_one_is_refused() {
    let locales = locales_copy();
    let dir = locales.path().to_owned();
    let app = Arc::new(
        TestApp::spawn_sqlite_with(|s| {
            s.locales_dir = Some(dir);
            s.locales_reload_ms = 250;
        })
        .await,
    );
    let path = "/v1/categories?lang=ja";
    assert_eq!(
        job_cafe_name(&app.get(path, None).await.json()),
        "雇用カフェ"
    );

    // Readers hammer the service for the whole test; none may fail.
    let stop = Arc::new(AtomicBool::new(false));
    let (served, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (app, stop, served, failed) =
                (app.clone(), stop.clone(), served.clone(), failed.clone());
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let reply = app.get(path, None).await;
                    let counter = if reply.status == 200 {
                        &served
                    } else {
                        &failed
                    };
                    counter.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();

    let file = locales.path().join("ja/directory.ftl");
    let original = std::fs::read_to_string(&file).unwrap();
    let edited = original.replace(
        "category-job_cafe = 雇用カフェ",
        "category-job_cafe = ジョブカフェ",
    );
    let saved = Instant::now();
    std::fs::write(&file, &edited).unwrap();
    while job_cafe_name(&app.get(path, None).await.json()) != "ジョブカフェ" {
        assert!(
            saved.elapsed() < Duration::from_secs(1),
            "the edit was not served within a second"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    eprintln!("edit served after {:?}", saved.elapsed());

    // A syntax error on line 9: refused, the last good text stays.
    let broken = edited.replace(
        "category-job_cafe = ジョブカフェ",
        "category-job_cafe = { ジョブ",
    );
    std::fs::write(&file, broken).unwrap();
    let rejected = wait_for_rejection(&app, None).await;
    let errors = rejected["errors"].as_array().unwrap();
    assert!(
        errors
            .iter()
            .any(|e| e.as_str().unwrap().contains("ja/directory.ftl:9:")),
        "{rejected}"
    );
    assert_eq!(
        job_cafe_name(&app.get(path, None).await.json()),
        "ジョブカフェ"
    );

    // Losing a message the code uses is refused too.
    std::fs::write(
        &file,
        edited.replace("category-job_cafe = ジョブカフェ\n", ""),
    )
    .unwrap();
    let lost = wait_for_rejection(&app, Some(&rejected["at"])).await;
    assert!(
        lost["errors"][0]
            .as_str()
            .unwrap()
            .contains("`category-job_cafe` is used by the code"),
        "{lost}"
    );
    assert_eq!(
        job_cafe_name(&app.get(path, None).await.json()),
        "ジョブカフェ"
    );

    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.await.unwrap();
    }
    assert_eq!(failed.load(Ordering::Relaxed), 0);
    assert!(served.load(Ordering::Relaxed) > 10);
}

#[tokio::test]
async fn a_reload_reaches_a_listing_already_in_the_response_cache() {
    let locales = locales_copy();
    let dir = locales.path().to_owned();
    let app = TestApp::spawn_sqlite_with(|s| {
        s.locales_dir = Some(dir);
        s.locales_reload_ms = 100;
    })
    .await;
    let path = "/v1/listings/seoul-job-cafes?lang=ja";
    let label = |body: serde_json::Value| body["category"]["name"].as_str().unwrap().to_owned();
    // Twice: the second answer comes from the response cache.
    assert_eq!(label(app.get(path, None).await.json()), "雇用カフェ");
    assert_eq!(label(app.get(path, None).await.json()), "雇用カフェ");

    let file = locales.path().join("ja/directory.ftl");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        original.replace(
            "category-job_cafe = 雇用カフェ",
            "category-job_cafe = ジョブカフェ",
        ),
    )
    .unwrap();
    let saved = Instant::now();
    while label(app.get(path, None).await.json()) != "ジョブカフェ" {
        assert!(
            saved.elapsed() < Duration::from_secs(2),
            "the cached listing kept the old text"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The `last_rejected_reload` of `/v1/locales` once it is newer than `after`.
async fn wait_for_rejection(app: &TestApp, after: Option<&serde_json::Value>) -> serde_json::Value {
    let started = Instant::now();
    loop {
        let rejected = app.get("/v1/locales", None).await.json()["last_rejected_reload"].clone();
        if !rejected.is_null() && Some(&rejected["at"]) != after {
            return rejected;
        }
        assert!(
            started.elapsed() < Duration::from_secs(3),
            "no rejection reported"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
