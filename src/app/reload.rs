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

use chrono::Utc;

use std::collections::BTreeSet;
use std::sync::Arc;

use super::reload_status::RejectedReload;
use super::state::AppState;
use crate::domain::City;
use crate::i18n::Locales;

/// The message ids the code uses, given the cities and the spoken-language
/// codes the data holds: a reload that loses one is refused. Given by the
/// front end that owns the messages (`api::required_messages`).
pub type RequiredIds = Arc<dyn Fn(&[City], &[String]) -> BTreeSet<String> + Send + Sync>;

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

/// The locale folder as it was when the locales in service were read.
pub struct LocaleWatch {
    dir: PathBuf,
    loaded: Snapshot,
    required: RequiredIds,
}

impl LocaleWatch {
    /// Notes the files of `dir`. Call it before loading them at start-up:
    /// a save in between is then seen as a change (and reloaded, at worst
    /// once too often) instead of being missed.
    pub fn before_load(dir: &Path, required: RequiredIds) -> Self {
        LocaleWatch {
            dir: dir.to_owned(),
            loaded: snapshot(dir),
            required,
        }
    }

    /// Polls the folder every `every` and reloads the locales when its
    /// files changed.
    pub fn spawn(self, state: AppState, every: Duration) {
        spawn_locale_watch(state, self.dir, self.loaded, self.required, every);
    }
}

fn spawn_locale_watch(
    state: AppState,
    dir: PathBuf,
    mut loaded: Snapshot,
    required: RequiredIds,
    every: Duration,
) {
    tokio::spawn(async move {
        let take = |dir: PathBuf| async move {
            tokio::task::spawn_blocking(move || snapshot(&dir))
                .await
                .unwrap_or_default()
        };
        let mut previous = loaded.clone();
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let current = take(dir.clone()).await;
            if current != loaded {
                match load_checked(&state, &dir, &required).await {
                    Ok(locales) => {
                        accept(&state, locales).await;
                        loaded = current.clone();
                    }
                    // Refused only once two polls agree: the file may have
                    // been caught half-written, and the next poll will tell.
                    Err(errors) if current == previous => {
                        reject(&state, &dir, errors);
                        loaded = current.clone();
                    }
                    Err(_) => {}
                }
            }
            previous = current;
        }
    });
}

/// The locales in `dir`, if they parse and lose no message the code uses.
async fn load_checked(
    state: &AppState,
    dir: &Path,
    required: &RequiredIds,
) -> Result<Locales, Vec<String>> {
    let folder = dir.to_owned();
    let locales = tokio::task::spawn_blocking(move || Locales::load(&folder))
        .await
        .map_err(|error| vec![format!("{}: {error}", dir.display())])?
        .map_err(|error| lines(&error.to_string()))?;
    let lost = lost_messages(state, &locales, dir, required);
    if lost.is_empty() {
        Ok(locales)
    } else {
        Err(lost)
    }
}

/// Puts `locales` in service, then drops the rendered responses and
/// rebuilds the catalog's search vocabulary (localized names) through
/// [`AppState::locales_changed`]: rebuilding from the database costs a
/// read of the listings, which a rare reload can afford.
async fn accept(state: &AppState, locales: Locales) {
    let tags: Vec<String> = locales.all().iter().map(|l| l.tag().to_owned()).collect();
    state.replace_locales(locales);
    state.reload_status().write().loaded_at = Utc::now();
    state.locales_changed().await;
    tracing::info!(?tags, "locales reloaded");
}

fn reject(state: &AppState, dir: &Path, errors: Vec<String>) {
    tracing::error!(
        errors = %errors.join("\n"),
        "locale files refused; the previous locales stay in service"
    );
    // `GET /v1/locales` is public: it names files relative to the locales
    // folder (`ja/errors.ftl:3:5: …`), never where the server keeps them.
    let errors = errors.iter().map(|error| relative_to(dir, error)).collect();
    state.reload_status().write().last_rejected = Some(RejectedReload {
        at: Utc::now(),
        errors,
    });
}

/// `error` with every mention of `dir` (and the separator after it) taken out.
fn relative_to(dir: &Path, error: &str) -> String {
    let folder = dir.display().to_string();
    let separator = std::path::MAIN_SEPARATOR.to_string();
    error
        .replace(&format!("{folder}{separator}"), "")
        .replace(&folder, ".")
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Messages the code uses that a locale had and `candidate` lost. A new
/// locale may be partial (English fills in), but a shipped one must not
/// regress, and the source locale must have them all.
fn lost_messages(
    state: &AppState,
    candidate: &Locales,
    dir: &Path,
    required: &RequiredIds,
) -> Vec<String> {
    let current = state.locales();
    let languages: Vec<String> = state
        .catalog()
        .read()
        .spoken_languages()
        .into_iter()
        .collect();
    let required = required(state.reference().cities(), &languages);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_files_relative_to_the_locales_folder() {
        let dir = Path::new("/srv/directory/locales");
        assert_eq!(
            relative_to(
                dir,
                "/srv/directory/locales/ja/errors.ftl:3:5: expected a value"
            ),
            "ja/errors.ftl:3:5: expected a value"
        );
        assert_eq!(
            relative_to(dir, "/srv/directory/locales: unreadable"),
            ".: unreadable"
        );
    }
}
