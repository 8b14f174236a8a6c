//! A cache of rendered public read responses.
//!
//! The directory is read far more than it is written, and a page of
//! listings costs hundreds of Fluent lookups to render. Rendered bodies are
//! kept per (route, parsed query, locale generation, locale) for a short
//! time-to-live, which also bounds how stale a time-dependent label (an
//! application window closing) can be.
//!
//! The cache is bounded by bytes, not entries: 20 000 entries of 100-item
//! pages would be 2 GB. Keys are built from parsed, canonical values (so
//! `radius_m=1000` and `radius_m=01000` share one entry), moka's TinyLFU
//! admission keeps one-off keys from pushing out popular ones, and queries
//! that name a continuous value (a point, a viewport, an instant) are not
//! cached at all: they almost never repeat.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use moka::sync::Cache;

/// A rendered response body, the cursor of its next page and its ETag.
#[derive(Clone)]
pub struct Rendered {
    /// The serialized body.
    pub body: Bytes,
    /// The next page's cursor, for the `Link` header.
    pub next_cursor: Option<String>,
    /// The representation's version-based ETag, where the handler has one.
    pub etag: Option<String>,
}

/// What every entry costs besides its key and body (the entry itself,
/// moka's bookkeeping, the `Rendered` fields).
const ENTRY_OVERHEAD: usize = 160;

/// Rendered response bodies keyed by request identity.
#[derive(Clone)]
pub struct ResponseCache {
    entries: Option<Cache<Arc<str>, Rendered>>,
}

/// The bytes an entry holds.
fn weight(key: &Arc<str>, rendered: &Rendered) -> u32 {
    let bytes = key.len()
        + rendered.body.len()
        + rendered.next_cursor.as_ref().map_or(0, String::len)
        + rendered.etag.as_ref().map_or(0, String::len)
        + ENTRY_OVERHEAD;
    u32::try_from(bytes).unwrap_or(u32::MAX)
}

impl ResponseCache {
    /// A cache of at most `budget_bytes` whose entries live `ttl`; a zero
    /// `ttl` or budget disables caching.
    pub fn new(ttl: Duration, budget_bytes: u64) -> Self {
        let entries = (!ttl.is_zero() && budget_bytes > 0).then(|| {
            Cache::builder()
                .max_capacity(budget_bytes)
                .weigher(weight)
                .time_to_live(ttl)
                .build()
        });
        ResponseCache { entries }
    }

    /// The cached body for `key`, if fresh. Bodies are named and kept
    /// through `api::respond::cached_body` only, which adds the locale
    /// generation and the catalog's change id to the key.
    pub(crate) fn get(&self, key: &str) -> Option<Rendered> {
        self.entries.as_ref()?.get(key)
    }

    /// Stores a body (through `api::respond::cached_body` only).
    pub(crate) fn insert(&self, key: Arc<str>, body: Rendered) {
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

    /// Bytes held now (after pending maintenance), for tests and metrics.
    pub fn weighted_size(&self) -> u64 {
        self.entries.as_ref().map_or(0, |entries| {
            entries.run_pending_tasks();
            entries.weighted_size()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(body: Vec<u8>) -> Rendered {
        Rendered {
            body: Bytes::from(body),
            next_cursor: None,
            etag: None,
        }
    }

    #[test]
    fn a_zero_ttl_or_budget_disables_the_cache() {
        for cache in [
            ResponseCache::new(Duration::ZERO, 1 << 20),
            ResponseCache::new(Duration::from_secs(60), 0),
        ] {
            cache.insert("k".into(), rendered(b"v".to_vec()));
            assert!(cache.get("k").is_none());
        }
    }

    #[test]
    fn entries_are_served_until_cleared() {
        let cache = ResponseCache::new(Duration::from_secs(60), 1 << 20);
        cache.insert("k".into(), rendered(b"v".to_vec()));
        assert_eq!(cache.get("k").unwrap().body, Bytes::from_static(b"v"));
        cache.clear();
        assert_eq!(cache.weighted_size(), 0);
        assert!(cache.get("k").is_none());
    }

    #[test]
    fn the_cache_holds_no_more_bytes_than_its_budget() {
        let budget = 1 << 20;
        let cache = ResponseCache::new(Duration::from_secs(60), budget);
        for n in 0..200 {
            cache.insert(format!("page {n}").into(), rendered(vec![b'x'; 100 * 1024]));
        }
        let held = cache.weighted_size();
        assert!(held <= budget, "{held} bytes held");
        assert!(held > 0);
    }
}
