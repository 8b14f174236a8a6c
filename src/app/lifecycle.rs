//! Stopping without failing anyone: on SIGTERM (or [`Lifecycle::request_shutdown`])
//! the instance says it is not ready, keeps answering for the drain time
//! with `Connection: close` on every response (so that a proxy's
//! keep-alive connections end after their request instead of being cut),
//! then stops accepting and gives in-flight requests a bounded time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Whether the instance is shutting down, shared by every worker.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle {
    draining: Arc<AtomicBool>,
    requested: Arc<Notify>,
}

impl Lifecycle {
    /// Starts the shutdown: readiness turns 503 at once.
    pub fn request_shutdown(&self) {
        if !self.draining.swap(true, Ordering::AcqRel) {
            tracing::info!("shutdown requested: draining");
        }
        // `notify_one` stores a permit, so a waiter that starts waiting
        // after the request still wakes.
        self.requested.notify_one();
    }

    /// True once a shutdown was requested.
    pub fn is_draining(&self) -> bool {
        self.draining.load(Ordering::Acquire)
    }

    /// Waits until a shutdown is requested.
    pub async fn requested(&self) {
        if !self.is_draining() {
            self.requested.notified().await;
        }
    }
}

/// Requests a shutdown of `lifecycle` on SIGTERM or SIGINT (Ctrl-C). Only
/// the binary calls this: tests run many applications in one process.
pub fn shutdown_on_signals(lifecycle: Lifecycle) {
    tokio::spawn(async move {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let (Ok(mut term), Ok(mut int)) = (
                signal(SignalKind::terminate()),
                signal(SignalKind::interrupt()),
            ) else {
                tracing::error!("cannot listen for SIGTERM; stop the process with SIGKILL");
                return;
            };
            tokio::select! {
                _ = term.recv() => tracing::info!("SIGTERM received"),
                _ = int.recv() => tracing::info!("SIGINT received"),
            }
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        lifecycle.request_shutdown();
    });
}
