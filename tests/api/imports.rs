//! Bulk import and export.

use foreign_resident_directory::domain::editing::Role;
use serde_json::{Value, json};
use sha2::Digest;

use crate::backend_tests;
use crate::helpers::{Reply, TestApp, assert_problem};

/// The benchmark data's header (`gen_data.py`), with a BOM.
const BENCH_HEADER: &str = "\u{feff}id,category,city,district,lat,lon,phone,languages,sample,name_en,name_ja,name_ko,name_zh_Hans,address_en,address_ja,address_ko,address_zh_Hans,summary_en,summary_ja,summary_ko,summary_zh_Hans\n";

fn bench_row(id: &str, lat: &str) -> String {
    format!(
        "{id},real_estate,seoul,gangnam,{lat},127.0473,+82-2-0123-4567,\"[\"\"en\"\", \"\"ja\"\"]\",1,\
         Haengbok Realty {id},幸福不動産,행복공인중개사,幸福房地产,\"1 Teheran-ro, Gangnam-gu, Seoul\",,,,Sample data.,サンプルデータ。,샘플 데이터.,示例数据。\n"
    )
}

impl TestApp {
    async fn import(&self, csv: String, key: &str, query: &str) -> Reply {
        let request = self
            .client
            .post(self.url(&format!("/v1/imports{query}")))
            .bearer_auth(key)
            .header("Content-Type", "text/csv; charset=utf-8")
            .body(csv);
        self.send(request).await
    }
}

