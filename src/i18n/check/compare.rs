//! The comparisons behind each kind of finding.

use std::collections::{BTreeMap, BTreeSet};

use super::entries::{EntryInfo, FileEntries};
use super::{Finding, Kind, LocaleTree};
use crate::i18n::SOURCE_LOCALE;

type Definitions<'a> = BTreeMap<&'a str, (&'a EntryInfo, &'a FileEntries)>;

/// Junk entries and ids defined twice in the locale (across its files too,
/// since all of a locale's files go into one bundle).
pub(super) fn syntax_and_duplicates(locale: &LocaleTree, findings: &mut Vec<Finding>) {
    let mut seen: BTreeMap<&str, &EntryInfo> = BTreeMap::new();
    for (path, file) in &locale.files {
        for problem in &file.problems {
            findings.push(Finding::at(
                Kind::Syntax,
                &locale.tag,
                path,
                (problem.line, problem.column),
                None,
                format!("syntax error: {}", problem.message),
            ));
        }
        for entry in &file.entries {
            if let Some(first) = seen.get(entry.id.as_str()) {
                findings.push(Finding::at(
                    Kind::Duplicate,
                    &locale.tag,
                    path,
                    (entry.line, 1),
                    Some(&entry.id),
                    format!(
                        "{} is already defined at {}:{}",
                        entry.describe(),
                        first.path.display(),
                        first.line
                    ),
                ));
            } else {
                seen.insert(&entry.id, entry);
            }
        }
    }
}

/// References resolve inside one bundle: a message of `ja` that uses
/// `{ -brand }` needs `-brand` in `ja`, English cannot stand in for it.
pub(super) fn references(locale: &LocaleTree, defined: &Definitions<'_>, out: &mut Vec<Finding>) {
    for (entry, file) in defined.values() {
        for reference in &entry.references {
            if !defined.contains_key(reference.as_str()) {
                let kind = if reference.starts_with('-') {
                    "term"
                } else {
                    "message"
                };
                out.push(Finding::at(
                    Kind::UnknownReference,
                    &locale.tag,
                    &entry.path,
                    file.locate(entry, reference),
                    Some(&entry.id),
                    format!(
                        "{} references {kind} `{reference}`, which `{}` does not define",
                        entry.describe(),
                        locale.tag
                    ),
                ));
            }
        }
    }
}

/// Missing and obsolete entries, and each translation against its source.
pub(super) fn against_source(
    locale: &LocaleTree,
    defined: &Definitions<'_>,
    reference: &Definitions<'_>,
    out: &mut Vec<Finding>,
) {
    let tag = locale.tag.as_str();
    for (id, (source, _)) in reference {
        if defined.contains_key(id) {
            continue;
        }
        let file = source.path.file_name().map(|f| f.to_string_lossy());
        out.push(Finding::at(
            Kind::Missing,
            tag,
            &source.path,
            (source.line, 1),
            Some(id),
            format!(
                "{} is not translated into `{tag}` (expected in {tag}/{}); English is served instead",
                source.describe(),
                file.unwrap_or_default()
            ),
        ));
    }
    for (id, (entry, file)) in defined {
        let Some((source, _)) = reference.get(id) else {
            out.push(Finding::at(
                Kind::Obsolete,
                tag,
                &entry.path,
                (entry.line, 1),
                Some(id),
                format!(
                    "{} is not in the source locale `{SOURCE_LOCALE}` any more; delete it",
                    entry.describe()
                ),
            ));
            continue;
        };
        compare_entry(tag, entry, file, source, out);
    }
}

fn compare_entry(
    tag: &str,
    entry: &EntryInfo,
    file: &FileEntries,
    source: &EntryInfo,
    out: &mut Vec<Finding>,
) {
    let mut push = |kind, needle: &str, message: String| {
        let position = if needle.is_empty() {
            (entry.line, 1)
        } else {
            file.locate(entry, needle)
        };
        out.push(Finding::at(
            kind,
            tag,
            &entry.path,
            position,
            Some(&entry.id),
            format!("{} {message}", entry.describe()),
        ));
    };
    let passed: BTreeSet<&String> = source.variables.union(&source.documented).collect();
    for variable in entry.variables.iter().filter(|v| !passed.contains(v)) {
        push(
            Kind::UnknownVariable,
            &format!("${variable}"),
            format!("uses ${variable}, which the source does not: the code never passes it"),
        );
    }
    // A variable the source comment documents is one of the forms the code
    // offers (`$h` or `$hh`): a translation may pick another.
    let optional = |v: &&String| !source.documented.contains(*v);
    for variable in source
        .variables
        .difference(&entry.variables)
        .filter(optional)
    {
        push(
            Kind::UnusedVariable,
            "",
            format!("does not use ${variable}, which the source uses"),
        );
    }
    // A language with fewer plural forms may drop the source's selector;
    // selecting on something the source does not is what looks wrong.
    for selector in entry.selectors.difference(&source.selectors) {
        push(
            Kind::SelectorMismatch,
            &format!("${selector}"),
            format!("selects on ${selector}, which the source does not select on"),
        );
    }
    for (reference, direction) in differences(&entry.references, &source.references) {
        push(
            Kind::ReferenceMismatch,
            if direction { reference } else { "" },
            if direction {
                format!("references `{reference}`, which the source does not")
            } else {
                format!("does not reference `{reference}`, which the source does")
            },
        );
    }
    for attribute in entry.attributes.difference(&source.attributes) {
        push(
            Kind::ObsoleteAttribute,
            &format!(".{attribute}"),
            format!("has attribute .{attribute}, which the source does not"),
        );
    }
    for attribute in source.attributes.difference(&entry.attributes) {
        push(
            Kind::MissingAttribute,
            "",
            format!("lacks attribute .{attribute} of the source"),
        );
    }
    if entry.has_value != source.has_value {
        let what = if source.has_value {
            "has no value, but the source has one"
        } else {
            "has a value, but the source has only attributes"
        };
        push(Kind::ValueMismatch, "", what.to_owned());
    }
}

/// Items only in `ours` (true) and only in `theirs` (false).
fn differences<'a>(
    ours: &'a BTreeSet<String>,
    theirs: &'a BTreeSet<String>,
) -> impl Iterator<Item = (&'a str, bool)> {
    let extra = ours.difference(theirs).map(|r| (r.as_str(), true));
    let lacking = theirs.difference(ours).map(|r| (r.as_str(), false));
    extra.chain(lacking)
}
