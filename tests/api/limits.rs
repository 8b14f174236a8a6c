//! Rate limits that hold across instances (on PostgreSQL, counted in the
//! shared database), failed key attempts with a budget of their own, and
//! anonymous reports limited per address and per listing.

use foreign_resident_directory::config::Settings;
use foreign_resident_directory::domain::editing::Role;
use serde_json::json;

use crate::configured_backend_tests;
use crate::helpers::{Reply, TestApp, assert_problem};
use crate::instances::postgres_pair;

fn assert_limited(reply: &Reply) {
    assert_problem(reply, 429, "too_many_requests");
    let wait: u32 = reply.header("retry-after").parse().expect("Retry-After");
    assert!((1..=3600).contains(&wait), "{wait}");
}

async fn reports(app: &TestApp, key: &str) -> Reply {
    app.send(app.client.get(app.url("/v1/reports")).bearer_auth(key))
        .await
}

#[tokio::test]
async fn a_key_limit_of_n_holds_across_instances_however_requests_are_spread() {
    let Some((first, second)) = postgres_pair(|s| s.editing.rate_limit_per_key = 4).await else {
        return;
    };
    let editor = first.key(Role::Editor).await;
    for app in [&first, &second, &second, &first] {
        let reply = reports(app, &editor).await;
        assert_eq!(reply.status, 200, "{}", reply.text);
    }
    assert_limited(&reports(&second, &editor).await);
    assert_limited(&reports(&first, &editor).await);
    // Another key has its own allowance.
    let other = first.key(Role::Editor).await;
    assert_eq!(reports(&second, &other).await.status, 200);
    first.server.stop(false).await;
    second.server.stop(false).await;
}

#[tokio::test]
async fn reports_are_limited_per_address_and_listing_across_instances() {
    let limits = |s: &mut Settings| {
        s.editing.rate_limit_reports = 5;
        s.editing.rate_limit_reports_per_listing = 2;
    };
    let Some((first, second)) = postgres_pair(limits).await else {
        return;
    };
    let sent = std::sync::atomic::AtomicU64::new(0);
    // Each report says something new: an open duplicate is acknowledged
    // without being added.
    let report = |app: &TestApp, listing: &str| {
        let n = sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        app.client
            .post(app.url(&format!("/v1/listings/{listing}/reports")))
            .json(&json!({"kind": "wrong_phone", "message": format!("The number rings a bakery ({n}).")}))
    };
    let place = "seoul-global-center";
    assert_eq!(first.send(report(&first, place)).await.status, 201);
    assert_eq!(second.send(report(&second, place)).await.status, 201);
    assert_limited(&first.send(report(&first, place)).await);
    let listed = first.get("/v1/listings?limit=3", None).await.json();
    let others: Vec<String> = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap().to_owned())
        .filter(|id| id != place)
        .collect();
    assert_eq!(second.send(report(&second, &others[0])).await.status, 201);
    assert_eq!(first.send(report(&first, &others[1])).await.status, 201);
    // Five reports from this address in the hour (the one refused for its
    // listing counts too): the sixth waits, whatever listing it is about.
    assert_limited(&second.send(report(&second, &others[0])).await);
    first.server.stop(false).await;
    second.server.stop(false).await;
}

fn small_failure_budget(settings: &mut Settings) {
    settings.editing.rate_limit_failed_auth = 3;
}

configured_backend_tests! {
    small_failure_budget;

    async fn failed_key_attempts_have_a_small_budget_per_address(app: TestApp) {
        let forged = "dir_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        for _ in 0..3 {
            assert_problem(&reports(&app, forged).await, 401, "unauthorized");
        }
        assert_limited(&reports(&app, forged).await);
        // A valid key is still a valid key: the budget counts failures.
        let editor = app.key(Role::Editor).await;
        assert_eq!(reports(&app, &editor).await.status, 200);
        // Requests without any key verify nothing and spend nothing.
        assert_problem(&app.get("/v1/reports", None).await, 401, "unauthorized");
    }
}
