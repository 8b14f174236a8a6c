//! An `Accept-Language` header: malformed ones are ignored, never an
//! error, and q-values stay within 0..=1.
#![no_main]

use foreign_resident_directory::i18n::parse_accept_language;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|header: &str| {
    for preference in parse_accept_language(header) {
        let _ = format!("{preference:?}");
    }
});
