//! A listing with sensible defaults, for code that makes listings from
//! little (tests, generated data): name the id, category and English name,
//! then change what matters with the `with_*` methods.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::listing::SOURCE_LOCALE;
use super::{Capacity, Category, Listing, ListingId, ListingText};

/// Builds a [`Listing`] in Seoul's Jung-gu with English text only, no
/// contact facts, not sample data, never verified.
#[derive(Debug, Clone)]
pub struct ListingBuilder {
    listing: Listing,
}

impl ListingBuilder {
    /// A listing named `name` in English, created and changed `now`.
    pub fn new(id: ListingId, category: Category, name: &str, now: DateTime<Utc>) -> Self {
        ListingBuilder {
            listing: Listing {
                id,
                category,
                city: "seoul".into(),
                district: Some("jung".into()),
                location: None,
                location_approximate: false,
                phone: None,
                email: None,
                website: None,
                languages: vec![SOURCE_LOCALE.into()],
                opening_hours: None,
                age_range: None,
                application_window: None,
                capacity: Capacity::default(),
                residency: None,
                source: "test".into(),
                sample: false,
                verified_at: None,
                created_at: now,
                updated_at: now,
                texts: BTreeMap::from([(SOURCE_LOCALE.to_owned(), ListingText::named(name))]),
            },
        }
    }

    /// Sets the text in `locale` to just a name.
    pub fn with_name(mut self, locale: &str, name: &str) -> Self {
        self.listing
            .texts
            .insert(locale.to_owned(), ListingText::named(name));
        self
    }

    /// Changes anything else.
    pub fn with(mut self, change: impl FnOnce(&mut Listing)) -> Self {
        change(&mut self.listing);
        self
    }

    /// The listing.
    pub fn build(self) -> Listing {
        self.listing
    }
}

impl ListingText {
    /// A text with a name and nothing else.
    pub fn named(name: &str) -> Self {
        ListingText {
            name: name.to_owned(),
            address: None,
            summary: None,
            eligibility: None,
        }
    }
}
