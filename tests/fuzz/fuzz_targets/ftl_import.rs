//! A translator's Fluent file (`PUT /v1/translations/{locale}.ftl`): it
//! parses into listing text changes or into positioned errors.
#![no_main]

use foreign_resident_directory::i18n::content::parse_content_resource;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_content_resource("ja.ftl", text) {
        Ok(changes) => {
            for change in changes {
                assert!(!change.text.is_empty() || change.text.is_empty());
            }
        }
        Err(errors) => assert!(!errors.is_empty()),
    }
});
