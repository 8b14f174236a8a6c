//! Importers for Seoul's open data sets, by their published field names:
//! global real-estate offices (`brkPgGlobal`, [`brk_pg_global`]) and job
//! cafés (`jobCafeOpenInfo`, [`job_cafe`]). Each is a [`RowFormat`] for
//! the one importer, so they share its upsert, dry run, all-or-nothing
//! transaction and audit trail.
//!
//! Neither set has coordinates: a listing is placed at its district's
//! centre and marked `location_approximate`, unless an editor already
//! gave it a precise location in the same district.

pub mod brk_pg_global;
pub mod job_cafe;
pub mod korean;

use std::borrow::Cow;
use std::collections::HashMap;

use csv::StringRecord;

use super::format::RowFormat;
use crate::domain::editing::{FieldError, FieldErrorCode, ListingDraft, ValidationContext};

/// The city all of Seoul's data sets are in.
const SEOUL: &str = "seoul";

/// A file format `POST /v1/imports?format=` and `import --format` accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// Our own CSV (the export's columns).
    Directory,
    /// Seoul's global real-estate offices, `brkPgGlobal`.
    BrkPgGlobal,
    /// Seoul's job cafés, `jobCafeOpenInfo`.
    JobCafe,
}

impl ImportFormat {
    /// Every format.
    pub const ALL: [ImportFormat; 3] = [
        ImportFormat::Directory,
        ImportFormat::BrkPgGlobal,
        ImportFormat::JobCafe,
    ];

    /// The name used in `format=`.
    pub fn code(self) -> &'static str {
        match self {
            ImportFormat::Directory => "directory",
            ImportFormat::BrkPgGlobal => "brk-pg-global",
            ImportFormat::JobCafe => "job-cafe-open-info",
        }
    }

    /// The format named `code`.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code.trim())
    }

    /// A fresh reader of this format's rows.
    pub fn reader(self) -> Box<dyn RowFormat + Send> {
        match self {
            ImportFormat::Directory => Box::<super::format::DirectoryCsv>::default(),
            ImportFormat::BrkPgGlobal => Box::<brk_pg_global::BrkPgGlobal>::default(),
            ImportFormat::JobCafe => Box::<job_cafe::JobCafeOpenInfo>::default(),
        }
    }
}

/// The text of a file that may be UTF-8 (with or without a byte order
/// mark) or, as Seoul's portal often serves it, CP949 (EUC-KR). CRLF line
/// ends become LF, which the CSV reader counts lines by.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => encoding_rs::EUC_KR.decode_without_bom_handling(bytes).0,
    };
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        text
    }
}

/// A published header: column positions by field name.
#[derive(Debug, Default)]
struct Fields(HashMap<String, usize>);

impl Fields {
    /// Reads a header; the data sets carry more columns than we use, so
    /// only missing `required` ones are errors.
    fn read(header: &StringRecord, required: &[&str]) -> Result<Self, Vec<FieldError>> {
        let index: HashMap<String, usize> = header
            .iter()
            .enumerate()
            .map(|(i, name)| (name.trim().trim_matches('"').to_ascii_uppercase(), i))
            .collect();
        let missing: Vec<FieldError> = required
            .iter()
            .filter(|name| !index.contains_key(**name))
            .map(|name| FieldError::new(*name, FieldErrorCode::Required))
            .collect();
        if missing.is_empty() {
            Ok(Fields(index))
        } else {
            Err(missing)
        }
    }

    /// A cell, trimmed; `None` when empty or absent.
    fn get<'r>(&self, record: &'r StringRecord, name: &str) -> Option<&'r str> {
        let index = *self.0.get(name)?;
        record.get(index).map(str::trim).filter(|v| !v.is_empty())
    }
}

/// Places the draft in the district named `korean` (column `field`): at the
/// district's centre, marked approximate, unless it already has a precise
/// location there.
fn place(
    draft: &mut ListingDraft,
    korean: Option<&str>,
    field: &str,
    ctx: &ValidationContext<'_>,
    errors: &mut Vec<FieldError>,
) {
    draft.city = Some(SEOUL.to_owned());
    let Some(korean) = korean else {
        errors.push(FieldError::new(field, FieldErrorCode::Required));
        return;
    };
    let Some(code) = korean::district(korean) else {
        errors.push(FieldError::new(field, FieldErrorCode::UnknownValue).text("value", korean));
        return;
    };
    let precise = !draft.location_approximate
        && draft.latitude.is_some()
        && draft.district.as_deref() == Some(code);
    draft.district = Some(code.to_owned());
    if precise {
        return;
    }
    if let Some(centre) = ctx.reference.district(SEOUL, code) {
        draft.latitude = Some(centre.latitude);
        draft.longitude = Some(centre.longitude);
        draft.location_approximate = true;
    }
}

/// Sets the Korean name; the English name, required, starts as the Korean
/// one (a proper name) until a translator gives a better one.
fn name(draft: &mut ListingDraft, korean: Option<&str>, field: &str, errors: &mut Vec<FieldError>) {
    let Some(korean) = korean else {
        errors.push(FieldError::new(field, FieldErrorCode::Required));
        return;
    };
    draft.texts.entry("ko".into()).or_default().name = Some(korean.to_owned());
    let english = draft.texts.entry("en".into()).or_default();
    if english.name.is_none() {
        english.name = Some(korean.to_owned());
    }
}

/// A Korean phone number (`02-0123-4567`) in international form.
fn phone(raw: &str) -> String {
    let raw = raw.trim();
    match raw.strip_prefix('0') {
        Some(national) if !raw.starts_with("00") => format!("+82-{national}"),
        _ => raw.to_owned(),
    }
}

/// A slug part: lowercase ASCII letters and digits, other runs as one
/// hyphen.
fn slug(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_read_as_utf8_with_or_without_bom_or_as_cp949() {
        assert_eq!(decode("\u{feff}강남구".as_bytes()), "강남구");
        assert_eq!(decode("강남구".as_bytes()), "강남구");
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("샘플공인중개사사무소,강남구");
        assert_eq!(decode(&cp949), "샘플공인중개사사무소,강남구");
    }

    #[test]
    fn phones_and_slugs() {
        assert_eq!(phone("02-0123-4567"), "+82-2-0123-4567");
        assert_eq!(phone("+82-2-0123-4567"), "+82-2-0123-4567");
        assert_eq!(slug("11680-2015-00123"), "11680-2015-00123");
        assert_eq!(slug(" 가11680 / 2015 "), "11680-2015");
    }
}
