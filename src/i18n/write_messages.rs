//! Fluent ids of the editing messages (`locales/*/editing.ftl`), and the
//! localized sentence of a field error.

use super::{FluentArgs, FluentValue, Locale, Locales};
use crate::domain::editing::{FieldArg, FieldError, FieldErrorCode};

/// Forbidden: a translator key tried more than texts.
pub const FORBIDDEN_TRANSLATOR: &str = "problem-detail-forbidden-translator";
/// Forbidden: a translator key writing a locale it was not given.
pub const FORBIDDEN_LOCALE: &str = "problem-detail-forbidden-locale";
/// Forbidden: a translator key writing the source text.
pub const FORBIDDEN_SOURCE_LOCALE: &str = "problem-detail-forbidden-source-locale";
/// Forbidden: a translator key removing a locale's text.
pub const FORBIDDEN_LOCALE_REMOVAL: &str = "problem-detail-forbidden-locale-removal";
/// Forbidden: a write from an origin outside the CORS allowlist.
pub const ORIGIN_NOT_ALLOWED: &str = "problem-detail-origin-not-allowed";
/// Conflict on the external id rather than the id.
pub const CONFLICT_EXTERNAL_ID: &str = "problem-detail-conflict-external-id";
/// A real import refused because of bad rows.
pub const IMPORT_FAILED: &str = "problem-detail-import-failed";

/// Every fixed id above, for the completeness test (titles and default
/// details of the error codes are checked through `ErrorCode::ALL`).
pub const DETAILS: [&str; 7] = [
    FORBIDDEN_TRANSLATOR,
    FORBIDDEN_LOCALE,
    FORBIDDEN_SOURCE_LOCALE,
    FORBIDDEN_LOCALE_REMOVAL,
    ORIGIN_NOT_ALLOWED,
    CONFLICT_EXTERNAL_ID,
    IMPORT_FAILED,
];

/// Every field error message id, for the completeness test.
pub fn field_error_ids() -> Vec<String> {
    FieldErrorCode::ALL
        .iter()
        .map(|code| code.message_id())
        .collect()
}

/// The sentence of a field error in `locale`.
pub fn field_error(locales: &Locales, locale: &Locale, error: &FieldError) -> String {
    let mut args = FluentArgs::new();
    args.set("field", FluentValue::from(error.field.as_str()));
    for (name, value) in &error.args {
        match value {
            FieldArg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
            FieldArg::Number(number) => args.set(*name, FluentValue::from(*number)),
        }
    }
    // Optional arguments that a message variant may name.
    for name in ["expected", "value", "other"] {
        if args.get(name).is_none() {
            args.set(name, FluentValue::from(""));
        }
    }
    locales.format(locale, &error.code.message_id(), Some(&args))
}
