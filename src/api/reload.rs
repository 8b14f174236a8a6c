//! Live reload of the locale files: a translator saves, and within a
//! second every new request is answered with the new text; no restart, no
//! failed request. A save that would break responses is refused and the
//! last good locales stay in service.
//!
//! The folder is polled (file names, sizes and modification times every
//! 250 ms by default) rather than watched with inotify: it is as fast as
//! the one-second promise needs, costs a few `stat` calls, and works the
//! same on network file systems, in containers and with editors that save
//! by renaming. A change is loaded once two polls agree, so a file caught
//! half-written is not reported as broken.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

use super::required_messages::required_ids;
use super::state::AppState;
use crate::i18n::Locales;

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

/// Every `.ftl` file under `dir` with its size and modification time.
type Snapshot = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn snapshot(dir: &Path) -> Snapshot {
    let mut files = Vec::new();
    let Ok(folders) = std::fs::read_dir(dir) else {
        return files;
    };
    for folder in folders.flatten().map(|entry| entry.path()) {
        // A new, still empty folder counts too: it is a new locale.
        files.push((folder.clone(), 0, None));
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.flatten().map(|entry| entry.path()) {
            if path.extension().is_some_and(|ext| ext == "ftl") {
                let meta = std::fs::metadata(&path).ok();
                let size = meta.as_ref().map_or(0, |m| m.len());
                let modified = meta.and_then(|m| m.modified().ok());
                files.push((path, size, modified));
            }
        }
    }
    files.sort();
    files
}

/// Polls `dir` every `every` and reloads the locales when its files changed.
pub fn spawn_locale_watch(state: AppState, dir: PathBuf, every: Duration) {
    tokio::spawn(async move {
        let take = |dir: PathBuf| async move {
            tokio::task::spawn_blocking(move || snapshot(&dir))
                .await
                .unwrap_or_default()
        };
        let mut loaded = take(dir.clone()).await;
        let mut previous = loaded.clone();
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let current = take(dir.clone()).await;
            if current != loaded && current == previous {
                // Accepted or refused, this state of the files is dealt
                // with; the next save triggers the next attempt.
                let _ = reload_locales(&state, &dir).await;
                loaded = current.clone();
            }
            previous = current;
        }
    });
}

/// Loads `dir` and, if it is acceptable, puts it in service, drops the
/// rendered responses and rebuilds the catalog's search vocabulary (which
/// holds localized names) through [`AppState::data_changed`]. Otherwise
/// records and logs why and keeps the locales in service.
pub async fn reload_locales(state: &AppState, dir: &Path) -> Result<(), Vec<String>> {
    let folder = dir.to_owned();
    let loaded = tokio::task::spawn_blocking(move || Locales::load(&folder))
        .await
        .map_err(|error| vec![format!("{}: {error}", dir.display())])
        .and_then(|loaded| loaded.map_err(|error| lines(&error.to_string())));
    let checked = loaded.and_then(|locales| {
        let lost = lost_messages(state, &locales, dir);
        if lost.is_empty() {
            Ok(locales)
        } else {
            Err(lost)
        }
    });
    match checked {
        Ok(locales) => {
            let tags: Vec<String> = locales.all().iter().map(|l| l.tag().to_owned()).collect();
            state.replace_locales(locales);
            state.reload_status().write().loaded_at = Utc::now();
            state.data_changed().await;
            tracing::info!(?tags, "locales reloaded");
            Ok(())
        }
        Err(errors) => {
            tracing::error!(
                errors = %errors.join("\n"),
                "locale files refused; the previous locales stay in service"
            );
            state.reload_status().write().last_rejected = Some(RejectedReload {
                at: Utc::now(),
                errors: errors.clone(),
            });
            Err(errors)
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Messages the code uses that a locale had and `candidate` lost. A new
/// locale may be partial (English fills in), but a shipped one must not
/// regress, and the source locale must have them all.
fn lost_messages(state: &AppState, candidate: &Locales, dir: &Path) -> Vec<String> {
    let current = state.locales();
    let languages = state.catalog().read().spoken_languages();
    let required = required_ids(
        state.reference().cities(),
        languages.iter().map(String::as_str),
    );
    let mut lost = Vec::new();
    for locale in candidate.all() {
        let is_source = locale == candidate.source();
        let before = current.get(locale.tag());
        for id in &required {
            let had = is_source || before.is_some_and(|b| current.has_message(b, id));
            if had && !candidate.has_message(locale, id) {
                lost.push(format!(
                    "{}: message `{id}` is used by the code and is missing",
                    dir.join(locale.tag()).display()
                ));
            }
        }
    }
    lost
}
