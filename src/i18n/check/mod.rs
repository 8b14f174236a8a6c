//! `directory locales check`: every problem a translator can make in the
//! locale files, with file:line:column, compared with the source locale.
//!
//! Pure: it reads a folder tree and returns a [`Report`]; printing and the
//! exit code are the caller's. Unlike [`super::Locales::load`], it never
//! stops at the first broken file, so one run shows everything.
//!
//! Severity follows what a finding does to a reader of the API:
//! - **errors** break a response or the bundle: syntax errors, a message
//!   defined twice, a variable the code never passes, a reference to a
//!   message or term the locale lacks, an attribute or value the source
//!   does not have, a folder that is not a language tag, no `en` folder;
//! - **warnings** degrade gracefully: a missing message falls back to
//!   English, an obsolete one is never asked for, a dropped variable or
//!   reference, a missing attribute, a different selector, and what a
//!   native reader would correct ([`style`]): a key term rendered otherwise
//!   than the locale's glossary says, half-width punctuation in Chinese or
//!   Japanese, a Korean particle glued to a variable. CI runs the check
//!   with `--deny-warnings`, so shipped files have none.

mod compare;
pub(crate) mod entries;
mod report;
pub mod style;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use unic_langid::LanguageIdentifier;

pub use entries::EntryInfo;
use entries::{FileEntries, parse_file};
use style::{GLOSSARY_FILE, Glossary, StyleRule};

use super::SOURCE_LOCALE;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Fails the check.
    Error,
    /// Reported; the check still passes.
    Warning,
}

/// What kind of problem a finding is; its code is stable for tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The file does not parse here (a Junk entry).
    Syntax,
    /// The id is defined twice in one locale.
    Duplicate,
    /// A folder name is not a BCP 47 tag.
    InvalidLocale,
    /// There is no source locale folder.
    MissingSource,
    /// A source message or term has no translation.
    Missing,
    /// A translation whose id the source no longer has.
    Obsolete,
    /// A `$variable` the source neither uses nor documents in its comment
    /// (the code never passes it).
    UnknownVariable,
    /// A `$variable` of the source the translation leaves out (unless the
    /// source comment documents it, which makes it optional).
    UnusedVariable,
    /// The translation selects on a variable the source does not select on.
    SelectorMismatch,
    /// A reference to a message or term the locale does not define.
    UnknownReference,
    /// The translation references other messages or terms than the source.
    ReferenceMismatch,
    /// An attribute of the source is missing.
    MissingAttribute,
    /// An attribute the source does not have.
    ObsoleteAttribute,
    /// The source has a value and the translation not, or the reverse.
    ValueMismatch,
    /// The locale's `glossary.toml` does not parse.
    InvalidGlossary,
    /// A key term rendered otherwise than the locale's glossary says.
    Glossary,
    /// Half-width punctuation in Chinese or Japanese text, or the other
    /// tilde in Japanese.
    Punctuation,
    /// A Korean particle right after a variable.
    Particle,
}

impl Kind {
    /// The severity every finding of this kind has.
    pub fn severity(self) -> Severity {
        match self {
            Kind::Missing
            | Kind::Obsolete
            | Kind::UnusedVariable
            | Kind::SelectorMismatch
            | Kind::ReferenceMismatch
            | Kind::MissingAttribute
            | Kind::Glossary
            | Kind::Punctuation
            | Kind::Particle => Severity::Warning,
            Kind::Syntax
            | Kind::Duplicate
            | Kind::InvalidLocale
            | Kind::MissingSource
            | Kind::UnknownVariable
            | Kind::UnknownReference
            | Kind::ObsoleteAttribute
            | Kind::ValueMismatch
            | Kind::InvalidGlossary => Severity::Error,
        }
    }
}

/// One problem, located.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// Error or warning (from the kind).
    pub severity: Severity,
    /// The locale it concerns.
    pub locale: String,
    /// The file to open.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The message or term, when there is one.
    pub id: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

/// How much of the source locale's messages a locale translates.
#[derive(Debug, Clone, Serialize)]
pub struct Completeness {
    /// The locale.
    pub locale: String,
    /// Source messages it defines.
    pub translated: usize,
    /// Source messages.
    pub total: usize,
    /// `translated / total` in percent, one decimal.
    pub percent: f64,
}

/// Everything one check found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Findings ordered by file, line and column.
    pub findings: Vec<Finding>,
    /// One row per locale, in folder order.
    pub completeness: Vec<Completeness>,
}

impl Report {
    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// True when the check fails.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// True when the check fails with warnings denied.
    pub fn has_findings(&self) -> bool {
        !self.findings.is_empty()
    }
}

/// A locale folder, parsed file by file.
struct LocaleTree {
    tag: String,
    files: Vec<(PathBuf, FileEntries)>,
    glossary: Glossary,
}

impl LocaleTree {
    /// The first definition of each id, with the file it is in.
    fn definitions(&self) -> BTreeMap<&str, (&EntryInfo, &FileEntries)> {
        let mut map = BTreeMap::new();
        for (_, file) in &self.files {
            for entry in &file.entries {
                map.entry(entry.id.as_str()).or_insert((entry, file));
            }
        }
        map
    }
}

