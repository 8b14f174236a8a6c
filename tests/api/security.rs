//! Findings of the OWASP API review, each as the request that showed it.

use foreign_resident_directory::domain::editing::Role;
use serde_json::json;

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem};

const PLACE: &str = "/v1/listings/seoul-global-center";

backend_tests! {
    async fn a_translator_writes_only_its_own_locales(app: TestApp) {
        let japanese = app.translator_key(&["ja"]).await;
        let etag = app.get(PLACE, None).await.header("etag").to_owned();
        let korean = app.write("PUT", &format!("{PLACE}/content/ko"), Some(&japanese), Some(&etag), Some(json!({"name": "새 이름"}))).await;
        let problem = assert_problem(&korean, 403, "forbidden");
        assert_eq!(problem["detail"], "This key translates ja only; it may not change the “ko” text.");
        let patch = app.write("PATCH", PLACE, Some(&japanese), Some(&etag), Some(json!({"texts": {"zh-Hans": {"name": "新名称"}}}))).await;
        assert_problem(&patch, 403, "forbidden");
        let own = app.write("PUT", &format!("{PLACE}/content/ja"), Some(&japanese), Some(&etag), Some(json!({"name": "新しい名前"}))).await;
        assert_eq!(own.status, 200, "{}", own.text);
        assert_eq!(app.get(&format!("{PLACE}?lang=ko"), None).await.json()["name"], "서울글로벌센터");
    }

    async fn the_source_text_and_locale_removal_are_for_editors(app: TestApp) {
        let translator = app.key(Role::Translator).await;
        let etag = app.get(PLACE, None).await.header("etag").to_owned();
        let english = app.write("PATCH", PLACE, Some(&translator), Some(&etag), Some(json!({"texts": {"en": {"name": "Rewritten"}}}))).await;
        let problem = assert_problem(&english, 403, "forbidden");
        assert_eq!(problem["detail"], "The source text (“en”) is changed by editors; a translator key changes only the locales it translates.");
        let put = app.write("PUT", &format!("{PLACE}/content/en"), Some(&translator), Some(&etag), Some(json!({"name": "Rewritten"}))).await;
        assert_problem(&put, 403, "forbidden");
        let removal = app.write("PATCH", PLACE, Some(&translator), Some(&etag), Some(json!({"texts": {"ja": null}}))).await;
        let problem = assert_problem(&removal, 403, "forbidden");
        assert_eq!(problem["detail"], "Only an editor may remove a listing’s “ja” text.");
        let ftl = "listing-seoul-global-center-name = Rewritten\n";
        let import = app.send(app.client.put(app.url("/v1/translations/en.ftl")).bearer_auth(&translator).header("Content-Type", "text/plain").body(ftl)).await;
        assert_problem(&import, 403, "forbidden");
        assert_eq!(app.get(PLACE, None).await.json()["name"], "Seoul Global Center");
        assert!(app.get(&format!("{PLACE}?lang=ja"), None).await.json()["content_locale"] == "ja");

        let editor = app.key(Role::Editor).await;
        let removed = app.write("PATCH", PLACE, Some(&editor), Some(&etag), Some(json!({"texts": {"ja": null}}))).await;
        assert_eq!(removed.status, 200, "{}", removed.text);
        assert_eq!(app.get(&format!("{PLACE}?lang=ja"), None).await.json()["content_locale"], "en");
    }

    async fn translator_keys_are_made_for_named_locales(app: TestApp) {
        let admin = app.key(Role::Admin).await;
        let create = |body: serde_json::Value| app.send(app.client.post(app.url("/v1/keys")).bearer_auth(&admin).json(&body));
        let made = create(json!({"role": "translator", "name": "ja team", "locales": ["ja"]})).await;
        assert_eq!(made.status, 201, "{}", made.text);
        assert_eq!(made.json()["locales"], json!(["ja"]));
        for (body, field_code) in [
            (json!({"role": "translator", "name": "x"}), "required"),
            (json!({"role": "translator", "name": "x", "locales": ["en"]}), "source_locale"),
            (json!({"role": "translator", "name": "x", "locales": ["fr"]}), "unknown_value"),
            (json!({"role": "editor", "name": "x", "locales": ["ja"]}), "not_allowed"),
        ] {
            let refused = create(body.clone()).await;
            let problem = assert_problem(&refused, 422, "validation_failed");
            assert_eq!(problem["errors"][0]["field"], "locales", "{body}");
            assert_eq!(problem["errors"][0]["code"], field_code, "{body}");
        }
        let listed = app.send(app.client.get(app.url("/v1/keys")).bearer_auth(&admin)).await.json();
        let ja_team = listed["items"].as_array().unwrap().iter().find(|k| k["name"] == "ja team").unwrap();
        assert_eq!(ja_team["locales"], json!(["ja"]));
    }

    async fn formulas_in_listing_text_are_defused_in_the_csv_export(app: TestApp) {
        let translator = app.key(Role::Translator).await;
        let etag = app.get(PLACE, None).await.header("etag").to_owned();
        let payloads = ["=HYPERLINK(\"http://evil.example\",\"open\")", "@SUM(A1)|cmd"];
        let text = json!({"name": payloads[0], "summary": payloads[1]});
        let put = app.write("PUT", &format!("{PLACE}/content/ja"), Some(&translator), Some(&etag), Some(text)).await;
        assert_eq!(put.status, 200, "{}", put.text);

        let export = app.get("/v1/exports/listings.csv", None).await;
        let mut reader = csv::Reader::from_reader(export.text.as_bytes());
        let header = reader.headers().unwrap().clone();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let mut found = false;
        for record in reader.records() {
            let record = record.unwrap();
            for cell in record.iter() {
                assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula cell: {cell:?}");
            }
            if &record[column("id")] == "seoul-global-center" {
                assert_eq!(&record[column("name_ja")], format!("'{}", payloads[0]));
                assert_eq!(&record[column("summary_ja")], format!("'{}", payloads[1]));
                found = true;
            }
        }
        assert!(found);

        let editor = app.key(Role::Editor).await;
        let reimport = app.send(app.client.post(app.url("/v1/imports")).bearer_auth(&editor).header("Content-Type", "text/csv").body(export.text.clone())).await;
        assert_eq!(reimport.status, 200, "{}", reimport.text);
        assert_eq!(reimport.json()["updated"], 0, "the export imports back unchanged: {}", reimport.text);
        assert_eq!(app.get(&format!("{PLACE}?lang=ja"), None).await.json()["name"], payloads[0]);
    }
}

