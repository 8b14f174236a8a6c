//! Seoul's open data sets imported by their published field names, and
//! translators' Fluent files of listing text imported back.

use foreign_resident_directory::domain::editing::Role;
use serde_json::{Value, json};

use crate::backend_tests;
use crate::helpers::{Reply, TestApp, assert_problem};

const OFFICES: &str = include_str!("../fixtures/open-data/brkPgGlobal.csv");
const OFFICES_CP949: &[u8] = include_bytes!("../fixtures/open-data/brkPgGlobal-cp949.csv");
const CAFES: &str = include_str!("../fixtures/open-data/jobCafeOpenInfo.csv");
const OFFICE: &str = "brk-pg-global-11680-0000-00001";

impl TestApp {
    async fn import_as(&self, body: impl Into<reqwest::Body>, key: &str, query: &str) -> Reply {
        let request = self
            .client
            .post(self.url(&format!("/v1/imports{query}")))
            .bearer_auth(key)
            .header("Content-Type", "text/csv")
            .body(body);
        self.send(request).await
    }

    async fn put_ftl(&self, locale: &str, body: String, key: &str, query: &str) -> Reply {
        let request = self
            .client
            .put(self.url(&format!("/v1/translations/{locale}.ftl{query}")))
            .bearer_auth(key)
            .header("Content-Type", "text/plain; charset=utf-8")
            .body(body);
        self.send(request).await
    }