/// Checks every `<dir>/<locale>/*.ftl` against `<dir>/en/`.
pub fn check_dir(dir: &Path) -> io::Result<Report> {
    let mut findings = Vec::new();
    let mut locales = Vec::new();
    for folder in sorted(dir)? {
        if !folder.is_dir() {
            continue;
        }
        let tag = folder
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if tag.parse::<LanguageIdentifier>().is_err() {
            findings.push(Finding::at(
                Kind::InvalidLocale,
                &tag,
                &folder,
                (1, 1),
                None,
                format!(
                    "the folder name `{tag}` is not a BCP 47 language tag (e.g. `vi`, `zh-Hant`)"
                ),
            ));
            continue;
        }
        let mut files = Vec::new();
        for path in sorted(&folder)? {
            if path.extension().is_some_and(|ext| ext == "ftl") {
                let source = fs::read_to_string(&path)?;
                files.push((path.clone(), parse_file(&path, source)));
            }
        }
        let glossary = Glossary::load(&folder).unwrap_or_else(|reason| {
            findings.push(Finding::at(
                Kind::InvalidGlossary,
                &tag,
                &folder.join(GLOSSARY_FILE),
                (1, 1),
                None,
                format!("the glossary cannot be read: {reason}"),
            ));
            Glossary::default()
        });
        locales.push(LocaleTree {
            tag,
            files,
            glossary,
        });
    }
    let Some(source) = locales.iter().find(|l| l.tag == SOURCE_LOCALE) else {
        findings.push(Finding::at(
            Kind::MissingSource,
            SOURCE_LOCALE,
            dir,
            (1, 1),
            None,
            format!(
                "no `{SOURCE_LOCALE}` folder: every locale falls back to it, so it is required"
            ),
        ));
        return Ok(Report::new(findings, Vec::new()));
    };
    let reference = source.definitions();
    let mut completeness = Vec::new();
    for locale in &locales {
        compare::syntax_and_duplicates(locale, &mut findings);
        let defined = locale.definitions();
        compare::references(locale, &defined, &mut findings);
        if locale.tag != SOURCE_LOCALE {
            compare::against_source(locale, &defined, &reference, &mut findings);
        }
        style_findings(locale, &defined, &mut findings);
        let messages = reference.keys().filter(|id| !id.starts_with('-'));
        let total = messages.clone().count();
        let translated = messages.filter(|id| defined.contains_key(*id)).count();
        completeness.push(Completeness::new(&locale.tag, translated, total));
    }
    Ok(Report::new(findings, completeness))
}

impl Report {
    fn new(mut findings: Vec<Finding>, completeness: Vec<Completeness>) -> Self {
        findings.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.locale).cmp(&(&b.path, b.line, b.column, &b.locale))
        });
        Report {
            findings,
            completeness,
        }
    }
}

impl Completeness {
    /// The row of `locale`; an empty source counts as complete.
    pub fn new(locale: &str, translated: usize, total: usize) -> Self {
        let percent = if total == 0 {
            100.0
        } else {
            (translated as f64 * 1000.0 / total as f64).floor() / 10.0
        };
        Completeness {
            locale: locale.to_owned(),
            translated,
            total,
            percent,
        }
    }
}

impl Finding {
    fn at(
        kind: Kind,
        locale: &str,
        path: &Path,
        (line, column): (usize, usize),
        id: Option<&str>,
        message: String,
    ) -> Self {
        Finding {
            kind,
            severity: kind.severity(),
            locale: locale.to_owned(),
            path: path.to_owned(),
            line,
            column,
            id: id.map(str::to_owned),
            message,
        }
    }
}

/// What a native reader would correct: every text against the style
/// rules, and each message the glossary names against its rendering.
fn style_findings(
    locale: &LocaleTree,
    defined: &BTreeMap<&str, (&EntryInfo, &FileEntries)>,
    findings: &mut Vec<Finding>,
) {
    for (path, file) in &locale.files {
        for entry in &file.entries {
            for text in &entry.texts {
                for issue in style::check_text(&locale.tag, text, &locale.glossary) {
                    let kind = match issue.rule {
                        StyleRule::Glossary => Kind::Glossary,
                        StyleRule::Punctuation => Kind::Punctuation,
                        StyleRule::Particle => Kind::Particle,
                    };
                    let (needle, before) = style::needle(text, issue.offset);
                    let (line, column) = file.locate(entry, &needle);
                    let at = (line, column + before);
                    findings.push(Finding::at(
                        kind,
                        &locale.tag,
                        path,
                        at,
                        Some(&entry.id),
                        issue.message,
                    ));
                }
            }
        }
    }
    for term in &locale.glossary.terms {
        for id in &term.messages {
            let message = match defined.get(id.as_str()) {
                None => format!(
                    "the glossary names `{id}` for “{}”, which is not defined",
                    term.en
                ),
                Some((entry, _)) if names_term(entry, &term.rendering) => continue,
                Some(_) => format!(
                    "`{id}` should say “{}”, the glossary's rendering of “{}”",
                    term.rendering, term.en
                ),
            };
            let (path, line) = defined
                .get(id.as_str())
                .map_or((locale_glossary_path(locale), 1), |(entry, _)| {
                    (entry.path.clone(), entry.line)
                });
            findings.push(Finding::at(
                Kind::Glossary,
                &locale.tag,
                &path,
                (line, 1),
                Some(id),
                message,
            ));
        }
    }
}

fn names_term(entry: &EntryInfo, rendering: &str) -> bool {
    let rendering = rendering.to_lowercase();
    entry
        .texts
        .iter()
        .any(|text| text.to_lowercase().contains(&rendering))
}

fn locale_glossary_path(locale: &LocaleTree) -> PathBuf {
    locale
        .files
        .first()
        .and_then(|(path, _)| path.parent())
        .map_or_else(
            || PathBuf::from(GLOSSARY_FILE),
            |dir| dir.join(GLOSSARY_FILE),
        )
}

fn sorted(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut paths = fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    paths.sort();
    Ok(paths)
}

#[cfg(test)]
mod tests;
