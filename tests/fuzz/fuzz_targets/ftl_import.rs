//! A translator's Fluent file (`PUT /v1/translations/{locale}.ftl`): it
//! parses into listing text changes or into errors positioned inside the
//! file, never a panic.
#![no_main]

use foreign_resident_directory::domain::ListingId;
use foreign_resident_directory::i18n::listing_ftl::parse_content_resource;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match parse_content_resource("ja.ftl", text) {
        Ok(changes) => {
            for change in changes {
                // A change names a listing by a well-formed id.
                assert!(ListingId::parse(change.listing.as_str()).is_ok());
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            let lines = text.matches('\n').count() + 1;
            for error in errors {
                assert!((1..=lines).contains(&error.line), "{error:?} of {lines} lines");
                assert!(error.column >= 1, "{error:?}");
            }
        }
    }
});
