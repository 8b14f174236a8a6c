//! Rate limits, the same for every caller: `check(limit, subject).await`
//! takes one request of the subject's allowance or answers `429
//! too_many_requests` with `Retry-After`.
//!
//! Where the allowance lives depends on the backend. On PostgreSQL it is in
//! the shared database ([`crate::db::rate_limits`]), so that N requests a
//! minute means N whichever instance behind the load balancer answers:
//! every limited request (a key, a failed key, a report) needs the
//! database anyway, so counting there adds one statement, not a new
//! service to run, secure and watch (Redis would be faster, and one more
//! thing to fail). On SQLite there is one instance, and `governor` keeps
//! the allowance in memory. Both run the same algorithm (GCRA) with the
//! same quotas.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use super::error::{ApiError, DetailArg, ErrorCode};
use super::metrics::Metrics;
use crate::config::EditingSettings;
use crate::db::{self, Database, DbConnection};

/// What a limit counts, per subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Authenticated requests per key.
    Key,
    /// Authenticated requests (and attempts) per client address.
    Address,
    /// Failed key attempts per client address.
    FailedKey,
    /// Anonymous reports per client address.
    Reports,
    /// Anonymous reports per client address and listing.
    ReportsPerListing,
}

impl Limit {
    const ALL: [Limit; 5] = [
        Limit::Key,
        Limit::Address,
        Limit::FailedKey,
        Limit::Reports,
        Limit::ReportsPerListing,
    ];

    /// The limit's name in metrics and in shared buckets.
    pub fn name(self) -> &'static str {
        match self {
            Limit::Key => "key",
            Limit::Address => "address",
            Limit::FailedKey => "failed_key",
            Limit::Reports => "reports",
            Limit::ReportsPerListing => "reports_per_listing",
        }
    }

    /// The allowance from the settings: requests per period (0: none).
    fn quota(self, settings: &EditingSettings) -> (u32, Duration) {
        const MINUTE: Duration = Duration::from_secs(60);
        const HOUR: Duration = Duration::from_secs(3600);
        match self {
            Limit::Key => (settings.rate_limit_per_key, MINUTE),
            Limit::Address => (settings.rate_limit_per_ip, MINUTE),
            Limit::FailedKey => (settings.rate_limit_failed_auth, MINUTE),
            Limit::Reports => (settings.rate_limit_reports, HOUR),
            Limit::ReportsPerListing => (settings.rate_limit_reports_per_listing, HOUR),
        }
    }
}

/// A quota as GCRA sees it: one request every `interval`, `burst` at once.
#[derive(Debug, Clone, Copy)]
struct Rate {
    interval: Duration,
    burst: NonZeroU32,
}

enum Store {
    /// In this process (SQLite).
    Local(HashMap<Limit, DefaultKeyedRateLimiter<String>>),
    /// In the shared database (PostgreSQL).
    Shared(Database),
}

/// Every rate limit of the service; cheap to clone.
#[derive(Clone)]
pub struct RateLimiter {
    rates: Arc<HashMap<Limit, Rate>>,
    store: Arc<Store>,
    metrics: Option<Metrics>,
}

impl RateLimiter {
    /// The limits of `settings`, shared through `db` when it is PostgreSQL.
    pub fn new(settings: &EditingSettings, db: &Database, metrics: Option<Metrics>) -> Self {
        let rates: HashMap<Limit, Rate> = Limit::ALL
            .into_iter()
            .filter_map(|limit| {
                let (count, period) = limit.quota(settings);
                let burst = NonZeroU32::new(count)?;
                Some((
                    limit,
                    Rate {
                        interval: period / count,
                        burst,
                    },
                ))
            })
            .collect();
        let store = if db.backend() == "postgres" {
            Store::Shared(db.clone())
        } else {
            Store::Local(
                rates
                    .iter()
                    .filter_map(|(limit, rate)| {
                        let quota = Quota::with_period(rate.interval)?.allow_burst(rate.burst);
                        Some((*limit, DefaultKeyedRateLimiter::keyed(quota)))
                    })
                    .collect(),
            )
        };
        RateLimiter {
            rates: Arc::new(rates),
            store: Arc::new(store),
            metrics,
        }
    }

