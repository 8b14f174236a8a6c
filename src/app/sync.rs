//! Keeping the catalog in step with changes made through other
//! instances: woken at once by PostgreSQL `NOTIFY` when there is one, and
//! polling every `CATALOG_REFRESH_MS` anyway, in case a notification was
//! lost with a connection. Either way the work is
//! [`AppState::refresh_if_changed`], which catches up from the database.

use std::sync::Arc;
use std::time::{Duration, Instant};

use parking_lot::Mutex;
use tokio::sync::mpsc::UnboundedReceiver;

use super::state::AppState;
use crate::db::notify::Wake;

/// When the catalog was last confirmed up to date, for `/metrics`.
#[derive(Debug, Clone)]
pub struct SyncClock(Arc<Mutex<Instant>>);

impl Default for SyncClock {
    fn default() -> Self {
        SyncClock(Arc::new(Mutex::new(Instant::now())))
    }
}

impl SyncClock {
    /// Records a successful check.
    pub fn mark(&self) {
        *self.0.lock() = Instant::now();
    }

    /// Time since the last successful check.
    pub fn age(&self) -> Duration {
        self.0.lock().elapsed()
    }
}

/// Runs the catch-up loop: on every tick of `poll` (if any) and every
/// wake-up from `wakes` (if any). Several wake-ups that arrive together
/// are served by one catch-up.
pub fn spawn(
    state: AppState,
    clock: SyncClock,
    poll: Option<Duration>,
    mut wakes: Option<UnboundedReceiver<Wake>>,
) {
    if poll.is_none() && wakes.is_none() {
        return;
    }
    tokio::spawn(async move {
        // An interval of a day stands for "never": `select!` needs a branch.
        let mut ticks = tokio::time::interval(poll.unwrap_or(Duration::from_secs(86_400)));
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut healthy = true;
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                wake = next_wake(&mut wakes) => if wake.is_none() {
                    // The listener is gone (the application is stopping).
                    wakes = None;
                    continue;
                },
            }
            // Wake-ups that arrived meanwhile are served by this catch-up.
            if let Some(receiver) = wakes.as_mut() {
                while receiver.try_recv().is_ok() {}
            }
            match state.refresh_if_changed().await {
                Ok(_) => {
                    clock.mark();
                    if !healthy {
                        tracing::info!("catalog in step with the database again");
                        healthy = true;
                    }
                }
                Err(error) => {
                    if healthy {
                        tracing::warn!(%error, "could not check for changed listings");
                        healthy = false;
                    }
                }
            }
        }
    });
}

async fn next_wake(wakes: &mut Option<UnboundedReceiver<Wake>>) -> Option<Wake> {
    match wakes {
        Some(receiver) => receiver.recv().await,
        None => std::future::pending().await,
    }
}
