//! A cache of rendered public read responses.
//!
//! The directory is read far more than it is written, and a page of
//! listings costs several queries and hundreds of Fluent lookups to
//! render. Rendered bodies are kept per (route, normalised query, locale)
//! for a short time-to-live, which also bounds how stale a time-dependent
//! label (an application window closing) can be.

use std::sync::Arc;
use std::time::Duration;

use moka::sync::Cache;

use super::respond::Rendered;

/// Rendered response bodies keyed by request identity.
#[derive(Clone)]
pub struct ResponseCache {
    entries: Option<Cache<Arc<str>, Rendered>>,
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
    pub fn get(&self, key: &str) -> Option<Rendered> {
        self.entries.as_ref()?.get(key)
    }

    /// Stores a body.
    pub fn insert(&self, key: Arc<str>, body: Rendered) {
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
    use actix_web::web::Bytes;

    fn rendered(text: &'static str) -> Rendered {
        Rendered {
            body: Bytes::from_static(text.as_bytes()),
            next_cursor: None,
            etag: None,
        }
    }

    #[test]
    fn a_zero_ttl_disables_the_cache() {
        let cache = ResponseCache::new(Duration::ZERO);
        cache.insert("k".into(), rendered("v"));
        assert!(cache.get("k").is_none());
    }

    #[test]
    fn entries_are_served_until_cleared() {
        let cache = ResponseCache::new(Duration::from_secs(60));
        cache.insert("k".into(), rendered("v"));
        assert_eq!(cache.get("k").unwrap().body, Bytes::from_static(b"v"));
        cache.clear();
        cache.entries.as_ref().unwrap().run_pending_tasks();
        assert!(cache.get("k").is_none());
    }
}
