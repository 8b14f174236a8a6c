//! Every message the code uses exists in every shipped locale.

use std::collections::BTreeSet;
use std::path::Path;

use foreign_resident_directory::api::embed;
use foreign_resident_directory::api::error::{ErrorCode, detail};
use foreign_resident_directory::api::hsds;
use foreign_resident_directory::api::listings::{hours, ics};
use foreign_resident_directory::domain::Category;
use foreign_resident_directory::i18n::{Locales, editing, messages};
use foreign_resident_directory::seed;

fn used_message_ids() -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = messages::FIXED.iter().map(|id| id.to_string()).collect();
    ids.extend(Category::ALL.into_iter().map(messages::category));
    ids.extend(
        messages::WINDOW_STATUSES
            .into_iter()
            .map(messages::window_status),
    );
    for code in ErrorCode::ALL {
        ids.insert(code.title_id());
        ids.insert(code.detail_id());
    }
    ids.extend(detail::ALL.iter().map(|id| id.to_string()));
    ids.extend(hours::MESSAGE_IDS.iter().map(|id| id.to_string()));
    ids.extend(embed::messages::ALL.iter().map(|id| id.to_string()));
    ids.extend(editing::DETAILS.iter().map(|id| id.to_string()));
    ids.extend(editing::field_error_ids());
    ids.extend(hsds::map::MESSAGE_IDS.iter().map(|id| id.to_string()));
    ids.extend(ics::MESSAGE_IDS.iter().map(|id| id.to_string()));
    let data = seed::demo_data(chrono::Utc::now());
    for city in &data.cities {
        ids.insert(messages::city(&city.code));
        for district in &city.districts {
            ids.insert(messages::district(&city.code, &district.code));
        }
    }
    for listing in &data.listings {
        ids.extend(
            listing
                .languages
                .iter()
                .map(|code| messages::language(code)),
        );
    }
    ids
}

#[test]
fn every_message_the_code_uses_exists_in_every_shipped_locale() {
    let locales = Locales::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
    let tags: Vec<&str> = locales.all().iter().map(|l| l.tag()).collect();
    for required in ["en", "ja", "ko", "zh-Hans"] {
        assert!(tags.contains(&required), "{required} is shipped");
    }
    let mut missing = Vec::new();
    for locale in locales.all() {
        for id in used_message_ids() {
            if !locales.has_message(locale, &id) {
                missing.push(format!("{}: {id}", locale.tag()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing messages:\n{}",
        missing.join("\n")
    );
}