backend_tests! {
    async fn a_key_stored_as_argon2_works_once_and_is_then_stored_as_a_digest(app: TestApp) {
        use argon2::password_hash::{PasswordHasher, SaltString, rand_core::OsRng};
        use diesel::prelude::*;
        use foreign_resident_directory::db::schema::api_keys;

        let key = "dir_0123abcd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_owned();
        let legacy = argon2::Argon2::default()
            .hash_password(key.as_bytes(), &SaltString::generate(&mut OsRng))
            .unwrap()
            .to_string();
        let stored = legacy.clone();
        app.state.db.run(move |conn| {
            diesel::insert_into(api_keys::table)
                .values((
                    api_keys::prefix.eq("0123abcd"),
                    api_keys::hash.eq(&stored),
                    api_keys::role.eq("admin"),
                    api_keys::name.eq("made before digests"),
                    api_keys::created_at.eq(chrono::Utc::now().naive_utc()),
                ))
                .execute(conn)?;
            Ok(())
        }).await.unwrap();
        let hash_now = || app.state.db.run(|conn| Ok(api_keys::table.filter(api_keys::prefix.eq("0123abcd")).select(api_keys::hash).first::<String>(conn)?));

        let wrong = "dir_0123abcd_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        let refused = app.send(app.client.get(app.url("/v1/keys")).bearer_auth(wrong)).await;
        assert_problem(&refused, 401, "unauthorized");
        assert_eq!(hash_now().await.unwrap(), legacy, "a wrong key changes nothing");

        for _ in 0..2 {
            let reply = app.send(app.client.get(app.url("/v1/keys")).bearer_auth(&key)).await;
            assert_eq!(reply.status, 200, "{}", reply.text);
        }
        let upgraded = hash_now().await.unwrap();
        assert!(upgraded.starts_with("sha256$"), "{upgraded}");
        assert!(!upgraded.contains(&key));
    }
}

