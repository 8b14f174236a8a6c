//! Loading the catalog, at start-up and for a full rebuild: from its
//! snapshot when one matches this database, its search vocabulary and this
//! build (then the caller catches up from the change log), else from every
//! listing in the database, after which the snapshot is written and the
//! catalog opened from it, so that its records are read from the mapped
//! file rather than kept in the heap.

use std::path::Path;
use std::time::Instant;

use crate::catalog::snapshot::{self, Expected, SnapshotError};
use crate::catalog::{Catalog, Vocabulary, VocabularyTarget};
use crate::db::{self, Database, DbError, changes};
use crate::domain::{Category, City, ReferenceData};
use crate::i18n::{Locales, messages};

/// Past this many change rows behind, a catch-up reloads everything
/// rather than reading the changed listings batch by batch (a bulk import
/// elsewhere: one full read beats hundreds of batches).
pub(crate) const FULL_RELOAD_AFTER: i64 = 20_000;

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

/// The catalog of every live listing, marked with the change-log id it
/// reflects, read from the snapshot in `snapshots` when it can be.
pub async fn load_catalog(
    db: &Database,
    locales: &Locales,
    reference: &ReferenceData,
    snapshots: Option<&Path>,
) -> Result<Catalog, DbError> {
    let cities = reference.cities().to_vec();
    let vocabulary = vocabulary(locales, reference);
    let snapshot = match snapshots {
        Some(folder) => {
            let (latest, database) = db
                .run(|conn| Ok((changes::latest(conn)?, db::identity::get(conn)?)))
                .await?;
            let path = snapshot::path_in(folder, &database);
            let opened = {
                let (path, cities, vocabulary) = (path.clone(), cities.clone(), vocabulary.clone());
                let database = database.clone();
                tokio::task::spawn_blocking(move || {
                    let expected = Expected {
                        database: &database,
                        latest_change_id: latest,
                    };
                    open(&path, expected, &cities, vocabulary)
                })
                .await?
            };
            match opened {
                Ok(catalog) if latest - catalog.change_id() <= FULL_RELOAD_AFTER => {
                    return Ok(catalog);
                }
                Ok(catalog) => tracing::info!(
                    behind = latest - catalog.change_id(),
                    "the catalog's snapshot is too far behind the change log: rebuilding"
                ),
                Err(SnapshotError::Missing(_)) => {
                    tracing::info!("no catalog snapshot yet: building the catalog");
                }
                Err(error) => {
                    tracing::warn!(%error, "the catalog's snapshot is ignored: rebuilding");
                }
            }
            Some((path, database))
        }
        None => None,
    };
    // The id first: a write committed in between is then both in the
    // listings and after the id, and re-applying it later is harmless;
    // the other way round it could be missed.
    let (change_id, listings) = db
        .run(|conn| Ok((changes::latest(conn)?, db::listings::all_live(conn)?)))
        .await?;
    Ok(tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let built = Catalog::build(listings, &cities, vocabulary.clone()).reflecting(change_id);
        tracing::info!(
            listings = built.len(),
            ms = started.elapsed().as_millis(),
            "catalog built from the database"
        );
        match snapshot {
            Some((path, database)) => {
                let mapped = persist(built, &path, &database, &cities, vocabulary);
                release_freed_memory();
                mapped
            }
            None => built,
        }
    })
    .await?)
}

/// The catalog in the snapshot at `path`, timed.
fn open(
    path: &Path,
    expected: Expected<'_>,
    cities: &[City],
    vocabulary: Vocabulary,
) -> Result<Catalog, SnapshotError> {
    let started = Instant::now();
    let catalog = Catalog::open_snapshot(path, expected, cities, vocabulary)?;
    tracing::info!(
        listings = catalog.len(),
        change_id = catalog.change_id(),
        ms = started.elapsed().as_millis(),
        path = %path.display(),
        "catalog read from its snapshot"
    );
    Ok(catalog)
}

/// Writes `built`'s snapshot and serves the catalog opened from it; the
/// catalog as built when the folder cannot be written.
fn persist(
    built: Catalog,
    path: &Path,
    database: &str,
    cities: &[City],
    vocabulary: Vocabulary,
) -> Catalog {
    let started = Instant::now();
    if let Err(error) = built.write_snapshot(path, database) {
        tracing::warn!(%error, path = %path.display(), "cannot write the catalog's snapshot");
        return built;
    }
    tracing::info!(
        ms = started.elapsed().as_millis(),
        path = %path.display(),
        "catalog snapshot written"
    );
    let expected = Expected {
        database,
        latest_change_id: built.change_id(),
    };
    match open(path, expected, cities, vocabulary) {
        Ok(mapped) => mapped,
        Err(error) => {
            tracing::error!(%error, "the snapshot just written does not open");
            built
        }
    }
}

/// Hands the heap pages freed by dropping a built catalog back to the
/// kernel. glibc keeps freed small blocks for reuse, so a first start that
/// built 100 000 listings stayed at 560 MiB resident while serving from a
/// snapshot that a restart serves in 150 MiB.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns the allocator's free pages; it
    // touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}
