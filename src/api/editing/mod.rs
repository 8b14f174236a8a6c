//! The write API: API keys and roles ([`auth`]), rate limits, ETags and
//! preconditions, the listing writes, translations, history, imports,
//! exports and key management. Reads elsewhere stay public.

pub mod auth;
mod content;
pub mod etag;
mod imports;
mod keys;
pub mod security;
mod translations;
mod views;
mod write;

use std::time::Duration;

use moka::sync::Cache;

use crate::api::rate_limit::RateLimiter;
use crate::config::EditingSettings;
use crate::keys::Principal;

pub use content::{get_listing_history, put_listing_content};
pub use imports::{export_listings_csv, export_listings_json, import_listings};
pub use keys::{create_key, list_keys, revoke_key};
pub use translations::import_translations;
pub use write::{create_listing, delete_listing, patch_listing};

/// State of the write API, shared by every worker.
#[derive(Clone)]
pub struct EditingState {
    /// Keys verified recently: argon2 costs tens of milliseconds, so a
    /// verified key is trusted for a minute (or until revoked here).
    verified: Cache<String, Principal>,
    /// Every rate limit (per key, per address, failed keys, reports).
    pub limits: RateLimiter,
    /// Largest CSV body accepted by `POST /v1/imports`.
    pub import_max_bytes: usize,
}

impl EditingState {
    /// How long a verified key is trusted without verifying it again. A key
    /// revoked through another instance is forgotten as soon as its
    /// notification arrives (PostgreSQL); revoked through the CLI on
    /// SQLite, it works at most this long.
    pub const KEY_CACHE_TTL: Duration = Duration::from_secs(60);

    /// State from the settings, limited by `limits`.
    pub fn new(settings: &EditingSettings, limits: RateLimiter) -> Self {
        EditingState {
            verified: Cache::builder()
                .max_capacity(10_000)
                .time_to_live(Self::KEY_CACHE_TTL)
                .build(),
            limits,
            import_max_bytes: settings.import_max_mb as usize * 1024 * 1024,
        }
    }

    /// Forgets every verified key, after a revocation.
    pub fn forget_keys(&self) {
        self.verified.invalidate_all();
    }
}
