//! What translators need from the catalog: which listing text each locale
//! lacks, and every listing in id order for exports.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::Catalog;
use crate::domain::content::missing_texts;
use crate::domain::{Listing, MissingText};

impl Catalog {
    /// Live listings in id order.
    pub fn listings_by_id(&self) -> impl Iterator<Item = &Arc<Listing>> {
        self.id_order
            .slots
            .iter()
            .filter_map(|slot| self.entry(*slot))
            .map(|entry| &entry.listing)
    }

    /// Every field with source text that `locale` lacks, in listing id
    /// order, then field order.
    pub fn missing_texts(&self, locale: &str) -> Vec<MissingText> {
        self.listings_by_id()
            .flat_map(|listing| missing_texts(listing, locale))
            .collect()
    }

    /// How many listings lack at least one field's text in `locale`.
    pub fn listings_lacking_text(&self, locale: &str) -> usize {
        self.listings_by_id()
            .filter(|listing| !missing_texts(listing, locale).is_empty())
            .count()
    }

    /// The spoken-language codes of live listings (each needs a label).
    pub fn spoken_languages(&self) -> BTreeSet<String> {
        self.listings_by_id()
            .flat_map(|listing| listing.languages.iter().cloned())
            .collect()
    }
}