    async fn district_centre(&self, code: &str) -> Value {
        let districts = self.get("/v1/cities/seoul/districts", None).await.json();
        let district = districts["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == code);
        district.unwrap()["location"].clone()
    }
}

fn counts(report: &Value) -> (i64, i64, i64, usize) {
    let n = |name: &str| report[name].as_i64().unwrap();
    (
        n("created"),
        n("updated"),
        n("unchanged"),
        report["errors"].as_array().unwrap().len(),
    )
}

backend_tests! {
    async fn offices_are_placed_at_their_district_centre_with_bcp_47_languages(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let reply = app.import_as(OFFICES, &editor, "?format=brk-pg-global").await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(counts(&reply.json()), (3, 0, 0, 0));
        let office = app.get(&format!("/v1/listings/{OFFICE}?lang=ko"), None).await.json();
        assert_eq!(office["name"], "샘플공인중개사사무소");
        assert_eq!(office["category"]["code"], "real_estate");
        assert_eq!(office["district"]["code"], "gangnam");
        assert_eq!(office["phone"], "+82-2-0100-0001");
        assert_eq!(office["summary"], "대표: 홍샘플. 외국어 가능 중개사무소 지정일: 2015-03-02.");
        let codes: Vec<&Value> = office["languages"].as_array().unwrap().iter().map(|l| &l["code"]).collect();
        assert_eq!(codes, [&json!("en"), &json!("ja")]);
        assert_eq!(office["location"], app.district_centre("gangnam").await);
        assert_eq!(office["location_approximate"], true);
        let russian = app.get("/v1/listings/brk-pg-global-11170-0000-00003?lang=en", None).await.json();
        let names: Vec<&Value> = russian["languages"].as_array().unwrap().iter().map(|l| &l["name"]).collect();
        assert_eq!(names, [&json!("English"), &json!("Russian")]);
    }

    async fn a_dry_run_shows_the_diff_and_a_reimport_is_a_no_op(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let dry = app.import_as(OFFICES, &editor, "?format=brk-pg-global&dry_run=true").await.json();
        assert_eq!((dry["dry_run"].clone(), counts(&dry)), (json!(true), (3, 0, 0, 0)));
        assert_eq!(dry["changes"][0], json!({"line": 2, "listing_id": OFFICE, "action": "created", "fields": []}));
        assert_eq!(app.get(&format!("/v1/listings/{OFFICE}"), None).await.status, 404);

        app.import_as(OFFICES, &editor, "?format=brk-pg-global").await;
        let again = app.import_as(OFFICES, &editor, "?format=brk-pg-global").await.json();
        assert_eq!((counts(&again), again["changes"].clone()), ((0, 0, 3, 0), json!([])));
        // The portal's CP949 file is the same data.
        let cp949 = app.import_as(OFFICES_CP949.to_vec(), &editor, "?format=brk-pg-global").await.json();
        assert_eq!(counts(&cp949), (0, 0, 3, 0));
        assert_eq!(app.get(&format!("/v1/listings/{OFFICE}"), None).await.header("etag"), "\"v1-en\"");

        let changed = OFFICES
            .replace("02-0100-0001", "02-0100-0009")
            .replace("\"영어, 일본어\"", "\"영어, 일본어, 중국어\"");
        let diff = app.import_as(changed.clone(), &editor, "?format=brk-pg-global&dry_run=true").await.json();
        assert_eq!(counts(&diff), (0, 1, 2, 0));
        assert_eq!(diff["changes"], json!([{"line": 2, "listing_id": OFFICE, "action": "updated", "fields": ["languages", "phone"]}]));
        let applied = app.import_as(changed, &editor, "?format=brk-pg-global").await.json();
        assert_eq!(counts(&applied), (0, 1, 2, 0));
        let office = app.get(&format!("/v1/listings/{OFFICE}"), None).await;
        assert_eq!(office.header("etag"), "\"v2-en\"");
        assert_eq!(office.json()["phone"], "+82-2-0100-0009");
        let history = app.send(app.client.get(app.url(&format!("/v1/listings/{OFFICE}/history"))).bearer_auth(&editor)).await.json();
        let actions: Vec<&Value> = history["items"].as_array().unwrap().iter().map(|e| &e["action"]).collect();
        assert_eq!(actions, [&json!("import"), &json!("import")]);
    }

    async fn bad_rows_are_reported_with_their_lines_and_nothing_is_written(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let csv = "RA_REGNO,CMP_NM,RDEALER_NM,TELNO,USE_LANG,APPN_DE,SGG_NM\n\
                   11680-0000-00001,샘플공인중개사사무소,홍샘플,02-0100-0001,\"영어, 클링온어\",20150302,강남구\n\
                   11680-0000-00002,샘플부동산,김샘플,02-0100-0002,영어,2015-03-02,수원시\n";
        let reply = app.import_as(csv, &editor, "?format=brk-pg-global").await;
        let problem = assert_problem(&reply, 422, "validation_failed");
        let errors: Vec<(i64, &str, &str)> = problem["errors"].as_array().unwrap().iter()
            .map(|e| (e["line"].as_i64().unwrap(), e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(errors, [(2, "USE_LANG", "unknown_value"), (3, "SGG_NM", "unknown_value"), (3, "APPN_DE", "invalid_format")]);
        assert_eq!(app.get(&format!("/v1/listings/{OFFICE}"), None).await.status, 404);
        let unknown = app.import_as(csv, &editor, "?format=xls").await;
        assert_problem(&unknown, 400, "invalid_parameter");
    }

    async fn job_cafe_hours_become_opening_hours_or_stay_as_korean_text(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let reply = app.import_as(CAFES, &editor, "?format=job-cafe-open-info").await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(counts(&reply.json()), (3, 0, 0, 0));
        let paths: Vec<String> = reply.json()["changes"].as_array().unwrap().iter()
            .map(|c| format!("/v1/listings/{}?lang=ko", c["listing_id"].as_str().unwrap())).collect();
        let cafe = |i: usize| app.get(&paths[i], None);
        let gangnam = cafe(0).await.json();
        assert_eq!(gangnam["opening_hours"], "Mo-Fr 09:00-18:00");
        assert_eq!(gangnam["address"], "서울특별시 강남구 샘플로 1 (가상 주소)");
        assert_eq!(gangnam["location_approximate"], true);
        assert_eq!(cafe(1).await.json()["opening_hours"], "Mo-Fr 10:00-19:00; Sa 10:00-14:00");
        let by_appointment = cafe(2).await.json();
        assert_eq!(by_appointment["opening_hours"], Value::Null);
        assert_eq!(by_appointment["summary"], "운영시간: 사전 예약 시 운영 (매월 공지)");
        assert_eq!(by_appointment["district"]["code"], "jung");
        let again = app.import_as(CAFES, &editor, "?format=job-cafe-open-info").await.json();
        assert_eq!(counts(&again), (0, 0, 3, 0));
    }

    async fn translators_export_edit_and_import_listing_text(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let translator = app.key(Role::Translator).await;
        app.import_as(OFFICES, &editor, "?format=brk-pg-global").await;
        let export = app.get("/v1/translations/ja.ftl", None).await.text;
        let untranslated = format!("# listing-{OFFICE}-name =\n");
        assert!(export.contains(&untranslated), "{export}");
        let edited = export.replace(&untranslated, &format!("listing-{OFFICE}-name = サンプル不動産\n"));

        let dry = app.put_ftl("ja", edited.clone(), &translator, "?dry_run=true").await;
        assert_eq!(dry.status, 200, "{}", dry.text);
        assert_eq!(dry.json()["updated"], json!([{"listing_id": OFFICE, "messages": [format!("listing-{OFFICE}-name")]}]));
        assert_eq!(app.get(&format!("/v1/listings/{OFFICE}?lang=ja"), None).await.json()["content_locale"], "en");

        let reply = app.put_ftl("ja", edited.clone(), &translator, "").await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        assert_eq!(reply.json()["dry_run"], false);
        let office = app.get(&format!("/v1/listings/{OFFICE}?lang=ja"), None).await.json();
        assert_eq!((office["name"].clone(), office["content_locale"].clone()), (json!("サンプル不動産"), json!("ja")));
        let history = app.send(app.client.get(app.url(&format!("/v1/listings/{OFFICE}/history"))).bearer_auth(&editor)).await.json();
        let last = history["items"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["action"], "translate");
        assert_eq!(last["after"]["texts"]["ja"]["name"], "サンプル不動産");

        // The new export imports back as a no-op.
        let export = app.get("/v1/translations/ja.ftl", None).await.text;
        let again = app.put_ftl("ja", export, &translator, "").await.json();
        assert_eq!(again["updated"], json!([]));
        assert!(again["unchanged"].as_i64().unwrap() >= 1);
    }

    async fn a_broken_fluent_file_is_refused_with_its_lines(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        app.import_as(OFFICES, &editor, "?format=brk-pg-global").await;
        let body = format!("# a comment\nlisting-{OFFICE}-name = {{ $oops }}\nlisting-{OFFICE}-summary 説明\n");
        let reply = app.put_ftl("ja", body, &editor, "").await;
        let problem = assert_problem(&reply, 422, "validation_failed");
        let errors: Vec<(i64, &str, &str)> = problem["errors"].as_array().unwrap().iter()
            .map(|e| (e["line"].as_i64().unwrap(), e["field"].as_str().unwrap(), e["code"].as_str().unwrap()))
            .collect();
        assert_eq!(errors, [(2, "ja.ftl:2:1", "invalid_fluent"), (3, "ja.ftl:3:48", "invalid_fluent")], "{problem}");
        assert_eq!(app.get(&format!("/v1/listings/{OFFICE}?lang=ja"), None).await.json()["content_locale"], "en");
        let unknown = app.put_ftl("ja", "listing-no-such-place-name = 何か\n".into(), &editor, "").await;
        assert_eq!(assert_problem(&unknown, 422, "validation_failed")["errors"][0]["field"], "listing-no-such-place-name");
    }
}
