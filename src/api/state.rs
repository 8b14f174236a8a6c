//! What every handler shares.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::RwLock;

use super::cache::ResponseCache;
use super::reload::ReloadStatus;
use crate::catalog::{Catalog, Change, Vocabulary, VocabularyTarget};
use crate::db::listings::Fingerprint;
use crate::db::{self, Database, DbError};
use crate::domain::{Category, ReferenceData, StaleAfter};
use crate::i18n::{Locales, messages};

/// Past this many changed listings, a refresh reloads everything rather
/// than asking the database for each by id.
const INCREMENTAL_LIMIT: i64 = 2_000;

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
    /// The database state the catalog reflects.
    seen: Arc<tokio::sync::Mutex<Option<Fingerprint>>>,
    /// Rendered bodies of public reads.
    pub cache: ResponseCache,
    stale_after: StaleAfter,
}

/// The localized names search reaches: every category, city and district
/// name in every shipped locale, so a query in any script finds them.
pub fn vocabulary(locales: &Locales, reference: &ReferenceData) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    for locale in locales.all() {
        let mut add = |target: VocabularyTarget, id: &str| {
            if let Some(name) = locales.try_format(locale, id, None) {
                vocabulary.add(target, &name);
            }
        };
        for category in Category::ALL {
            add(
                VocabularyTarget::Category(category),
                &messages::category(category),
            );
        }
        for city in reference.cities() {
            add(
                VocabularyTarget::City(city.code.clone()),
                &messages::city(&city.code),
            );
            for district in &city.districts {
                add(
                    VocabularyTarget::District(city.code.clone(), district.code.clone()),
                    &messages::district(&city.code, &district.code),
                );
            }
        }
    }
    vocabulary
}

/// Reads every live listing and indexes it.
pub async fn load_catalog(
    db: &Database,
    locales: &Locales,
    reference: &ReferenceData,
) -> Result<Catalog, DbError> {
    let listings = db.run(db::listings::all_live).await?;
    let cities = reference.cities().to_vec();
    let vocabulary = vocabulary(locales, reference);
    Ok(tokio::task::spawn_blocking(move || Catalog::build(listings, &cities, vocabulary)).await?)
}

impl AppState {
    /// Bundles the parts built at start-up.
    pub fn new(
        db: Database,
        locales: Locales,
        reference: ReferenceData,
        catalog: Catalog,
        fingerprint: Fingerprint,
        cache: ResponseCache,
    ) -> Self {
        AppState {
            db,
            locales: Arc::new(RwLock::new(Arc::new(locales))),
            locales_generation: Arc::new(AtomicU64::new(0)),
            reload_status: Arc::new(RwLock::new(ReloadStatus::started())),
            reference: Arc::new(reference),
            catalog: Arc::new(RwLock::new(catalog)),
            seen: Arc::new(tokio::sync::Mutex::new(Some(fingerprint))),
            cache,
            stale_after: StaleAfter::default(),
        }
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

    /// Call after a write has committed: the catalog is reloaded and
    /// rendered responses are dropped before the write is answered, so a
    /// client reads its own writes.
    pub async fn data_changed(&self) {
        let mut seen = self.seen.lock().await;
        if let Err(error) = self.reload(&mut seen).await {
            tracing::error!(%error, "catalog reload failed; serving the previous one");
        }
    }

    /// Reloads when the database changed since the last load, whoever
    /// changed it (another instance behind the load balancer, an import
    /// tool). Returns whether it reloaded.
    pub async fn refresh_if_changed(&self) -> Result<bool, DbError> {
        let mut seen = self.seen.lock().await;
        let current = self.db.run(db::listings::fingerprint).await?;
        if seen.as_ref() == Some(&current) {
            return Ok(false);
        }
        self.reload(&mut seen).await?;
        Ok(true)
    }

    /// The fingerprint is read before the listings, so a write landing
    /// in between is caught by the next poll rather than missed.
    async fn reload(&self, seen: &mut Option<Fingerprint>) -> Result<(), DbError> {
        let fingerprint = self.db.run(db::listings::fingerprint).await?;
        let previous = seen.as_ref().and_then(Fingerprint::watermark);
        if let Some(previous) = previous {
            // Re-read a margin before the last change seen: another
            // instance's clock, or a long transaction that committed late,
            // may stamp a change a little in the past. Re-applying a
            // listing is harmless.
            let since = previous - chrono::Duration::minutes(5);
            let changed = self
                .db
                .run(move |conn| db::listings::changed_since(conn, since, INCREMENTAL_LIMIT))
                .await?;
            if let Some(changed) = changed {
                let count = changed.live.len() + changed.deleted.len();
                let changes = changed
                    .live
                    .into_iter()
                    .map(|listing| Change::Upsert(Box::new(listing)))
                    .chain(changed.deleted.into_iter().map(Change::Remove))
                    .collect();
                let mut catalog = self.catalog.write();
                catalog.apply(changes);
                // A safety net: if counts disagree, something changed
                // without a timestamp we could see; read everything.
                if i64::try_from(catalog.len()).ok() == Some(fingerprint.live()) {
                    drop(catalog);
                    *seen = Some(fingerprint);
                    self.cache.clear();
                    tracing::info!(count, "catalog updated");
                    return Ok(());
                }
            }
        }
        self.rebuild(seen, fingerprint).await
    }

    /// Rebuilds the whole catalog (and its search vocabulary).
    async fn rebuild(
        &self,
        seen: &mut Option<Fingerprint>,
        fingerprint: Fingerprint,
    ) -> Result<(), DbError> {
        let catalog = load_catalog(&self.db, &self.locales(), &self.reference).await?;
        *self.catalog.write() = catalog;
        *seen = Some(fingerprint);
        self.cache.clear();
        tracing::info!("catalog reloaded");
        Ok(())
    }

    /// Call after the locale files changed: localized names feed the
    /// search vocabulary, so the catalog is rebuilt whole.
    pub async fn locales_changed(&self) {
        let mut seen = self.seen.lock().await;
        let result = match self.db.run(db::listings::fingerprint).await {
            Ok(fingerprint) => self.rebuild(&mut seen, fingerprint).await,
            Err(error) => Err(error),
        };
        if let Err(error) = result {
            tracing::error!(%error, "catalog rebuild failed; serving the previous one");
        }
    }
}
