//! Listing content as a Fluent resource, so that the tools translators use
//! for the interface (Pontoon, an editor with Fluent support) also
//! translate listings: one message per listing field, `listing-<id>-<field>`,
//! with the English source in the comment above it.
//!
//! Export is [`export_resource`]; the import endpoint (which must go
//! through the write API's validation and audit) parses an upload with
//! [`parse_content_resource`] into [`ContentChange`]s and applies them.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::unicode::unescape_unicode_to_string;

use super::check::entries::entry_starts;
use super::load::line_and_column;
use crate::domain::listing::SOURCE_LOCALE;
use crate::domain::{Listing, ListingId, TextField};

const PREFIX: &str = "listing-";

/// The message id of one listing field: `listing-<id>-<field>`.
pub fn message_id(listing: &ListingId, field: TextField) -> String {
    format!("{PREFIX}{listing}-{}", field.code())
}

/// The text of every listing field in `locale`, as Fluent. A field with
/// English text but none in `locale` is written as a commented-out message
/// under its English source, ready to be filled in and uncommented.
pub fn export_resource<L: std::borrow::Borrow<Listing>>(
    locale: &str,
    listings: impl IntoIterator<Item = L>,
) -> String {
    let mut out = format!(
        "# Listing content in `{locale}`, one message per listing field.\n\
         # Translate the values; keep the ids. The English source of each\n\
         # field is in the comment above it; an untranslated field is a\n\
         # commented-out message: fill it in and remove the `# `.\n"
    );
    for listing in listings {
        let listing = listing.borrow();
        let source = listing.texts.get(SOURCE_LOCALE);
        let own = listing.texts.get(locale);
        let mut group = Vec::new();
        for field in TextField::ALL {
            let english = source.and_then(|t| field.of(t));
            let text = own.and_then(|t| field.of(t));
            let id = message_id(&listing.id, field);
            let mut block = String::new();
            if let (Some(english), false) = (english, locale == SOURCE_LOCALE) {
                for line in english.lines() {
                    block.push_str(&format!("# en: {line}\n"));
                }
            }
            match (text, english) {
                (Some(text), _) => block.push_str(&format!("{id} ={}\n", fluent_value(text))),
                (None, Some(_)) => block.push_str(&format!("# {id} =\n")),
                (None, None) => continue,
            }
            group.push(block);
        }
        if !group.is_empty() {
            out.push_str(&format!("\n## {}\n\n{}", listing.id, group.join("\n")));
        }
    }
    out
}

/// A pattern for `text`: braces and line-initial `[`, `*`, `.` and
/// whitespace become string literals, further lines are indented.
fn fluent_value(text: &str) -> String {
    let lines: Vec<String> = text.trim().lines().map(escape_line).collect();
    if lines.len() == 1 {
        format!(" {}", lines[0])
    } else {
        lines
            .iter()
            .map(|line| {
                if line.is_empty() {
                    "\n".to_owned()
                } else {
                    format!("\n    {line}")
                }
            })
            .collect()
    }
}

fn escape_line(line: &str) -> String {
    let line = line.trim_end();
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let mut out = String::new();
    if !indent.is_empty() {
        out.push_str(&format!("{{\"{indent}\"}}"));
    }
    for (i, c) in body.chars().enumerate() {
        match c {
            '{' | '}' => out.push_str(&format!("{{\"{c}\"}}")),
            '[' | '*' | '.' if i == 0 => out.push_str(&format!("{{\"{c}\"}}")),
            _ => out.push(c),
        }
    }
    out
}

/// One field's new text, from an uploaded resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentChange {
    /// The listing (its existence is for the importer to check).
    pub listing: ListingId,
    /// The field.
    pub field: TextField,
    /// The text, unescaped.
    pub text: String,
}

/// Why part of an uploaded resource cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The uploaded file's name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ContentError {
            file, line, column, ..
        } = self;
        write!(f, "{file}:{line}:{column}: {}", self.message)
    }
}

/// Every change in an uploaded resource, or every problem in it (all of
/// them, so that a translator fixes the file in one go). Comments and
/// commented-out messages are ignored.
pub fn parse_content_resource(
    file: &str,
    source: &str,
) -> Result<Vec<ContentChange>, Vec<ContentError>> {
    let error = |offset: usize, message: String| {
        let (line, column) = line_and_column(source, offset);
        ContentError {
            file: file.to_owned(),
            line,
            column,
            message,
        }
    };
    let (resource, syntax) = match fluent_syntax::parser::parse(source) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let mut errors: Vec<ContentError> = syntax
        .iter()
        .map(|e| error(e.pos.start, format!("syntax error: {}", e.kind)))
        .collect();
    let starts = entry_starts(source);
    // The nth definition of an id is at its nth start line.
    let mut occurrences: BTreeMap<String, usize> = BTreeMap::new();
    let mut offset_of = |id: &str| {
        let nth = occurrences.entry(id.to_owned()).or_default();
        let found = starts.iter().filter(|(s, _)| s == id).nth(*nth);
        *nth += 1;
        found.map_or(0, |(_, o)| *o)
    };
    let mut changes = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in &resource.body {
        let message = match entry {
            Entry::Message(message) => message,
            Entry::Term(term) => {
                let id = format!("-{}", term.id.name);
                errors.push(error(
                    offset_of(&id),
                    format!(
                        "term `{id}`: listing content has only messages `listing-<id>-<field>`"
                    ),
                ));
                continue;
            }
            _ => continue,
        };
        let id = message.id.name;
        let at = offset_of(id);
        let Some((listing, field)) = parse_id(id) else {
            errors.push(error(at, format!("`{id}` is not `listing-<id>-<field>` with a field of name, address, summary, eligibility")));
            continue;
        };
        if !message.attributes.is_empty() {
            errors.push(error(
                at,
                format!("`{id}`: listing content has no attributes"),
            ));
        }
        let Some(pattern) = &message.value else {
            errors.push(error(at, format!("`{id}` has no text")));
            continue;
        };
        if !seen.insert((listing.clone(), field)) {
            errors.push(error(at, format!("`{id}` appears twice")));
            continue;
        }
        match pattern_text(pattern) {
            Ok(text) if text.trim().is_empty() => {
                errors.push(error(at, format!("`{id}` has no text")));
            }
            Ok(text) => changes.push(ContentChange {
                listing,
                field,
                text,
            }),
            Err(what) => errors.push(error(at, format!("`{id}`: {what}"))),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

fn parse_id(id: &str) -> Option<(ListingId, TextField)> {
    let (listing, field) = id.strip_prefix(PREFIX)?.rsplit_once('-')?;
    Some((ListingId::parse(listing).ok()?, TextField::parse(field)?))
}

/// The plain text of a pattern: text and quoted literals only, since
/// listing text is shown as is and has no variables to fill in.
fn pattern_text(pattern: &Pattern<&str>) -> Result<String, &'static str> {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => text.push_str(&unescape_unicode_to_string(value)),
            PatternElement::Placeable { .. } => {
                return Err(
                    "listing text cannot hold variables, references or selectors; write `{\"{\"}` for a brace",
                );
            }
        }
    }
    Ok(text)
}

#[cfg(test)]
#[path = "listing_ftl_tests.rs"]
mod tests;
