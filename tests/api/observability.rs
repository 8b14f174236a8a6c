//! `GET /metrics` in the Prometheus text format, and `METRICS_BIND`.

use foreign_resident_directory::config::Settings;

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem};

/// The value of the sample `series` (name and labels, exactly).
fn sample(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .unwrap_or_else(|| panic!("no {series} in\n{metrics}"))
        .parse()
        .unwrap()
}

backend_tests! {
    async fn metrics_count_requests_by_route_template_and_report_the_catalog_and_pool(app: TestApp) {
        assert_eq!(app.get("/v1/listings/seoul-global-center", None).await.status, 200);
        assert_eq!(app.get("/v1/listings/nowhere-at-all", None).await.status, 404);
        let total = app.get("/v1/listings?limit=1", None).await.json()["total"].as_f64().unwrap();
        let reply = app.get("/metrics", None).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
        let metrics = &reply.text;
        let one = r#"directory_http_requests_total{method="GET",route="/v1/listings/{id}",status="#;
        assert_eq!(sample(metrics, &format!(r#"{one}"200"}}"#)), 1.0);
        assert_eq!(sample(metrics, &format!(r#"{one}"404"}}"#)), 1.0);
        assert!(!metrics.contains("nowhere-at-all"), "paths never become labels");
        let count = r#"directory_http_request_duration_seconds_count{method="GET",route="/v1/listings"}"#;
        assert_eq!(sample(metrics, count), 1.0);
        assert!(metrics.contains(r#"directory_http_request_duration_seconds_bucket{le="0.00025",method="GET",route="/v1/listings"}"#)
            || metrics.contains(r#"directory_http_request_duration_seconds_bucket{method="GET",route="/v1/listings",le="0.00025"}"#), "{metrics}");
        assert_eq!(sample(metrics, "directory_catalog_listings"), total);
        assert!(sample(metrics, "directory_catalog_age_seconds") < 5.0);
        assert_eq!(sample(metrics, "directory_locales_last_reload_ok"), 1.0);
        assert_eq!(sample(metrics, "directory_database_up"), 1.0);
        assert_eq!(sample(metrics, "directory_database_pool_max_connections"), 2.0);
        assert_eq!(sample(metrics, r#"directory_database_errors_total{kind="unavailable"}"#), 0.0);
        assert_eq!(sample(metrics, "directory_draining"), 0.0);
    }
}

fn one_per_minute(settings: &mut Settings) {
    settings.editing.rate_limit_per_ip = 1;
}

#[tokio::test]
async fn rate_limit_rejections_are_counted_by_limit() {
    let app = TestApp::spawn_sqlite_with(one_per_minute).await;
    for _ in 0..3 {
        app.get("/v1/reports", None).await;
    }
    let metrics = app.get("/metrics", None).await.text;
    assert_eq!(
        sample(
            &metrics,
            r#"directory_rate_limit_rejections_total{limit="address"}"#
        ),
        2.0
    );
}

#[tokio::test]
async fn with_metrics_bind_the_metrics_are_off_the_public_listener() {
    let app = TestApp::spawn_sqlite_with(|settings| {
        settings.operations.metrics_bind = Some("127.0.0.1:0".parse().unwrap());
    })
    .await;
    assert_problem(&app.get("/metrics", None).await, 404, "route_not_found");
    let port = app.metrics_port.expect("a metrics listener");
    let reply = app
        .send(app.client.get(format!("http://127.0.0.1:{port}/metrics")))
        .await;
    assert_eq!(reply.status, 200);
    assert!(
        reply.text.contains(
            r#"directory_http_requests_total{method="GET",route="unmatched",status="404"} 1"#
        ),
        "{}",
        reply.text
    );
}
