//! Where the locales come from: a folder on disk (`LOCALES_DIR`, or
//! `locales/` in the working directory), which translators edit and the
//! server reloads live, or the copy built into the binary, which makes it
//! run from any folder.

use std::fmt;
use std::path::{Path, PathBuf};

use unic_langid::LanguageIdentifier;

use super::Locales;
use super::load::{LocaleLoadError, LocaleTexts};

/// `(locale, file name, text)` of every shipped `.ftl` file, written by
/// `build.rs` from `locales/` at compile time.
const EMBEDDED: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_locales.rs"));

/// How embedded files are named in errors: where they came from.
pub(super) const EMBEDDED_ROOT: &str = "(built in) locales";

/// The folder a server or command uses when none is configured and it is
/// present in the working directory.
const DEFAULT_FOLDER: &str = "locales";

/// The locale files a process loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LocaleSource {
    /// `<dir>/<locale>/*.ftl` on disk: editable, and watched for live reload.
    Folder(PathBuf),
    /// The files built into the binary: nothing to watch.
    Embedded,
}

impl LocaleSource {
    /// The configured folder when there is one (`--locales-dir` or
    /// `LOCALES_DIR`: it must then exist), else `locales/` under
    /// `working_dir` when it holds the source locale, else the built-in
    /// copy.
    pub fn resolve(configured: Option<&Path>, working_dir: &Path) -> Self {
        if let Some(dir) = configured {
            return LocaleSource::Folder(dir.to_owned());
        }
        let local = working_dir.join(DEFAULT_FOLDER);
        if local.join(super::SOURCE_LOCALE).is_dir() {
            // Relative, as a person would type it; the same folder.
            LocaleSource::Folder(if working_dir == Path::new(".") {
                PathBuf::from(DEFAULT_FOLDER)
            } else {
                local
            })
        } else {
            LocaleSource::Embedded
        }
    }

    /// The folder to watch for saves, if the locales come from one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            LocaleSource::Folder(dir) => Some(dir),
            LocaleSource::Embedded => None,
        }
    }

    /// Loads and checks the locales (see [`Locales::load`]).
    pub fn load(&self) -> Result<Locales, LocaleLoadError> {
        match self {
            LocaleSource::Folder(dir) => Locales::load(dir),
            LocaleSource::Embedded => Locales::embedded(),
        }
    }
}

impl fmt::Display for LocaleSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LocaleSource::Folder(dir) => write!(f, "{}", dir.display()),
            LocaleSource::Embedded => f.write_str("built into the binary"),
        }
    }
}

/// The built-in files grouped by locale, in folder and file-name order.
pub(super) fn embedded_texts() -> Result<Vec<LocaleTexts>, LocaleLoadError> {
    let mut texts: Vec<LocaleTexts> = Vec::new();
    for &(folder, file, text) in EMBEDDED {
        let path = Path::new(EMBEDDED_ROOT).join(folder).join(file);
        let locale: LanguageIdentifier =
            folder
                .parse()
                .map_err(|_| LocaleLoadError::InvalidLocaleName {
                    path: Path::new(EMBEDDED_ROOT).join(folder),
                })?;
        let file = (path, text.to_owned());
        match texts.iter_mut().find(|(known, _)| *known == locale) {
            Some((_, files)) => files.push(file),
            None => texts.push((locale, vec![file])),
        }
    }
    Ok(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configured_folder_wins_even_when_it_does_not_exist() {
        let source = LocaleSource::resolve(Some(Path::new("/nowhere")), Path::new("."));
        assert_eq!(source, LocaleSource::Folder("/nowhere".into()));
        assert!(source.load().is_err());
    }

    #[test]
    fn the_working_directory_folder_is_used_when_present() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let source = LocaleSource::resolve(None, repo);
        assert_eq!(source, LocaleSource::Folder(repo.join("locales")));
    }

    #[test]
    fn without_a_folder_the_built_in_locales_are_used() {
        let empty = tempfile::tempdir().unwrap();
        let source = LocaleSource::resolve(None, empty.path());
        assert_eq!(source, LocaleSource::Embedded);
        assert_eq!(source.folder(), None);
    }

    #[test]
    fn the_built_in_locales_are_the_shipped_folder() {
        let shipped =
            Locales::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
        let embedded = Locales::embedded().unwrap();
        let tags = |l: &Locales| {
            l.all()
                .iter()
                .map(|t| t.tag().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(tags(&embedded), tags(&shipped));
        assert!(tags(&embedded).len() >= 4, "{:?}", tags(&embedded));
        for locale in shipped.all() {
            let built_in = embedded.get(locale.tag()).unwrap();
            assert_eq!(
                embedded.completeness(built_in),
                shipped.completeness(locale)
            );
            assert_eq!(
                embedded.format(built_in, "problem-title-invalid-parameter", None),
                shipped.format(locale, "problem-title-invalid-parameter", None)
            );
        }
    }
}
