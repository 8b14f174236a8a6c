//! `verified_at`, `stale` and `verified_within`.

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem, insert_listing};
use crate::interop_fixtures::{RICH, rich_listing};

backend_tests! {
    async fn old_facts_are_flagged_stale_and_filtered_by_age(app: TestApp) {
        app.change_data(insert_listing(rich_listing())).await;
        let old = app.get("/v1/listings/sejong-smart-city-test-bed", None).await.json();
        assert_eq!(old["verified_at"], "2019-07-05");
        assert_eq!(old["stale"], true);
        // No document dates the 2018 Seoul releases: unknown, so stale.
        let undated = app.get("/v1/listings/seoul-global-startup-center", None).await.json();
        assert_eq!(undated["verified_at"], serde_json::Value::Null);
        assert_eq!(undated["stale"], true);
        let fresh = app.get(&format!("/v1/listings/{RICH}"), None).await.json();
        assert_eq!(fresh["stale"], false);

        for period in ["90d", "12w", "1m", "3M"] {
            let page = app.get(&format!("/v1/listings?verified_within={period}"), None).await.json();
            assert_eq!(page["total"], 1, "{period}");
            assert_eq!(page["items"][0]["id"], RICH);
        }
        // A century takes every dated listing (the two 2019 test beds and
        // the fixture) and none of the undated ones.
        let all = app.get("/v1/listings?verified_within=36500d&limit=1", None).await.json();
        assert_eq!(all["total"], 3);
        // It combines with the other filters and reaches the widget too.
        let none = app.get("/v1/listings?verified_within=90d&category=job_cafe", None).await.json();
        assert_eq!(none["total"], 0);
        let widget = app.get("/embed/listings?verified_within=90d&lang=ko", None).await;
        assert_eq!(widget.status, 200);
        assert!(widget.text.contains("리치 창구"));
    }

    async fn a_bad_period_is_a_localized_400(app: TestApp) {
        for bad in ["90", "d", "0d", "1y", "-5d", "99999d"] {
            let reply = app.get(&format!("/v1/listings?verified_within={bad}&lang=ja"), None).await;
            let problem = assert_problem(&reply, 400, "invalid_parameter");
            assert_eq!(problem["parameter"], "verified_within", "{bad}");
            assert!(problem["detail"].as_str().unwrap().contains("verified_within"));
            assert_eq!(reply.header("content-language"), "ja");
        }
    }
}

#[tokio::test]
async fn the_stale_age_is_configurable() {
    let app = TestApp::spawn_sqlite_with(|settings| settings.stale_after_days = 36_500).await;
    let listing = app
        .get("/v1/listings/sejong-smart-city-test-bed", None)
        .await
        .json();
    assert_eq!(listing["stale"], false);
    // However long the age, an unknown date stays stale.
    let undated = app
        .get("/v1/listings/seoul-global-startup-center", None)
        .await
        .json();
    assert_eq!(undated["stale"], true);
    let services = app.get("/hsds/services?format=ndjson", None).await.text;
    let stale = services
        .lines()
        .filter(|line| line.contains("\"stale\":true"))
        .count();
    let undated = services
        .lines()
        .filter(|line| line.contains("\"verified_at\":null") || !line.contains("\"verified_at\""))
        .count();
    assert!(stale > 0);
    assert_eq!(stale, undated);
}
