//! What the checker needs to know about each message and term of a file:
//! where it is, which variables, selectors, references and attributes it
//! uses. fluent-syntax 0.12 keeps no spans in its AST, so positions are
//! found by scanning the source for the lines where entries start.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::style::PLACEABLE;
use crate::i18n::load::line_and_column;

/// One message or term, as the checker compares it.
#[derive(Debug, Clone)]
pub struct EntryInfo {
    /// The id; terms keep their leading `-`.
    pub id: String,
    /// The file that defines it.
    pub path: PathBuf,
    /// 1-based line of its first line.
    pub line: usize,
    /// Byte range of its text in the file, to locate what it uses.
    pub span: (usize, usize),
    /// True when it has a value (not only attributes).
    pub has_value: bool,
    /// Attribute names.
    pub attributes: BTreeSet<String>,
    /// `$variables` referenced anywhere, selectors included.
    pub variables: BTreeSet<String>,
    /// `$variables` used as selectors.
    pub selectors: BTreeSet<String>,
    /// Message ids and `-term` ids referenced.
    pub references: BTreeSet<String>,
    /// `$variables` named in the entry's comment: Mozilla's convention for
    /// documenting what the code passes, used or not by the source text
    /// (the code passes `$h` and `$hh`; English uses one, Japanese the other).
    pub documented: BTreeSet<String>,
    /// The readable text of the value, each attribute and each variant,
    /// with every other placeable as [`PLACEABLE`], for the style rules.
    pub texts: Vec<String>,
}

impl EntryInfo {
    /// True for a `-term`.
    pub fn is_term(&self) -> bool {
        self.id.starts_with('-')
    }

    /// "message `x`" or "term `-x`", for findings.
    pub fn describe(&self) -> String {
        let kind = if self.is_term() { "term" } else { "message" };
        format!("{kind} `{}`", self.id)
    }
}

/// A file's syntax error.
#[derive(Debug, Clone)]
pub(crate) struct ParseProblem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The parser's description.
    pub message: String,
}

/// A parsed file: its entries in order, and its syntax errors.
#[derive(Debug, Default)]
pub(crate) struct FileEntries {
    /// Messages and terms in file order (duplicates included).
    pub entries: Vec<EntryInfo>,
    /// Syntax errors (each a Junk entry in the AST).
    pub problems: Vec<ParseProblem>,
    /// The text, to locate variables and references in.
    pub source: String,
}

impl FileEntries {
    /// 1-based line and column of `needle` inside `entry`, or the entry's
    /// own first line when it is not found.
    pub(crate) fn locate(&self, entry: &EntryInfo, needle: &str) -> (usize, usize) {
        let (start, end) = entry.span;
        self.source
            .get(start..end)
            .and_then(|text| text.find(needle))
            .map_or((entry.line, 1), |at| {
                line_and_column(&self.source, start + at)
            })
    }
}

/// Parses `source` (the contents of `path`).
pub(crate) fn parse_file(path: &Path, source: String) -> FileEntries {
    let starts = entry_starts(&source);
    let (resource, errors) = match fluent_syntax::parser::parse(source.as_str()) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let problems = errors
        .iter()
        .map(|error| {
            let (line, column) = line_and_column(&source, error.pos.start);
            ParseProblem {
                line,
                column,
                message: error.kind.to_string(),
            }
        })
        .collect();
    // Each parsed entry takes the next scanned start with its id, so that
    // a duplicate gets its own line, not the first definition's.
    let mut taken: BTreeMap<String, usize> = BTreeMap::new();
    let mut entries = Vec::new();
    for entry in &resource.body {
        let (id, value, attributes, comment) = match entry {
            Entry::Message(message) => (
                message.id.name.to_owned(),
                message.value.as_ref(),
                &message.attributes,
                message.comment.as_ref(),
            ),
            Entry::Term(term) => (
                format!("-{}", term.id.name),
                Some(&term.value),
                &term.attributes,
                term.comment.as_ref(),
            ),
            _ => continue,
        };
        let nth = taken.entry(id.clone()).or_default();
        let position = starts
            .iter()
            .enumerate()
            .filter(|(_, (start_id, _))| *start_id == id)
            .nth(*nth);
        *nth += 1;
        let (line, span) = match position {
            Some((index, (_, offset))) => {
                let end = starts.get(index + 1).map_or(source.len(), |(_, o)| *o);
                (line_and_column(&source, *offset).0, (*offset, end))
            }
            None => (1, (0, source.len())),
        };
        let mut info = EntryInfo {
            id,
            path: path.to_owned(),
            line,
            span,
            has_value: value.is_some(),
            attributes: attributes.iter().map(|a| a.id.name.to_owned()).collect(),
            variables: BTreeSet::new(),
            selectors: BTreeSet::new(),
            references: BTreeSet::new(),
            documented: comment
                .map(|c| {
                    c.content
                        .iter()
                        .flat_map(|line| dollar_names(line))
                        .collect()
                })
                .unwrap_or_default(),
            texts: Vec::new(),
        };
        for pattern in value.into_iter().chain(attributes.iter().map(|a| &a.value)) {
            walk_pattern(pattern, &mut info);
            flatten(pattern, &mut info.texts);
        }
        entries.push(info);
    }
    FileEntries {
        entries,
        problems,
        source,
    }
}