/// The response cache is bounded by bytes, and queries that name a point
/// are never cached, however many are sent.
#[tokio::test]
async fn the_response_cache_stays_within_its_memory_budget() {
    let app = TestApp::spawn_sqlite_with(|settings| settings.response_cache_mb = 1).await;
    for radius in 1..=200 {
        let path = format!("/v1/listings?near=37.5665,126.9780&radius_m={radius}&limit=100");
        assert_eq!(app.get(&path, None).await.status, 200);
    }
    assert_eq!(
        app.state.cache.weighted_size(),
        0,
        "near-me answers are not kept"
    );
    for n in 0..300 {
        // Each a different, cacheable page of about 40 KiB.
        let path = format!("/v1/listings?limit=100&lang=ko&q=%EC%84%9C%EC%9A%B8{n}");
        assert_eq!(app.get(&path, None).await.status, 200);
        let path = format!(
            "/v1/listings?limit=100&sort=name&cursor=&category=real_estate&verified_within={}d",
            n + 1
        );
        assert_eq!(app.get(&path, None).await.status, 200);
    }
    let held = app.state.cache.weighted_size();
    assert!(held > 0 && held <= 1024 * 1024, "{held} bytes held");
}

backend_tests! {
    async fn the_key_and_its_role_are_checked_before_the_body_is_read(app: TestApp) {
        let malformed = "{\"id\": ";
        let post = |key: Option<&str>| {
            let mut request = app.client.post(app.url("/v1/listings")).header("Content-Type", "application/json").body(malformed);
            if let Some(key) = key {
                request = request.bearer_auth(key);
            }
            app.send(request)
        };
        assert_problem(&post(None).await, 401, "unauthorized");
        let forged = "dir_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assert_problem(&post(Some(forged)).await, 401, "unauthorized");
        let translator = app.key(Role::Translator).await;
        assert_problem(&post(Some(&translator)).await, 403, "forbidden");
        let editor = app.key(Role::Editor).await;
        assert_problem(&post(Some(&editor)).await, 400, "malformed_body");
        let huge = "x".repeat(1024 * 1024);
        let oversized = app.send(app.client.put(app.url("/v1/translations/ja.ftl")).header("Content-Type", "text/plain").body(huge)).await;
        assert_problem(&oversized, 401, "unauthorized");
    }
}

backend_tests! {
    async fn a_translations_import_is_bounded_in_size_and_in_errors_listed(app: TestApp) {
        let translator = app.key(Role::Translator).await;
        let put = |body: String| app.send(app.client.put(app.url("/v1/translations/ja.ftl")).bearer_auth(&translator).header("Content-Type", "text/plain; charset=utf-8").body(body));
        let unknown: String = (0..300).map(|n| format!("listing-nowhere-{n}-name = どこにもない\n")).collect();
        let reply = put(unknown).await;
        let problem = assert_problem(&reply, 422, "validation_failed");
        assert_eq!(problem["errors"].as_array().unwrap().len(), 100);
        assert_eq!(problem["errors_omitted"], 200);
        assert!(problem["detail"].as_str().unwrap().contains("300"), "{}", problem["detail"]);
        assert!(reply.body.len() < 64 * 1024, "{} bytes", reply.body.len());
        // Refused on the declared length alone, before a byte of the body:
        // headers only, over a raw socket, so no client can race the answer.
        let head = format!(
            "PUT /v1/translations/ja.ftl HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {translator}\r\n\
             Content-Type: text/plain; charset=utf-8\r\nContent-Length: 5000000\r\n\r\n"
        );
        let answer = headers_only(&app, &head).await;
        assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
        assert!(answer.contains("payload_too_large"), "{answer}");
    }
}

