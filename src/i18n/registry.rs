//! The loaded locales: one thread-safe Fluent bundle per locale, request
//! negotiation, and message formatting with fallback to the source locale.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use super::SOURCE_LOCALE;
use super::accept_language::{Preference, parse_accept_language};
use super::load::{LocaleFiles, LocaleLoadError, parse_locale_texts, read_locale_tree};

type Bundle = FluentBundle<FluentResource>;

/// A locale chosen for a request: cheap to clone, printable as its BCP 47 tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Locale(Arc<str>);

impl Locale {
    /// The BCP 47 tag, e.g. `zh-Hans`.
    pub fn tag(&self) -> &str {
        &self.0
    }
}

/// Every shipped locale, loaded and ready to format.
pub struct Locales {
    /// In folder-name order; the source locale is among them.
    available: Vec<LanguageIdentifier>,
    tags: Vec<Locale>,
    bundles: HashMap<Locale, Bundle>,
    /// Message ids (not terms) each locale defines itself; bundles cannot
    /// list theirs, and completeness needs them.
    message_ids: HashMap<Locale, HashSet<String>>,
    source: Locale,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales").field("tags", &self.tags).finish()
    }
}

impl Locales {
    /// Loads `<dir>/<locale>/*.ftl`. Fails on any syntax error, duplicate
    /// message or a missing source locale, so a broken file never ships.
    pub fn load(dir: &Path) -> Result<Self, LocaleLoadError> {
        Self::from_files(read_locale_tree(dir)?, dir)
    }

    /// The locales built into the binary (the `locales/` folder it was
    /// compiled from), so that it runs from any folder.
    pub fn embedded() -> Result<Self, LocaleLoadError> {
        Self::from_files(
            parse_locale_texts(super::source::embedded_texts()?)?,
            Path::new(super::source::EMBEDDED_ROOT),
        )
    }

