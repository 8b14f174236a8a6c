//! `jobCafeOpenInfo`: Seoul's job cafés. The data set has no stable
//! number, so a café is matched by its name (`jobCafeOpenInfo:<CAFE_NM>`);
//! a renamed café arrives as a new listing.

use csv::StringRecord;
use xxhash_rust::xxh3::xxh3_64;

use super::{Fields, RowFormat, korean, name, phone, place};
use crate::domain::editing::{FieldError, ListingDraft, ValidationContext};

/// The data set's name, the prefix of external ids and the source.
pub const DATA_SET: &str = "jobCafeOpenInfo";

const REQUIRED: [&str; 3] = ["CAFE_NM", "GUGUN", "BASS_ADRES_CN"];

/// Columns the hours may be published in, first found wins.
const HOURS: [&str; 4] = ["OPER_TIME", "USE_TIME", "OPEN_TIME", "OPER_HOURS"];

/// Rows of `jobCafeOpenInfo`.
#[derive(Debug, Default)]
pub struct JobCafeOpenInfo {
    fields: Fields,
}

impl RowFormat for JobCafeOpenInfo {
    fn header(&mut self, header: &StringRecord, _locales: &[&str]) -> Result<(), Vec<FieldError>> {
        self.fields = Fields::read(header, &REQUIRED)?;
        Ok(())
    }

    fn key(&self, record: &StringRecord) -> Option<String> {
        let cafe = self.fields.get(record, "CAFE_NM")?;
        Some(format!("{DATA_SET}:{cafe}"))
    }

    fn apply(
        &self,
        record: &StringRecord,
        draft: &mut ListingDraft,
        ctx: &ValidationContext<'_>,
    ) -> Vec<FieldError> {
        let cell = |name: &str| self.fields.get(record, name);
        let mut errors = Vec::new();
        draft.external_id = self.key(record);
        draft.category = Some("job_cafe".into());
        draft.source = Some(DATA_SET.into());
        place(draft, cell("GUGUN"), "GUGUN", ctx, &mut errors);
        name(draft, cell("CAFE_NM"), "CAFE_NM", &mut errors);
        if let (None, Some(cafe), Some(district)) = (&draft.id, cell("CAFE_NM"), &draft.district) {
            // Korean names make no slug: a hash of the name keeps the id
            // stable across imports.
            draft.id = Some(format!(
                "job-cafe-{district}-{:08x}",
                xxh3_64(cafe.as_bytes()) as u32
            ));
        }
        let korean_text = draft.texts.entry("ko".into()).or_default();
        korean_text.address = cell("BASS_ADRES_CN").map(str::to_owned);
        if let Some(number) = cell("TELNO").or_else(|| cell("TEL_NO")) {
            draft.phone = Some(phone(number));
        }
        let hours = HOURS.iter().find_map(|column| cell(column));
        match hours.map(|text| (text, korean::opening_hours(text))) {
            Some((_, Some(parsed))) => {
                draft.opening_hours = Some(parsed);
                korean_text.summary = None;
            }
            // Hours that do not parse stay readable, as text, in Korean.
            Some((text, None)) => {
                draft.opening_hours = None;
                korean_text.summary = Some(format!("운영시간: {text}"));
            }
            None => draft.opening_hours = None,
        }
        errors
    }
}
