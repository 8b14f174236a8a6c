//! Every message the code uses exists in every shipped locale.

use std::path::Path;

use foreign_resident_directory::api::required_messages::required_ids;
use foreign_resident_directory::i18n::Locales;
use foreign_resident_directory::seed;

#[test]
fn every_message_the_code_uses_exists_in_every_shipped_locale() {
    let locales = Locales::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")).unwrap();
    let tags: Vec<&str> = locales.all().iter().map(|l| l.tag()).collect();
    for required in ["en", "ja", "ko", "zh-Hans"] {
        assert!(tags.contains(&required), "{required} is shipped");
    }
    let data = seed::demo_data(chrono::Utc::now());
    let languages = data
        .listings
        .iter()
        .flat_map(|listing| listing.languages.iter().map(String::as_str));
    let required = required_ids(&data.cities, languages);
    let mut missing = Vec::new();
    for locale in locales.all() {
        for id in &required {
            if !locales.has_message(locale, id) {
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