backend_tests! {
    async fn the_same_report_twice_adds_nothing_and_shows_no_other_reporter(app: TestApp) {
        let report = json!({"kind": "wrong_phone", "message": "The caf\u{e9}'s number rings a bakery.", "contact": "first@example.org"});
        let post = |body: serde_json::Value| app.send(app.client.post(app.url(&format!("{PLACE}/reports"))).json(&body));
        let first = post(report.clone()).await;
        assert_eq!(first.status, 201, "{}", first.text);
        let mut again = report.clone();
        again["contact"] = json!("second@example.org");
        // The same words, once composed and once decomposed, are one report.
        again["message"] = json!("The cafe\u{301}'s number rings a bakery.");
        let second = post(again).await;
        assert_eq!(second.status, 200, "{}", second.text);
        assert_eq!(second.json()["report"]["id"], first.json()["report"]["id"]);
        assert_eq!(second.json()["report"]["contact"], serde_json::Value::Null);
        let editor = app.key(Role::Editor).await;
        let queue = app.send(app.client.get(app.url("/v1/reports")).bearer_auth(&editor)).await.json();
        assert_eq!(queue["items"].as_array().unwrap().len(), 1);
        let other = post(json!({"kind": "wrong_phone", "message": "Nobody answers.", "contact": "second@example.org"})).await;
        assert_eq!(other.status, 201);
    }

    async fn text_that_displays_as_something_else_is_refused(app: TestApp) {
        let post = |body: serde_json::Value| app.send(app.client.post(app.url(&format!("{PLACE}/reports"))).json(&body));
        let trojan = post(json!({"kind": "other", "message": "Call +82-2-\u{202e}4321-0000 instead"})).await;
        let problem = assert_problem(&trojan, 422, "validation_failed");
        assert_eq!(problem["errors"][0]["code"], "hidden_character");
        assert_eq!(problem["errors"][0]["detail"], "“message” contains an invisible control character (U+202E) that changes how text is displayed; remove it.");
        let lookalike = post(json!({"kind": "other", "message": "x", "contact": "help@s\u{435}oul.go.kr"})).await;
        assert_eq!(assert_problem(&lookalike, 422, "validation_failed")["errors"][0]["field"], "contact");

        let editor = app.key(Role::Editor).await;
        let etag = app.get(PLACE, None).await.header("etag").to_owned();
        let spoofed = app.write("PATCH", PLACE, Some(&editor), Some(&etag), Some(json!({"website": "https://s\u{435}oul.go.kr/", "texts": {"en": {"name": "Seoul\u{2066} Global Center"}}}))).await;
        let problem = assert_problem(&spoofed, 422, "validation_failed");
        let codes: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
        assert!(codes.contains(&"hidden_character") && codes.contains(&"invalid_format"), "{codes:?}");
        // Decomposed text is stored composed.
        let composed = app.write("PATCH", PLACE, Some(&editor), Some(&etag), Some(json!({"texts": {"en": {"summary": "Cafe\u{301} corner"}}}))).await;
        assert_eq!(composed.status, 200, "{}", composed.text);
        assert_eq!(composed.json()["summary"], "Caf\u{e9} corner");
    }
}

backend_tests! {
    async fn exports_stream_under_a_data_version_tag_and_revalidate_for_free(app: TestApp) {
        for path in ["/v1/exports/listings.json", "/v1/exports/listings.csv"] {
            let full = app.get(path, None).await;
            assert_eq!(full.status, 200, "{path}");
            let tag = full.header("etag").to_owned();
            assert!(tag.starts_with("W/\"export-"), "{path}: {tag}");
            let again = app.send(app.client.get(app.url(path)).header("If-None-Match", &tag)).await;
            assert_eq!(again.status, 304, "{path}");
            assert!(again.body.is_empty());
        }
        let documents = app.get("/v1/exports/listings.json", None).await.json();
        let total = app.get("/v1/listings?limit=1", None).await.json()["total"].as_u64().unwrap();
        assert_eq!(documents.as_array().unwrap().len() as u64, total);
        let editor = app.key(Role::Editor).await;
        let tag = app.get("/v1/exports/listings.json", None).await.header("etag").to_owned();
        let etag = app.get(PLACE, None).await.header("etag").to_owned();
        let patch = app.write("PATCH", PLACE, Some(&editor), Some(&etag), Some(json!({"phone": "+82-2-0100-0009"}))).await;
        assert_eq!(patch.status, 200);
        let after = app.send(app.client.get(app.url("/v1/exports/listings.json")).header("If-None-Match", &tag)).await;
        assert_eq!(after.status, 200, "a write makes a new export");
        assert!(after.text.contains("+82-2-0100-0009"));
    }
}

/// Sends `head` (a request line and headers, no body) and returns what the
/// server answers before the body would have started.
async fn headers_only(app: &TestApp, head: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let address = app.url("").trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    let mut chunk = [0_u8; 4096];
    // Until the problem's body has arrived (or the server closes).
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while !String::from_utf8_lossy(&answer).contains('}') {
            let n = stream.read(&mut chunk).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            answer.extend_from_slice(&chunk[..n]);
        }
    });
    read.await
        .expect("the server answered before the body was sent");
    String::from_utf8_lossy(&answer).into_owned()
}
