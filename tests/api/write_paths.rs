//! The eight ways a listing is written all go through one editing
//! service (`app::editing`): each leaves the same audit entry, each
//! before is the previous after (an import's entry holding only what it
//! changed), and a write that changes nothing leaves none.

use std::collections::BTreeSet;

use foreign_resident_directory::commands;
use foreign_resident_directory::domain::editing::Role;
use serde_json::{Value, json};

use crate::backend_tests;
use crate::helpers::{Reply, TestApp, settings};

const ID: &str = "audit-trail-desk";
const CSV_HEADER: &str = "id,category,city,district,lat,lon,phone,languages,sample,name_en,name_ja,name_ko,name_zh_Hans,address_en,address_ja,address_ko,address_zh_Hans,summary_en,summary_ja,summary_ko,summary_zh_Hans\n";

/// A CSV row for the listing with this phone number.
fn csv_row(phone: &str) -> String {
    format!(
        "{ID},contact_point,seoul,jung,37.5641,126.9979,{phone},en,true,Audit trail desk,監査の記録,,,,,,,,,,\n"
    )
}

impl TestApp {
    async fn history_of(&self, editor: &str) -> Vec<Value> {
        let reply = self
            .send(
                self.client
                    .get(self.url(&format!("/v1/listings/{ID}/history")))
                    .bearer_auth(editor),
            )
            .await;
        assert_eq!(reply.status, 200, "{}", reply.text);
        reply.json()["items"].as_array().unwrap().clone()
    }

    async fn csv_import(&self, editor: &str, csv: String) -> Reply {
        let request = self
            .client
            .post(self.url("/v1/imports"))
            .bearer_auth(editor)
            .header("Content-Type", "text/csv")
            .body(csv);
        self.send(request).await
    }

    async fn cli_import(&self, csv: String) {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("listings.csv");
        std::fs::write(&file, csv).unwrap();
        let settings = settings(self.database_url.clone());
        tokio::task::spawn_blocking(move || {
            commands::import::run(&settings, &file, "directory", false)
        })
        .await
        .unwrap()
        .unwrap();
    }
}

/// The history holds `expected` entries: a write that changed nothing
/// added none.
fn entries(history: &[Value], expected: usize) {
    assert_eq!(history.len(), expected, "{history:#?}");
}

/// Sends a write and checks its status.
async fn expect(reply: Reply, status: u16) -> Reply {
    assert_eq!(reply.status, status, "{}", reply.text);
    reply
}

