//! Listing content as translators see it: each free-text field of a
//! listing, in each locale, compared with the source locale.

use super::listing::{Listing, ListingId, ListingText, SOURCE_LOCALE};

/// A free-text field of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextField {
    /// The name.
    Name,
    /// The street address.
    Address,
    /// The summary of what the place offers.
    Summary,
    /// Who may use it.
    Eligibility,
}

impl TextField {
    /// Every field, in the order translators see them.
    pub const ALL: [TextField; 4] = [
        TextField::Name,
        TextField::Address,
        TextField::Summary,
        TextField::Eligibility,
    ];

    /// The stable code, as in `listing-<id>-<code>` and the API.
    pub fn code(self) -> &'static str {
        match self {
            TextField::Name => "name",
            TextField::Address => "address",
            TextField::Summary => "summary",
            TextField::Eligibility => "eligibility",
        }
    }

    /// The field with this code.
    pub fn parse(code: &str) -> Option<Self> {
        TextField::ALL
            .into_iter()
            .find(|field| field.code() == code)
    }

    /// The field's text, when present and not blank.
    pub fn of(self, text: &ListingText) -> Option<&str> {
        let value = match self {
            TextField::Name => Some(text.name.as_str()),
            TextField::Address => text.address.as_deref(),
            TextField::Summary => text.summary.as_deref(),
            TextField::Eligibility => text.eligibility.as_deref(),
        };
        value.filter(|v| !v.trim().is_empty())
    }
}

/// A field that has source text but none in some locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingText {
    /// The listing.
    pub listing: ListingId,
    /// The field.
    pub field: TextField,
    /// Its text in the source locale, to translate from.
    pub source: String,
}

/// The fields of `listing` that have source text and lack text in
/// `locale`. The source locale lacks nothing by definition.
pub fn missing_texts(listing: &Listing, locale: &str) -> Vec<MissingText> {
    if locale == SOURCE_LOCALE {
        return Vec::new();
    }
    let Some(source) = listing.texts.get(SOURCE_LOCALE) else {
        return Vec::new();
    };
    let own = listing.texts.get(locale);
    TextField::ALL
        .into_iter()
        .filter_map(|field| {
            let text = field.of(source)?;
            let translated = own.and_then(|own| field.of(own)).is_some();
            (!translated).then(|| MissingText {
                listing: listing.id.clone(),
                field,
                source: text.to_owned(),
            })
        })
        .collect()
}
