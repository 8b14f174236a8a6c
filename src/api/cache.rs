//! A cache of rendered public read responses.
//!
//! The directory is read far more than it is written, and a page of
//! listings costs several queries and hundreds of Fluent lookups to
//! render. Rendered bodies are kept per (route, normalised query, locale)
//! for a short time-to-live, which also bounds how stale a time-dependent
//! label (an application window closing) can be.

use std::sync::Arc;
use std::time::Duration;

use actix_web::web::Bytes;
use moka::sync::Cache;

/// Rendered response bodies keyed by request identity.
#[derive(Clone)]
pub struct ResponseCache {
    entries: Option<Cache<Arc<str>, Bytes>>,
}

impl ResponseCache {
    /// Most entries kept; older ones are evicted first.
    const CAPACITY: u64 = 20_000;

    /// A cache whose entries live `ttl`; a zero `ttl` disables caching.
    pub fn new(ttl: Duration) -> Self {
        let entries = (!ttl.is_zero()).then(|| {
            Cache::builder()
                .max_capacity(Self::CAPACITY)
                .time_to_live(ttl)
                .build()
        });
        ResponseCache { entries }
    }

    /// The cached body for `key`, if fresh.
    pub fn get(&self, key: &str) -> Option<Bytes> {
        self.entries.as_ref()?.get(key)
    }

    /// Stores a body.
    pub fn insert(&self, key: Arc<str>, body: Bytes) {
        if let Some(entries) = &self.entries {
            entries.insert(key, body);
        }
    }

    /// Forgets everything, after a write.
    pub fn clear(&self) {
        if let Some(entries) = &self.entries {
            entries.invalidate_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_ttl_disables_the_cache() {
        let cache = ResponseCache::new(Duration::ZERO);
        cache.insert("k".into(), Bytes::from_static(b"v"));
        assert_eq!(cache.get("k"), None);
    }

    #[test]
    fn entries_are_served_until_cleared() {
        let cache = ResponseCache::new(Duration::from_secs(60));
        cache.insert("k".into(), Bytes::from_static(b"v"));
        assert_eq!(cache.get("k"), Some(Bytes::from_static(b"v")));
        cache.clear();
        cache.entries.as_ref().unwrap().run_pending_tasks();
        assert_eq!(cache.get("k"), None);
    }
}
