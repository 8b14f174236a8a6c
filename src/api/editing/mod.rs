//! The write API: API keys and roles ([`auth`]), rate limits, ETags and
//! preconditions, the listing writes, translations, history, imports,
//! exports and key management. Reads elsewhere stay public.

pub mod auth;
mod history;
mod imports;
mod keys;
mod texts;
mod translations;
mod views;
mod write;

use crate::api::rate_limit::RateLimiter;
use crate::config::EditingSettings;

pub(crate) use history::get_listing_history;
pub(crate) use imports::import_listings;
pub(crate) use keys::{create_key, list_keys, revoke_key};
pub(crate) use texts::put_listing_content;
pub(crate) use translations::import_translations;
pub(crate) use write::field_errors;
pub(crate) use write::{create_listing, delete_listing, patch_listing};

/// State of the write API, shared by every worker.
#[derive(Clone)]
pub struct EditingState {
    /// Every rate limit (per key, per address, failed keys, reports).
    pub limits: RateLimiter,
    /// Largest CSV body accepted by `POST /v1/imports`.
    pub import_max_bytes: usize,
    /// Largest Fluent file accepted by `PUT /v1/translations/{locale}.ftl`.
    pub translations_max_bytes: usize,
}

impl EditingState {
    /// State from the settings, limited by `limits`.
    pub fn new(settings: &EditingSettings, limits: RateLimiter) -> Self {
        EditingState {
            limits,
            import_max_bytes: settings.import_max_mb as usize * 1024 * 1024,
            translations_max_bytes: settings.translations_import_max_mb as usize * 1024 * 1024,
        }
    }
}
