//! What the live reloader of the locale files last did, kept in the
//! application state for `GET /v1/locales`.

use chrono::{DateTime, Utc};

/// What the reloader last did, for `GET /v1/locales`.
#[derive(Debug, Clone)]
pub struct ReloadStatus {
    /// When the locales in service were loaded (at start, or by the last
    /// accepted reload).
    pub loaded_at: DateTime<Utc>,
    /// The last refused reload, if any since start.
    pub last_rejected: Option<RejectedReload>,
}

/// A reload that was refused.
#[derive(Debug, Clone)]
pub struct RejectedReload {
    /// When.
    pub at: DateTime<Utc>,
    /// Why, one `file:line:column: message` (or `folder: message`) each.
    pub errors: Vec<String>,
}

impl ReloadStatus {
    /// The status at start-up: loaded now, nothing refused.
    pub fn started() -> Self {
        ReloadStatus {
            loaded_at: Utc::now(),
            last_rejected: None,
        }
    }
}
