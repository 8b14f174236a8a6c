//! Token buckets per client, in memory. With several instances each one
//! limits separately, so the effective limit is the per-instance limit
//! times the number of instances.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use moka::sync::Cache;

/// A bucket: up to a minute's worth of requests, refilled continuously.
#[derive(Debug)]
struct Bucket {
    tokens: f64,
    last: Instant,
}

/// Limits requests per client to `per_minute` (0: unlimited).
pub struct RateLimiter {
    per_minute: u32,
    buckets: Cache<String, Arc<Mutex<Bucket>>>,
}

impl RateLimiter {
    /// A limiter of `per_minute` requests per client.
    pub fn per_minute(per_minute: u32) -> Self {
        RateLimiter {
            per_minute,
            buckets: Cache::builder()
                .max_capacity(100_000)
                .time_to_idle(Duration::from_secs(600))
                .build(),
        }
    }

    /// Takes a token for `client`, or says in how many seconds one will be
    /// available.
    pub fn check(&self, client: &str) -> Result<(), u64> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let capacity = f64::from(self.per_minute);
        let now = Instant::now();
        let bucket = self.buckets.get_with(client.to_owned(), || {
            Arc::new(Mutex::new(Bucket {
                tokens: capacity,
                last: now,
            }))
        });
        let mut bucket = bucket
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let per_second = capacity / 60.0;
        let elapsed = now.saturating_duration_since(bucket.last).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(capacity);
        bucket.last = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / per_second).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_gets_its_minute_then_waits_and_others_are_unaffected() {
        let limiter = RateLimiter::per_minute(3);
        for _ in 0..3 {
            assert_eq!(limiter.check("a"), Ok(()));
        }
        let wait = limiter.check("a").unwrap_err();
        assert!((1..=20).contains(&wait), "{wait}");
        assert_eq!(limiter.check("b"), Ok(()));
        let unlimited = RateLimiter::per_minute(0);
        for _ in 0..1000 {
            assert_eq!(unlimited.check("a"), Ok(()));
        }
    }
}