    /// Takes one request of `subject`'s allowance under `limit`, or says
    /// when to come back (429). Fails with 503 when the shared store
    /// cannot be reached: nothing limited can be served without it.
    pub async fn check(&self, limit: Limit, subject: &str) -> Result<(), ApiError> {
        let Some(rate) = self.rates.get(&limit).copied() else {
            return Ok(());
        };
        let wait = match &*self.store {
            Store::Local(limiters) => limiters.get(&limit).and_then(|limiter| {
                limiter
                    .check_key(&subject.to_owned())
                    .err()
                    .map(|not_until| not_until.wait_time_from(DefaultClock::default().now()))
            }),
            Store::Shared(db) => {
                let bucket = format!("{}:{subject}", limit.name());
                let interval_ms = i64::try_from(rate.interval.as_millis()).unwrap_or(i64::MAX);
                let burst = i64::from(rate.burst.get());
                db.run(move |conn| db::rate_limits::acquire(conn, &bucket, interval_ms, burst))
                    .await?
                    .map(|ms| Duration::from_millis(u64::try_from(ms).unwrap_or(0)))
            }
        };
        match wait {
            None => Ok(()),
            Some(wait) => {
                if let Some(metrics) = &self.metrics {
                    metrics.rejected(limit.name());
                }
                tracing::info!(limit = limit.name(), "rate limit reached");
                Err(too_many(wait))
            }
        }
    }

    /// Forgets subjects whose allowance is whole again, every minute, so
    /// that the store holds only recently limited subjects.
    pub fn spawn_housekeeping(&self) {
        let limiter = self.clone();
        tokio::spawn(async move {
            let mut ticks = tokio::time::interval(Duration::from_secs(60));
            loop {
                ticks.tick().await;
                match &*limiter.store {
                    Store::Local(limiters) => {
                        for limiter in limiters.values() {
                            limiter.retain_recent();
                            limiter.shrink_to_fit();
                        }
                    }
                    Store::Shared(db) => {
                        let forgotten = db
                            .run(|conn: &mut DbConnection| db::rate_limits::forget_expired(conn))
                            .await;
                        if let Err(error) = forgotten {
                            tracing::debug!(%error, "could not forget expired rate limits");
                        }
                    }
                }
            }
        });
    }
}

/// 429 with the wait in whole seconds (at least one) in `Retry-After`.
fn too_many(wait: Duration) -> ApiError {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    let seconds = u32::try_from(seconds.max(1)).unwrap_or(u32::MAX);
    let mut error = ApiError::new(ErrorCode::TooManyRequests);
    error
        .args
        .push(("seconds", DetailArg::Number(i64::from(seconds))));
    error.retry_after = Some(seconds);
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limiter(per_minute: u32) -> RateLimiter {
        let settings = EditingSettings {
            rate_limit_per_key: per_minute,
            rate_limit_per_ip: 0,
            ..EditingSettings::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let url =
            crate::db::DatabaseUrl::Sqlite(dir.path().join("x.sqlite3").display().to_string());
        let db = Database::connect(&url, 1).unwrap();
        RateLimiter::new(&settings, &db, None)
    }

    #[tokio::test]
    async fn a_subject_gets_its_allowance_then_waits_and_others_are_unaffected() {
        let limiter = limiter(3);
        for _ in 0..3 {
            assert!(limiter.check(Limit::Key, "a").await.is_ok());
        }
        let refused = limiter.check(Limit::Key, "a").await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::TooManyRequests);
        assert!(
            refused.retry_after.is_some_and(|s| (1..=20).contains(&s)),
            "{refused:?}"
        );
        assert!(limiter.check(Limit::Key, "b").await.is_ok());
        for _ in 0..1000 {
            assert!(
                limiter.check(Limit::Address, "a").await.is_ok(),
                "0 is no limit"
            );
        }
    }
}