    /// Builds the bundles; `dir` names the origin in errors.
    fn from_files(tree: Vec<LocaleFiles>, dir: &Path) -> Result<Self, LocaleLoadError> {
        let mut available = Vec::new();
        let mut tags = Vec::new();
        let mut bundles = HashMap::new();
        let mut message_ids = HashMap::new();
        for files in tree {
            let ids: HashSet<String> = files
                .resources
                .iter()
                .flat_map(|(_, resource)| resource.entries())
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            let mut bundle = FluentBundle::new_concurrent(vec![files.locale.clone()]);
            // API text is not mixed into bidirectional UI, so the
            // isolation marks around placeables would only be noise.
            bundle.set_use_isolating(false);
            #[expect(
                clippy::expect_used,
                reason = "add_builtins fails only when called twice on one bundle"
            )]
            bundle
                .add_builtins()
                .expect("the builtin functions are registered once per bundle");
            for (path, resource) in files.resources {
                if let Err(errors) = bundle.add_resource(resource) {
                    let id = errors
                        .iter()
                        .find_map(|error| match error {
                            fluent_bundle::FluentError::Overriding { id, .. } => Some(id.clone()),
                            _ => None,
                        })
                        .unwrap_or_default();
                    return Err(LocaleLoadError::Duplicate { path, id });
                }
            }
            let locale = Locale(files.locale.to_string().into());
            available.push(files.locale);
            tags.push(locale.clone());
            message_ids.insert(locale.clone(), ids);
            bundles.insert(locale, bundle);
        }
        let source = tags
            .iter()
            .find(|locale| locale.tag() == SOURCE_LOCALE)
            .cloned()
            .ok_or_else(|| LocaleLoadError::MissingSourceLocale {
                dir: dir.to_owned(),
                locale: SOURCE_LOCALE,
            })?;
        Ok(Locales {
            available,
            tags,
            bundles,
            message_ids,
            source,
        })
    }

    /// How many of the source locale's messages `locale` defines itself,
    /// and how many the source has.
    pub fn completeness(&self, locale: &Locale) -> (usize, usize) {
        let Some(source) = self.message_ids.get(&self.source) else {
            return (0, 0);
        };
        let own = self.message_ids.get(locale);
        let translated = source
            .iter()
            .filter(|id| own.is_some_and(|own| own.contains(*id)))
            .count();
        (translated, source.len())
    }

    /// Every locale, in folder-name order.
    pub fn all(&self) -> &[Locale] {
        &self.tags
    }

    /// The source locale, used when nothing the client asked for is available.
    pub fn source(&self) -> &Locale {
        &self.source
    }

    /// The shipped locale with exactly this tag.
    pub fn get(&self, tag: &str) -> Option<&Locale> {
        self.tags.iter().find(|locale| locale.tag() == tag)
    }

    /// Chooses the response locale: `?lang=` first, then `Accept-Language`
    /// by weight, then the source locale. Never fails: unparseable input is
    /// ignored.
    pub fn negotiate(&self, lang_param: Option<&str>, accept_language: Option<&str>) -> Locale {
        let from_param = lang_param
            .and_then(|tag| tag.trim().parse::<LanguageIdentifier>().ok())
            .map(Some);
        let from_header = accept_language
            .map(parse_accept_language)
            .unwrap_or_default();
        from_param
            .into_iter()
            .chain(from_header)
            .find_map(|preference| self.best_match(&preference))
            .unwrap_or_else(|| self.source.clone())
    }

    /// The best shipped locale for one preference: fluent-langneg's
    /// matching (exact, region-less, likely script), then any locale of the
    /// same language, so that `zh-TW` is served `zh-Hans` until a
    /// Traditional Chinese locale exists.
    fn best_match(&self, preference: &Preference) -> Option<Locale> {
        let Some(wanted) = preference else {
            return Some(self.source.clone());
        };
        let matched = negotiate_languages(
            std::slice::from_ref(wanted),
            &self.available,
            None,
            NegotiationStrategy::Lookup,
        )
        .first()
        .copied()
        .or_else(|| {
            self.available
                .iter()
                .find(|tag| tag.language == wanted.language)
        })?;
        let position = self.available.iter().position(|tag| tag == matched)?;
        Some(self.tags[position].clone())
    }

    /// Formats message `id` in `locale`, falling back to the source locale
    /// when the locale lacks it, and to the id itself when no locale has it
    /// (a test keeps that from shipping).
    pub fn format(&self, locale: &Locale, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        [locale, &self.source]
            .into_iter()
            .filter_map(|locale| self.bundles.get(locale))
            .find_map(|bundle| {
                let pattern = bundle.get_message(id)?.value()?;
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                if !errors.is_empty() {
                    tracing::warn!(locale = %locale.tag(), id, ?errors, "message formatted with errors");
                }
                Some(text.into_owned())
            })
            .unwrap_or_else(|| {
                tracing::warn!(locale = %locale.tag(), id, "message missing in every locale");
                id.to_owned()
            })
    }

    /// Like [`Locales::format`], but `None` when no locale has the message,
    /// for labels that have a better fallback than their id (a language
    /// code, say).
    pub fn try_format(
        &self,
        locale: &Locale,
        id: &str,
        args: Option<&FluentArgs<'_>>,
    ) -> Option<String> {
        let known = [locale, &self.source]
            .into_iter()
            .any(|candidate| self.has_message(candidate, id));
        known.then(|| self.format(locale, id, args))
    }

    /// True when `locale` itself (not a fallback) defines message `id`.
    pub fn has_message(&self, locale: &Locale, id: &str) -> bool {
        self.bundles
            .get(locale)
            .is_some_and(|bundle| bundle.has_message(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree(locales: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (tag, source) in locales {
            fs::create_dir_all(dir.path().join(tag)).unwrap();
            fs::write(dir.path().join(tag).join("main.ftl"), source).unwrap();
        }
        dir
    }

    fn shipped() -> (tempfile::TempDir, Locales) {
        let dir = tree(&[
            ("en", "hello = Hello\nonly-en = English only\n"),
            ("ja", "hello = こんにちは\n"),
            ("ko", "hello = 안녕하세요\n"),
            ("zh-Hans", "hello = 你好\n"),
        ]);
        let locales = Locales::load(dir.path()).unwrap();
        (dir, locales)
    }

    #[test]
    fn regions_and_scripts_map_to_the_shipped_locale() {
        let (_dir, locales) = shipped();
        let pick = |header| locales.negotiate(None, Some(header)).tag().to_owned();
        assert_eq!(pick("ja-JP"), "ja");
        assert_eq!(pick("ko-KR"), "ko");
        for chinese in ["zh", "zh-CN", "zh-SG", "zh-TW", "zh-Hant-HK"] {
            assert_eq!(pick(chinese), "zh-Hans", "{chinese}");
        }
        assert_eq!(pick("fr, ja;q=0.2"), "ja");
        assert_eq!(pick("fr;q=0.9, *;q=0.5, ja;q=0.1"), "en");
        assert_eq!(pick("garbage;;q=x"), "en");
    }

    #[test]
    fn the_lang_parameter_wins_over_the_header() {
        let (_dir, locales) = shipped();
        let chosen = locales.negotiate(Some("ko"), Some("ja"));
        assert_eq!(chosen.tag(), "ko");
        let unknown = locales.negotiate(Some("xx-invalid-!!"), Some("ja"));
        assert_eq!(unknown.tag(), "ja");
    }

    #[test]
    fn a_message_missing_in_a_locale_falls_back_to_english() {
        let (_dir, locales) = shipped();
        let ja = locales.get("ja").unwrap().clone();
        assert_eq!(locales.format(&ja, "hello", None), "こんにちは");
        assert_eq!(locales.format(&ja, "only-en", None), "English only");
        assert_eq!(locales.format(&ja, "nowhere", None), "nowhere");
    }

    #[test]
    fn completeness_counts_the_source_messages_a_locale_defines() {
        let (_dir, locales) = shipped();
        let ja = locales.get("ja").unwrap().clone();
        assert_eq!(locales.completeness(&ja), (1, 2));
        assert_eq!(locales.completeness(locales.source()), (2, 2));
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let dir = tree(&[("en", "ok = fine\nbroken = { $x ]\nafter = ok\n")]);
        let error = Locales::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("main.ftl:2:15: "), "{error}");
    }

    #[test]
    fn the_source_locale_is_required() {
        let dir = tree(&[("ja", "hello = こんにちは\n")]);
        assert!(matches!(
            Locales::load(dir.path()),
            Err(LocaleLoadError::MissingSourceLocale { .. })
        ));
    }
}
