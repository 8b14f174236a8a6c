//! What every handler shares.

use std::sync::Arc;

use super::cache::ResponseCache;
use crate::db::Database;
use crate::domain::ReferenceData;
use crate::i18n::Locales;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Database,
    locales: Arc<Locales>,
    reference: Arc<ReferenceData>,
    /// Rendered bodies of public reads.
    pub cache: ResponseCache,
}

impl AppState {
    /// Bundles the parts built at start-up.
    pub fn new(
        db: Database,
        locales: Locales,
        reference: ReferenceData,
        cache: ResponseCache,
    ) -> Self {
        AppState {
            db,
            locales: Arc::new(locales),
            reference: Arc::new(reference),
            cache,
        }
    }

    /// The loaded locales.
    pub fn locales(&self) -> Arc<Locales> {
        Arc::clone(&self.locales)
    }

    /// Call after a write has committed: whatever was derived from the
    /// data (rendered responses, and later the search index) is refreshed
    /// before the write is answered, so a client reads its own writes.
    pub async fn data_changed(&self) {
        self.cache.clear();
    }

    /// Cities and districts.
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
    }
}
