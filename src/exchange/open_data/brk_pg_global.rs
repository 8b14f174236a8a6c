//! `brkPgGlobal`: real-estate offices Seoul designates as able to serve
//! foreigners. Matched by registration number (`RA_REGNO`), stored as the
//! external id `brkPgGlobal:<RA_REGNO>`, so a re-import updates in place.

use chrono::NaiveDate;
use csv::StringRecord;

use super::{Fields, RowFormat, korean, name, phone, place, slug};
use crate::domain::editing::{FieldError, FieldErrorCode, ListingDraft, ValidationContext};

/// The data set's name, the prefix of external ids and the source.
pub const DATA_SET: &str = "brkPgGlobal";

const REQUIRED: [&str; 7] = [
    "RA_REGNO",
    "CMP_NM",
    "RDEALER_NM",
    "TELNO",
    "USE_LANG",
    "APPN_DE",
    "SGG_NM",
];

/// Rows of `brkPgGlobal`.
#[derive(Debug, Default)]
pub struct BrkPgGlobal {
    fields: Fields,
}

impl RowFormat for BrkPgGlobal {
    fn header(&mut self, header: &StringRecord, _locales: &[&str]) -> Result<(), Vec<FieldError>> {
        self.fields = Fields::read(header, &REQUIRED)?;
        Ok(())
    }

    fn key(&self, record: &StringRecord) -> Option<String> {
        let number = self.fields.get(record, "RA_REGNO")?;
        Some(format!("{DATA_SET}:{number}"))
    }

    fn apply(
        &self,
        record: &StringRecord,
        draft: &mut ListingDraft,
        ctx: &ValidationContext<'_>,
    ) -> Vec<FieldError> {
        let cell = |name: &str| self.fields.get(record, name);
        let mut errors = Vec::new();
        let Some(number) = cell("RA_REGNO") else {
            return vec![FieldError::new("RA_REGNO", FieldErrorCode::Required)];
        };
        draft.external_id = self.key(record);
        if draft.id.is_none() {
            draft.id = Some(format!("brk-pg-global-{}", slug(number)));
        }
        draft.category = Some("real_estate".into());
        draft.source = Some(DATA_SET.into());
        place(draft, cell("SGG_NM"), "SGG_NM", ctx, &mut errors);
        name(draft, cell("CMP_NM"), "CMP_NM", &mut errors);
        draft.phone = cell("TELNO").map(phone);
        match korean::languages(cell("USE_LANG").unwrap_or_default()) {
            Ok(codes) => draft.languages = codes,
            Err(unknown) => errors.push(
                FieldError::new("USE_LANG", FieldErrorCode::UnknownValue).text("value", unknown),
            ),
        }
        let designated = match cell("APPN_DE") {
            None => None,
            Some(raw) => match NaiveDate::parse_from_str(raw, "%Y%m%d") {
                Ok(date) => Some(date),
                Err(_) => {
                    errors.push(
                        FieldError::new("APPN_DE", FieldErrorCode::InvalidFormat)
                            .text("expected", "date"),
                    );
                    None
                }
            },
        };
        // The representative and the designation date have no field of
        // their own: they are facts in Korean, for the Korean summary.
        let mut summary = Vec::new();
        if let Some(representative) = cell("RDEALER_NM") {
            summary.push(format!("대표: {representative}."));
        }
        if let Some(date) = designated {
            summary.push(format!(
                "외국어 가능 중개사무소 지정일: {}.",
                date.format("%Y-%m-%d")
            ));
        }
        let korean = draft.texts.entry("ko".into()).or_default();
        korean.summary = (!summary.is_empty()).then(|| summary.join(" "));
        errors
    }
}
