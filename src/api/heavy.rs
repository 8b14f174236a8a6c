//! Work too heavy for a request thread: whole-directory exports, the
//! calendar feed, a locale's Fluent file. Each runs on the blocking pool
//! (or, for streamed exports, holds its permit while it streams) behind one
//! bounded semaphore, so that however many such requests arrive, the
//! request threads stay free for the cheap reads and probes. A request that
//! finds every permit taken for a while is told to come back
//! (503 with `Retry-After`) rather than queued without bound.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::error::{ApiError, ErrorCode};

/// How long a request waits for a permit before it is turned away.
const WAIT: Duration = Duration::from_secs(2);
/// What a turned-away request is told.
const RETRY_AFTER_SECONDS: u32 = 5;
/// The detail of a turned-away request.
pub const BUSY: &str = "problem-detail-busy";

/// The permits of heavy work, shared by every worker.
#[derive(Debug, Clone)]
pub struct HeavyWork {
    permits: Arc<Semaphore>,
}

impl HeavyWork {
    /// At most `concurrency` pieces of heavy work at once.
    pub fn new(concurrency: usize) -> Self {
        HeavyWork {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    /// A permit, waiting a little for one; 503 with `Retry-After` when
    /// every permit stays taken.
    pub async fn permit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        let busy = || {
            let mut error = ApiError::new(ErrorCode::ServiceUnavailable).with_detail(BUSY);
            error.retry_after = Some(RETRY_AFTER_SECONDS);
            error
        };
        match tokio::time::timeout(WAIT, Arc::clone(&self.permits).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            _ => Err(busy()),
        }
    }

    /// Runs `work` on the blocking pool under a permit.
    pub async fn run<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce() -> Result<T, ApiError> + Send + 'static,
    {
        let permit = self.permit().await?;
        let outcome = tokio::task::spawn_blocking(move || {
            let outcome = work();
            drop(permit);
            outcome
        })
        .await;
        outcome.map_err(|error| ApiError::internal(&error))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_beyond_the_permits_is_turned_away_with_retry_after() {
        let heavy = HeavyWork::new(1);
        let held = heavy.permit().await.unwrap();
        let refused = heavy.permit().await.unwrap_err();
        assert_eq!(refused.code, ErrorCode::ServiceUnavailable);
        assert_eq!(refused.retry_after, Some(RETRY_AFTER_SECONDS));
        drop(held);
        assert_eq!(heavy.run(|| Ok(7)).await.unwrap(), 7);
    }
}
