//! The Fluent message ids the code asks for, gathered in one place: the
//! completeness test checks each exists in every shipped locale, and the
//! live reloader refuses locale files that lose one.
//!
//! It lives in the HTTP layer rather than in `i18n` because most ids are
//! owned here (error codes, the widget's labels, opening hours); `i18n`
//! must not depend on `api`.

use std::collections::BTreeSet;

use super::error::{ErrorCode, detail};
use super::listings::{hours, ics};
use super::{embed, hsds};
use crate::domain::{Category, City};
use crate::exchange::open_data::korean;
use crate::i18n::messages;
use crate::i18n::write_messages;

/// Translator-facing labels of `GET /v1/locales`.
pub mod translators {
    /// "{ $percent }% translated"
    pub const COMPLETENESS: &str = "translation-completeness";
    /// "{ $count } listings lack text"
    pub const LISTINGS_LACKING_TEXT: &str = "translation-listings-lacking-text";
    /// Every id above.
    pub const ALL: [&str; 2] = [COMPLETENESS, LISTINGS_LACKING_TEXT];
}

/// Messages of the importers (`locales/*/importers.ftl`).
pub mod importers {
    /// A content import refused: "{ $count } problems …".
    pub const CONTENT_IMPORT_FAILED: &str = "problem-detail-content-import-failed";
    /// A content import undone because a listing changed meanwhile.
    pub const CONTENT_IMPORT_STALE: &str = "problem-detail-content-import-stale";
    /// Every id above.
    pub const ALL: [&str; 2] = [CONTENT_IMPORT_FAILED, CONTENT_IMPORT_STALE];
}

/// Every id the code uses, given the cities (with their districts) and
/// the spoken-language codes that the data holds.
pub fn required_ids<'a>(
    cities: &[City],
    languages: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<String> {
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
    let fixed = detail::ALL
        .iter()
        .chain(hours::MESSAGE_IDS)
        .chain(ics::MESSAGE_IDS)
        .chain(hsds::map::MESSAGE_IDS)
        .chain(embed::messages::ALL)
        .chain(&write_messages::DETAILS)
        .chain(&translators::ALL)
        .chain(&super::reports::messages::ALL)
        .chain(&importers::ALL)
        .chain(&[super::heavy::BUSY]);
    ids.extend(fixed.map(|id| id.to_string()));
    ids.extend(write_messages::field_error_ids());
    for city in cities {
        ids.insert(messages::city(&city.code));
        for district in &city.districts {
            ids.insert(messages::district(&city.code, &district.code));
        }
    }
    ids.extend(languages.into_iter().map(messages::language));
    // Languages the open-data importers can write, before any data holds them.
    ids.extend(korean::language_codes().into_iter().map(messages::language));
    ids
}
