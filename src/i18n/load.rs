//! Reading a locale folder tree into Fluent resources, with errors a
//! translator can act on (file:line:column).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use unic_langid::LanguageIdentifier;

/// Why the locale files could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LocaleLoadError {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// What was being read.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A folder under the locales directory is not a BCP 47 tag.
    #[error("{path}: the folder name is not a BCP 47 language tag")]
    InvalidLocaleName {
        /// The folder.
        path: PathBuf,
    },
    /// One or more Fluent syntax errors.
    #[error("{}", SyntaxErrors(.0))]
    Syntax(Vec<SyntaxError>),
    /// A message is defined twice in one locale.
    #[error("{path}: message `{id}` is already defined in another file of this locale")]
    Duplicate {
        /// The file with the second definition.
        path: PathBuf,
        /// The message id.
        id: String,
    },
    /// The source locale is missing: nothing could fall back to it.
    #[error("{dir}: no `{locale}` folder; the source locale is required")]
    MissingSourceLocale {
        /// The locales directory.
        dir: PathBuf,
        /// The required locale.
        locale: &'static str,
    },
}

/// A Fluent syntax error at a position in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The parser's description.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (path, line, column) = (self.path.display(), self.line, self.column);
        write!(f, "{path}:{line}:{column}: {}", self.message)
    }
}

struct SyntaxErrors<'a>(&'a [SyntaxError]);

impl fmt::Display for SyntaxErrors<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

/// One locale folder, parsed.
pub(super) struct LocaleFiles {
    /// The locale, from the folder name.
    pub locale: LanguageIdentifier,
    /// Each `.ftl` file with its parsed resource, in file-name order.
    pub resources: Vec<(PathBuf, FluentResource)>,
}

/// Reads every `<dir>/<locale>/*.ftl`. All syntax errors of all files are
/// collected so that a translator sees every problem at once.
pub(super) fn read_locale_tree(dir: &Path) -> Result<Vec<LocaleFiles>, LocaleLoadError> {
    let mut texts = Vec::new();
    for folder in sorted_entries(dir)? {
        if !folder.is_dir() {
            continue;
        }
        let locale = folder
            .file_name()
            .and_then(|name| name.to_str())
            .and_then(|name| name.parse::<LanguageIdentifier>().ok())
            .ok_or_else(|| LocaleLoadError::InvalidLocaleName {
                path: folder.clone(),
            })?;
        let mut files = Vec::new();
        for path in sorted_entries(&folder)? {
            if path.extension().is_none_or(|ext| ext != "ftl") {
                continue;
            }
            let source = fs::read_to_string(&path).map_err(|source| LocaleLoadError::Io {
                path: path.clone(),
                source,
            })?;
            files.push((path, source));
        }
        texts.push((locale, files));
    }
    parse_locale_texts(texts)
}

/// The text of one locale's files, before parsing.
pub(super) type LocaleTexts = (LanguageIdentifier, Vec<(PathBuf, String)>);

/// Parses the files of every locale, collecting all syntax errors.
pub(super) fn parse_locale_texts(
    texts: Vec<LocaleTexts>,
) -> Result<Vec<LocaleFiles>, LocaleLoadError> {
    let mut locales = Vec::new();
    let mut syntax_errors = Vec::new();
    for (locale, files) in texts {
        let mut resources = Vec::new();
        for (path, source) in files {
            match FluentResource::try_new(source) {
                Ok(resource) => resources.push((path, resource)),
                Err((resource, errors)) => {
                    let text = resource.source();
                    syntax_errors.extend(errors.iter().map(|error| {
                        let (line, column) = line_and_column(text, error.pos.start);
                        SyntaxError {
                            path: path.clone(),
                            line,
                            column,
                            message: error.kind.to_string(),
                        }
                    }));
                }
            }
        }
        locales.push(LocaleFiles { locale, resources });
    }
    if syntax_errors.is_empty() {
        Ok(locales)
    } else {
        Err(LocaleLoadError::Syntax(syntax_errors))
    }
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, LocaleLoadError> {
    let io_error = |source| LocaleLoadError::Io {
        path: dir.to_owned(),
        source,
    };
    let mut paths = fs::read_dir(dir)
        .map_err(io_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io_error)?;
    paths.sort();
    Ok(paths)
}

/// 1-based line and character column of a byte offset.
pub(super) fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_character_columns() {
        let text = "a = 1\nkey = 値値\n";
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 6), (2, 1));
        assert_eq!(
            line_and_column(text, text.find("値値").unwrap() + 3),
            (2, 8)
        );
    }
}