backend_tests! {
    async fn a_csv_with_one_bad_row_imports_nothing_and_names_the_row(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let csv = format!("{BENCH_HEADER}{}{}{}", bench_row("good-one", "37.51"), bench_row("bad-one", "137.5"), bench_row("good-two", "37.52"));
        let reply = app.import(csv.clone(), &editor, "?lang=ja").await;
        let problem = assert_problem(&reply, 422, "validation_failed");
        assert_eq!(problem["detail"], "1件の行の問題が見つかったため、何もインポートしませんでした。「errors」を確認してください。");
        assert_eq!(problem["errors"], json!([{
            "line": 3, "field": "latitude", "code": "out_of_range",
            "detail": "「latitude」は-90から90までの値で指定してください。"
        }]));
        for id in ["good-one", "good-two"] {
            assert_problem(&app.get(&format!("/v1/listings/{id}"), None).await, 404, "listing_not_found");
        }
        let dry = app.import(csv, &editor, "?dry_run=true").await;
        assert_eq!(dry.status, 200, "{}", dry.text);
        assert_eq!(dry.json(), json!({
            "dry_run": true, "rows": 3, "created": 2, "updated": 0, "unchanged": 0, "deleted": 0,
            "errors": [{"line": 3, "field": "latitude", "code": "out_of_range", "detail": "“latitude” must be between -90 and 90."}],
            "changes": [
                {"line": 2, "listing_id": "good-one", "action": "created", "fields": []},
                {"line": 4, "listing_id": "good-two", "action": "created", "fields": []}
            ]
        }));
        assert_eq!(app.get("/v1/listings/good-one", None).await.status, 404);
    }

    async fn a_reimport_is_a_no_op(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let csv = format!("{BENCH_HEADER}{}{}", bench_row("haengbok-one", "37.51"), bench_row("haengbok-two", "37.52"));
        let first = app.import(csv.clone(), &editor, "").await;
        assert_eq!(first.status, 200, "{}", first.text);
        assert_eq!(first.json(), json!({"dry_run": false, "rows": 2, "created": 2, "updated": 0, "unchanged": 0, "deleted": 0, "errors": [],
            "changes": [
                {"line": 2, "listing_id": "haengbok-one", "action": "created", "fields": []},
                {"line": 3, "listing_id": "haengbok-two", "action": "created", "fields": []}
            ]}));
        let listing = app.get("/v1/listings/haengbok-two?lang=ko", None).await;
        assert_eq!(listing.header("etag"), "\"v1-ko\"");
        assert_eq!(listing.json()["name"], "행복공인중개사");
        assert_eq!(listing.json()["sample"], true);

        let again = app.import(csv.clone(), &editor, "").await;
        assert_eq!(again.json(), json!({"dry_run": false, "rows": 2, "created": 0, "updated": 0, "unchanged": 2, "deleted": 0, "errors": [], "changes": []}));
        assert_eq!(app.get("/v1/listings/haengbok-two", None).await.header("etag"), "\"v1-en\"");
        let history = app.send(app.client.get(app.url("/v1/listings/haengbok-two/history")).bearer_auth(&editor)).await.json();
        let items = history["items"].as_array().unwrap();
        assert_eq!(items.len(), 1, "{history}");
        // A creation names the import and holds no document.
        let created = &items[0];
        assert_eq!((created["action"].clone(), created["before"].clone(), created["after"].clone()), (json!("import"), Value::Null, Value::Null));
        let import = &created["import"];
        let digest: String = sha2::Sha256::digest(csv.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect();
        assert_eq!(import["sha256"], digest);
        assert_eq!((import["rows"].as_i64(), import["created"].as_i64(), import["updated"].as_i64(), import["unchanged"].as_i64()), (Some(2), Some(2), Some(0), Some(0)));

        let changed = format!("{BENCH_HEADER}{}", bench_row("haengbok-two", "37.53"));
        let third = app.import(changed, &editor, "").await.json();
        assert_eq!((third["updated"].as_i64(), third["unchanged"].as_i64()), (Some(1), Some(0)));
        assert_eq!(app.get("/v1/listings/haengbok-two", None).await.header("etag"), "\"v2-en\"");
        let history = app.send(app.client.get(app.url("/v1/listings/haengbok-two/history")).bearer_auth(&editor)).await.json();
        let updated = &history["items"][1];
        // An update holds the changed fields only, before and after.
        assert_eq!(updated["before"], json!({"location": {"latitude": 37.52, "longitude": 127.0473}}));
        assert_eq!(updated["after"], json!({"location": {"latitude": 37.53, "longitude": 127.0473}}));
        assert_ne!(updated["import"]["id"], import["id"]);
        assert_eq!((updated["import"]["rows"].as_i64(), updated["import"]["updated"].as_i64()), (Some(1), Some(1)));
    }

    async fn the_csv_export_imports_back_unchanged(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let export = app.get("/v1/exports/listings.csv", None).await;
        assert_eq!(export.status, 200);
        assert_eq!(export.header("content-type"), "text/csv; charset=utf-8");
        let rows = export.text.lines().count() - 1;
        let total = app.get("/v1/listings?limit=1", None).await.json()["total"].as_u64().unwrap() as usize;
        assert_eq!(rows, total);
        let report = app.import(export.text, &editor, "").await;
        assert_eq!(report.status, 200, "{}", report.text);
        assert_eq!(report.json(), json!({"dry_run": false, "rows": total, "created": 0, "updated": 0, "unchanged": total, "deleted": 0, "errors": [], "changes": []}));
        let documents = app.get("/v1/exports/listings.json", None).await.json();
        let documents = documents.as_array().unwrap();
        assert_eq!(documents.len(), total);
        let center = documents.iter().find(|d| d["id"] == "seoul-global-center").unwrap();
        assert_eq!(center["texts"]["en"]["name"], "Seoul Global Center");
    }

    async fn imports_need_an_editor_key_and_csv(app: TestApp) {
        let translator = app.key(Role::Translator).await;
        assert_problem(&app.import(BENCH_HEADER.into(), &translator, "").await, 403, "forbidden");
        let editor = app.key(Role::Editor).await;
        let json_body = app.send(app.client.post(app.url("/v1/imports")).bearer_auth(&editor).json(&json!([]))).await;
        assert_problem(&json_body, 415, "unsupported_media_type");
        let unknown = app.import("id,colour\nx,red\n".into(), &editor, "").await;
        let problem = assert_problem(&unknown, 422, "validation_failed");
        assert_eq!(problem["errors"][0]["line"], 1);
        assert_eq!(problem["errors"][0]["field"], "colour");
    }
}