backend_tests! {
    async fn every_write_path_records_one_audit_shape_and_skips_what_is_unchanged(app: TestApp) {
        let editor = app.key(Role::Editor).await;
        let translator = app.translator_key(&["ja"]).await;
        let send = |request: reqwest::RequestBuilder| app.send(request);
        let listing = app.url(&format!("/v1/listings/{ID}"));
        let mut written = 0;

        // 1. POST
        let body = json!({"id": ID, "category": "contact_point", "city": "seoul", "district": "jung",
            "phone": "+82-2-0100-0001", "languages": ["en"], "sample": true,
            "texts": {"en": {"name": "Audit trail desk"}}});
        expect(send(app.client.post(app.url("/v1/listings")).bearer_auth(&editor).json(&body)).await, 201).await;
        written += 1;

        // 2. PATCH, then the same PATCH again (unchanged: nothing written).
        let patch = json!({"website": "https://example.org/audit"});
        for _ in 0..2 {
            let request = app.client.patch(&listing).bearer_auth(&editor).header("If-Match", "*")
                .header("Content-Type", "application/merge-patch+json").body(patch.to_string());
            expect(send(request).await, 200).await;
        }
        written += 1;
        entries(&app.history_of(&editor).await, written);

        // 3. PUT content, twice.
        for _ in 0..2 {
            let request = app.client.put(format!("{listing}/content/ja")).bearer_auth(&translator)
                .header("If-Match", "*").json(&json!({"name": "監査の記録窓口"}));
            expect(send(request).await, 200).await;
        }
        written += 1;
        entries(&app.history_of(&editor).await, written);

        // 4. The translations import, twice.
        let ftl = format!("listing-{ID}-name = 監査の記録\n");
        for _ in 0..2 {
            let request = app.client.put(app.url("/v1/translations/ja.ftl")).bearer_auth(&translator)
                .header("Content-Type", "text/plain; charset=utf-8").body(ftl.clone());
            expect(send(request).await, 200).await;
        }
        written += 1;
        entries(&app.history_of(&editor).await, written);

        // 5. The CSV import over HTTP, twice.
        for _ in 0..2 {
            expect(app.csv_import(&editor, format!("{CSV_HEADER}{}", csv_row("+82-2-0100-0002"))).await, 200).await;
        }
        written += 1;
        entries(&app.history_of(&editor).await, written);

        // 6. The CLI import, twice.
        for _ in 0..2 {
            app.cli_import(format!("{CSV_HEADER}{}", csv_row("+82-2-0100-0003"))).await;
        }
        written += 1;
        entries(&app.history_of(&editor).await, written);

        // 7. A report resolved as verified.
        let report = send(app.client.post(format!("{listing}/reports"))
            .json(&json!({"kind": "wrong_phone", "message": "The number rings a bakery."}))).await;
        let report_id = expect(report, 201).await.json()["report"]["id"].as_i64().unwrap();
        let resolve = app.client.post(app.url(&format!("/v1/reports/{report_id}/resolve"))).bearer_auth(&editor)
            .json(&json!({"resolution": "fixed", "verified": true}));
        expect(send(resolve).await, 200).await;
        written += 1;

        // 8. DELETE.
        expect(send(app.client.delete(&listing).bearer_auth(&editor).header("If-Match", "*")).await, 204).await;
        written += 1;

        let history = app.history_of(&editor).await;
        assert_eq!(history.len(), written);
        let actions: Vec<&str> = history.iter().map(|entry| entry["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["create", "update", "translate", "translate", "import", "import", "update", "delete"]);
        let shape: BTreeSet<&String> = history[0].as_object().unwrap().keys().collect();
        let document_shape: BTreeSet<&String> = history[0]["after"].as_object().unwrap().keys().collect();
        let mut state = Value::Null;
        for (n, entry) in history.iter().enumerate() {
            assert_eq!(entry.as_object().unwrap().keys().collect::<BTreeSet<_>>(), shape, "entry {n}");
            // Every key wrote but the operator's CLI.
            assert_eq!(entry["key"].is_null(), n == 5, "entry {n}: {}", entry["key"]);
            assert!(chrono::DateTime::parse_from_rfc3339(entry["at"].as_str().unwrap()).is_ok());
            if entry["import"].is_object() {
                // An import's entry is a diff: its before agrees with the
                // trail so far, its after laid over that is the next state.
                assert_eq!(entry["import"]["updated"], 1, "entry {n}");
                assert_eq!(overlay(&state, &entry["before"]), state, "entry {n}");
                assert_ne!(overlay(&state, &entry["after"]), state, "entry {n}");
                state = overlay(&state, &entry["after"]);
                continue;
            }
            assert!(entry["import"].is_null(), "entry {n}");
            for side in ["before", "after"] {
                if let Some(document) = entry[side].as_object() {
                    assert_eq!(document.keys().collect::<BTreeSet<_>>(), document_shape, "entry {n} {side}");
                    assert_eq!(document["id"], ID);
                }
            }
            // The trail replays: each write starts from what the last one left.
            assert_eq!(entry["before"], state, "entry {n}");
            state = entry["after"].clone();
        }
        assert_eq!(history[4]["action"], "import");
        // The first import sets the phone, the location and the external id
        // (the CSV's id); the entry holds those fields and nothing else.
        assert_eq!(history[4]["after"], json!({"external_id": ID, "phone": "+82-2-0100-0002",
            "location": {"latitude": 37.5641, "longitude": 126.9979}}), "only what changed");
        assert_eq!(history[7]["after"], Value::Null);
        assert_eq!(history[6]["after"]["verified_at"], chrono::Utc::now().date_naive().to_string());
        assert_eq!(history[5]["after"]["phone"], "+82-2-0100-0003");
    }
}

/// `patch` laid over `document`: objects field by field, anything else
/// replaced (an import's diff holds changed values, nulls included).
fn overlay(document: &Value, patch: &Value) -> Value {
    match (document, patch) {
        (Value::Object(base), Value::Object(changes)) => {
            let mut merged = base.clone();
            for (name, value) in changes {
                let laid = overlay(base.get(name).unwrap_or(&Value::Null), value);
                merged.insert(name.clone(), laid);
            }
            Value::Object(merged)
        }
        _ => patch.clone(),
    }
}
