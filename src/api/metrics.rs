//! `GET /metrics` in the Prometheus text format: requests by route template
//! and status, latency histograms, rate-limit rejections, and, read at
//! scrape time, the catalog, the locales, the database pool and breaker.
//!
//! One registry per application (not a global recorder), so that tests
//! running many applications in one process each see their own figures.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use actix_web::http::Method;
use actix_web::{HttpResponse, web};
use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeLabelSet, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use super::error::ApiError;
use crate::app::lifecycle::Lifecycle;
use crate::app::state::AppState;
use crate::app::sync::SyncClock;

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct LimitLabels {
    limit: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

/// Latency buckets from 0.25 ms to about 8 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.000_25, 2.0, 16))
}

/// The application's metrics; cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    inner: Arc<Inner>,
}

struct Inner {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    rejections: Family<LimitLabels, Counter>,
}

impl Metrics {
    /// A registry with the request and limiter families, and the figures
    /// read from `state` at each scrape.
    pub fn new(state: AppState, sync: SyncClock, lifecycle: Lifecycle) -> Self {
        let mut registry = Registry::with_prefix("directory");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests by method, route template and status",
            requests.clone(),
        );
        let latency =
            Family::<RouteLabels, Histogram>::new_with_constructor(latency_histogram as fn() -> _);
        registry.register(
            "http_request_duration_seconds",
            "Time from request to response head, by method and route template",
            latency.clone(),
        );
        let rejections = Family::<LimitLabels, Counter>::default();
        registry.register(
            "rate_limit_rejections",
            "Requests refused with 429, by limit",
            rejections.clone(),
        );
        registry.register_collector(Box::new(Live {
            state,
            sync,
            lifecycle,
        }));
        Metrics {
            inner: Arc::new(Inner {
                registry,
                requests,
                latency,
                rejections,
            }),
        }
    }

    /// Counts a finished request. `route` is the matched template
    /// (`/v1/listings/{id}`), never the raw path, so that the number of
    /// series stays bounded whatever clients ask for.
    pub fn observe_request(&self, method: &Method, route: &str, status: u16, elapsed: Duration) {
        let method = method_label(method);
        self.inner
            .requests
            .get_or_create(&RequestLabels {
                method,
                route: route.to_owned(),
                status,
            })
            .inc();
        self.inner
            .latency
            .get_or_create(&RouteLabels {
                method,
                route: route.to_owned(),
            })
            .observe(elapsed.as_secs_f64());
    }

    /// Counts a request refused by the limit named `limit`.
    pub fn rejected(&self, limit: &'static str) {
        self.inner
            .rejections
            .get_or_create(&LimitLabels { limit })
            .inc();
    }

    /// Every metric in the Prometheus text format.
    pub fn render(&self) -> Result<String, fmt::Error> {
        let mut out = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut out, &self.inner.registry)?;
        Ok(out)
    }
}

/// Methods outside the usual set share one label value: a client can send
/// any token as a method, and each would be a new series.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Figures read when scraped rather than kept up to date on every change.
struct Live {
    state: AppState,
    sync: SyncClock,
    lifecycle: Lifecycle,
}

impl fmt::Debug for Live {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Live")
    }
}

fn gauge<N>(
    encoder: &mut DescriptorEncoder,
    name: &str,
    help: &str,
    value: ConstGauge<N>,
) -> Result<(), fmt::Error>
where
    ConstGauge<N>: EncodeMetric,
{
    let metric = encoder.encode_descriptor(name, help, None, MetricType::Gauge)?;
    value.encode(metric)
}

impl Collector for Live {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), fmt::Error> {
        let listings = self.state.catalog().read().len();
        gauge(
            &mut encoder,
            "catalog_listings",
            "Live listings in the in-memory catalog",
            ConstGauge::new(i64::try_from(listings).unwrap_or(i64::MAX)),
        )?;
        gauge(
            &mut encoder,
            "catalog_age_seconds",
            "Seconds since the catalog was last confirmed up to date with the database",
            ConstGauge::new(self.sync.age().as_secs_f64()),
        )?;
        let status = self.state.reload_status().read().clone();
        let accepted = status
            .last_rejected
            .as_ref()
            .is_none_or(|rejected| rejected.at <= status.loaded_at);
        gauge(
            &mut encoder,
            "locales_last_reload_ok",
            "1 when the last change to the locale files was loaded, 0 when it was refused",
            ConstGauge::new(i64::from(accepted)),
        )?;
        gauge(
            &mut encoder,
            "locales_loaded_timestamp_seconds",
            "When the locales in service were loaded (Unix time)",
            ConstGauge::new(status.loaded_at.timestamp()),
        )?;
        let db = &self.state.db;
        gauge(
            &mut encoder,
            "database_up",
            "0 while the database is known to be unreachable or damaged",
            ConstGauge::new(i64::from(!db.health().is_down())),
        )?;
        let (open, idle, size) = db.pool_use();
        for (name, help, value) in [
            ("database_pool_connections", "Open pooled connections", open),
            (
                "database_pool_idle_connections",
                "Idle pooled connections",
                idle,
            ),
            (
                "database_pool_max_connections",
                "Pool size (DATABASE_POOL_SIZE)",
                size,
            ),
        ] {
            gauge(&mut encoder, name, help, ConstGauge::new(i64::from(value)))?;
        }
        let mut errors = encoder.encode_descriptor(
            "database_errors",
            "Failed database operations: unavailable (down, damaged, busy) or other",
            None,
            MetricType::Counter,
        )?;
        let health = db.health();
        for (kind, count) in [
            (
                "unavailable",
                health.unavailable_errors.load(Ordering::Relaxed),
            ),
            ("other", health.other_errors.load(Ordering::Relaxed)),
        ] {
            ConstCounter::new(count).encode(errors.encode_family(&KindLabels { kind })?)?;
        }
        gauge(
            &mut encoder,
            "draining",
            "1 once a shutdown was requested",
            ConstGauge::new(i64::from(self.lifecycle.is_draining())),
        )
    }
}

/// `GET /metrics` (on `METRICS_BIND` when set, else on the public listener).
pub async fn get_metrics(metrics: web::Data<Metrics>) -> Result<HttpResponse, ApiError> {
    let body = metrics
        .render()
        .map_err(|error| ApiError::internal(&error))?;
    Ok(HttpResponse::Ok()
        .content_type(prometheus_client::encoding::prometheus_text::CONTENT_TYPE)
        .insert_header((actix_web::http::header::CACHE_CONTROL, "no-store"))
        .body(body))
}