/// Every line that starts an entry (`id =` or `-id =` at column 1), with
/// its byte offset. Comments, blank lines and Junk end the previous span.
pub(crate) fn entry_starts(source: &str) -> Vec<(String, usize)> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let here = offset;
        offset += line.len();
        let (dash, rest) = match line.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", line),
        };
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let is_entry = name.starts_with(|c: char| c.is_ascii_alphabetic())
            && rest[name_len..]
                .trim_start_matches([' ', '\t'])
                .starts_with('=');
        if is_entry {
            starts.push((format!("{dash}{name}"), here));
        } else if line.starts_with('#') || line.trim().is_empty() {
            // Not part of any entry's text.
        } else if !line.starts_with([' ', '\t']) {
            starts.push((String::new(), here));
        }
    }
    starts
}

/// The `$names` in a comment line.
fn dollar_names(line: &str) -> Vec<String> {
    line.split('$')
        .skip(1)
        .map(|rest| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .filter(|name| name.starts_with(|c: char| c.is_ascii_alphabetic()))
        .collect()
}

/// Pushes the text of `pattern`, then of each variant of its selects.
/// A string literal (`{"、"}`) is text; anything else is a [`PLACEABLE`].
fn flatten(pattern: &Pattern<&str>, texts: &mut Vec<String>) {
    let mut text = String::new();
    let mut variants = Vec::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(InlineExpression::StringLiteral { value }) => {
                    text.push_str(value);
                }
                Expression::Select {
                    variants: these, ..
                } => {
                    text.push(PLACEABLE);
                    variants.extend(these.iter().map(|variant| &variant.value));
                }
                Expression::Inline(_) => text.push(PLACEABLE),
            },
        }
    }
    if !text.trim().is_empty() && text.trim() != PLACEABLE.to_string() {
        texts.push(text);
    }
    for variant in variants {
        flatten(variant, texts);
    }
}

fn walk_pattern(pattern: &Pattern<&str>, info: &mut EntryInfo) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, info);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, info: &mut EntryInfo) {
    match expression {
        Expression::Select { selector, variants } => {
            if let InlineExpression::VariableReference { id } = selector {
                info.selectors.insert(id.name.to_owned());
            }
            walk_inline(selector, info);
            for variant in variants {
                walk_pattern(&variant.value, info);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, info),
    }
}

fn walk_inline(inline: &InlineExpression<&str>, info: &mut EntryInfo) {
    match inline {
        InlineExpression::VariableReference { id } => {
            info.variables.insert(id.name.to_owned());
        }
        InlineExpression::MessageReference { id, .. } => {
            info.references.insert(id.name.to_owned());
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            info.references.insert(format!("-{}", id.name));
            // A term's arguments are its own parameters, not the
            // message's variables; only what they reference counts.
            if let Some(arguments) = arguments {
                for value in arguments
                    .positional
                    .iter()
                    .chain(arguments.named.iter().map(|n| &n.value))
                {
                    walk_inline(value, info);
                }
            }
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for value in arguments
                .positional
                .iter()
                .chain(arguments.named.iter().map(|n| &n.value))
            {
                walk_inline(value, info);
            }
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, info),
        InlineExpression::StringLiteral { .. } | InlineExpression::NumberLiteral { .. } => {}
    }
}
