//! A CSV import file, read row by row onto listing drafts and validated
//! as `POST /v1/imports` does before it writes anything; and the export's
//! formula escape, which must give back any text unchanged.
#![no_main]

use std::sync::LazyLock;

use foreign_resident_directory::domain::ReferenceData;
use foreign_resident_directory::domain::editing::{ListingDraft, ValidationContext};
use foreign_resident_directory::exchange::{row, spreadsheet};
use libfuzzer_sys::fuzz_target;

static REFERENCE: LazyLock<ReferenceData> =
    LazyLock::new(|| ReferenceData::new(foreign_resident_directory::seed::cities()));
const LOCALES: [&str; 4] = ["en", "ja", "ko", "zh-Hans"];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        assert_eq!(spreadsheet::restore(&spreadsheet::neutralize(text)), text);
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(data);
    let Ok(header) = reader.headers().cloned() else {
        return;
    };
    let Ok(columns) = row::parse_header(&header, &LOCALES) else {
        return;
    };
    let ctx = ValidationContext {
        reference: &REFERENCE,
        locales: &LOCALES,
        now: chrono::Utc::now(),
        default_source: "fuzz",
    };
    for record in reader.records().take(64).flatten() {
        let mut draft = ListingDraft::default();
        if row::apply(&columns, &record, &mut draft).is_empty() {
            let _ = draft.validate(&ctx);
        }
    }
});
