//! What every handler shares.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::RwLock;

use super::cache::ResponseCache;
use super::loading::{FULL_RELOAD_AFTER, load_catalog};
use super::reload_status::ReloadStatus;
use crate::catalog::{Catalog, Change};
use crate::db::{Database, DbError, changes};
use crate::domain::{ReferenceData, StaleAfter};
use crate::i18n::Locales;

/// Listings read from the change log per query.
const CATCH_UP_BATCH: i64 = 1_000;

/// Shared application state, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database pool.
    pub db: Database,
    /// Swapped whole by the live reloader; each request takes one `Arc`
    /// and keeps it, so a reload never changes a response half-way.
    locales: Arc<RwLock<Arc<Locales>>>,
    /// Bumped after every swap of `locales`; part of response cache keys.
    locales_generation: Arc<AtomicU64>,
    /// What the live reloader last did, for `GET /v1/locales`.
    reload_status: Arc<RwLock<ReloadStatus>>,
    reference: Arc<ReferenceData>,
    catalog: Arc<RwLock<Catalog>>,
    /// Held while the catalog catches up or is rebuilt, so that two
    /// catch-ups (a poll, a write, a notification) never apply the same
    /// batch twice nor race to replace the catalog.
    syncing: Arc<tokio::sync::Mutex<()>>,
    /// Rendered bodies of public reads.
    pub cache: ResponseCache,
    stale_after: StaleAfter,
    /// Where the catalog's snapshot is kept, if anywhere.
    snapshots: Option<PathBuf>,
}

impl AppState {
    /// Bundles the parts built at start-up.
    pub fn new(
        db: Database,
        locales: Locales,
        reference: ReferenceData,
        catalog: Catalog,
        cache: ResponseCache,
    ) -> Self {
        AppState {
            db,
            locales: Arc::new(RwLock::new(Arc::new(locales))),
            locales_generation: Arc::new(AtomicU64::new(0)),
            reload_status: Arc::new(RwLock::new(ReloadStatus::started())),
            reference: Arc::new(reference),
            catalog: Arc::new(RwLock::new(catalog)),
            syncing: Arc::new(tokio::sync::Mutex::new(())),
            cache,
            stale_after: StaleAfter::default(),
            snapshots: None,
        }
    }

    /// Keeps the catalog's snapshot in `folder` when it is rebuilt.
    pub fn with_snapshots(mut self, folder: Option<PathBuf>) -> Self {
        self.snapshots = folder;
        self
    }

    /// Sets the age past which listings are flagged stale.
    pub fn with_stale_after(mut self, stale_after: StaleAfter) -> Self {
        self.stale_after = stale_after;
        self
    }

    /// The age past which listings are flagged stale.
    pub fn stale_after(&self) -> StaleAfter {
        self.stale_after
    }

    /// The locales in service now.
    pub fn locales(&self) -> Arc<Locales> {
        Arc::clone(&self.locales.read())
    }

    /// Counts locale swaps. Read it before rendering: a body rendered with
    /// locales fetched afterwards is at least that new, so keying cached
    /// bodies by it means no body of replaced locales is served from the
    /// cache once a reload is done, even one stored after the clear.
    pub fn locales_generation(&self) -> u64 {
        self.locales_generation.load(Ordering::SeqCst)
    }

    /// Puts `locales` in service: requests that start from now on use them.
    pub fn replace_locales(&self, locales: Locales) {
        *self.locales.write() = Arc::new(locales);
        // After the swap, never before: see `locales_generation`.
        self.locales_generation.fetch_add(1, Ordering::SeqCst);
    }

    /// What the live reloader last did.
    pub fn reload_status(&self) -> &RwLock<ReloadStatus> {
        &self.reload_status
    }

    /// Cities and districts.
    pub fn reference(&self) -> &ReferenceData {
        &self.reference
    }

    /// The in-memory catalog of live listings.
    pub fn catalog(&self) -> &RwLock<Catalog> {
        &self.catalog
    }

    /// Call after a write has committed: the catalog catches up with the
    /// change log (which the write appended to in its transaction) and
    /// rendered responses are dropped before the write is answered, so a
    /// client reads its own writes.
    pub async fn data_changed(&self) {
        if let Err(error) = self.refresh_if_changed().await {
            tracing::error!(%error, "catalog catch-up failed; serving the previous one");
        }
    }

    /// Catches up with the change log when it moved past the catalog,
    /// whoever wrote (another instance behind the load balancer, an import
    /// tool). Returns whether anything was applied. Cheap when nothing
    /// changed (one lookup of the log's last id) and safe to call often and
    /// from several tasks at once: callers take turns, and one that finds
    /// the work done by the one before returns at once.
    pub async fn refresh_if_changed(&self) -> Result<bool, DbError> {
        let _syncing = self.syncing.lock().await;
        let mine = self.catalog.read().change_id();
        let latest = self.db.run(changes::latest).await?;
        if latest == mine {
            return Ok(false);
        }
        // Behind by a bulk load, or ahead of a database restored from a
        // backup (or replaced): read everything.
        if latest < mine || latest - mine > FULL_RELOAD_AFTER {
            self.rebuild().await?;
            return Ok(true);
        }
        // On PostgreSQL change ids commit in order (see `db::changes`), so
        // every id up to `latest` is visible now and none is skipped.
        let mut through = mine;
        let mut pending = Vec::new();
        while through < latest {
            let after = through;
            let batch = self
                .db
                .run(move |conn| changes::catalog_batch(conn, after, CATCH_UP_BATCH))
                .await?;
            if batch.through <= after {
                break;
            }
            through = batch.through;
            pending.extend(
                batch
                    .live
                    .into_iter()
                    .map(|listing| Change::Upsert(Box::new(listing)))
                    .chain(batch.removed.into_iter().map(Change::Remove)),
            );
        }
        let count = pending.len();
        // One application for every batch: each rebuilds the orders.
        self.catalog.write().catch_up(pending, through);
        self.cache.clear();
        tracing::info!(count, through, "catalog caught up with the change log");
        Ok(true)
    }

    /// Rebuilds the whole catalog (and its search vocabulary); the caller
    /// holds `syncing`.
    async fn rebuild(&self) -> Result<(), DbError> {
        let catalog = load_catalog(
            &self.db,
            &self.locales(),
            &self.reference,
            self.snapshots.as_deref(),
        )
        .await?;
        let change_id = catalog.change_id();
        *self.catalog.write() = catalog;
        self.cache.clear();
        tracing::info!(change_id, "catalog reloaded");
        Ok(())
    }

    /// Call after the locale files changed: localized names feed the
    /// search vocabulary, so the catalog is rebuilt whole.
    pub async fn locales_changed(&self) {
        let _syncing = self.syncing.lock().await;
        if let Err(error) = self.rebuild().await {
            tracing::error!(%error, "catalog rebuild failed; serving the previous one");
        }
    }
}
