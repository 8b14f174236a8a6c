//! What translators need from the catalog: which listing text each locale
//! lacks, and every listing in id order for exports.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::Catalog;
use crate::domain::content::missing_texts;
use crate::domain::{Listing, MissingText};

impl Catalog {
    /// Live listings in id order, each decoded as the iteration reaches it.
    pub fn listings_by_id(&self) -> impl Iterator<Item = Arc<Listing>> + '_ {
        self.id_order
            .slots
            .iter()
            .filter_map(|slot| self.decoded(*slot))
            .map(|entry| entry.listing)
    }

    /// Every field with source text that `locale` lacks, in listing id
    /// order, then field order.
    pub fn missing_texts(&self, locale: &str) -> Vec<MissingText> {
        self.listings_by_id()
            .flat_map(|listing| missing_texts(&listing, locale))
            .collect()
    }

    /// How many listings lack at least one field's text in `locale`.
    pub fn listings_lacking_text(&self, locale: &str) -> usize {
        if let Some(count) = self.lacking_text.lock().get(locale) {
            return *count;
        }
        let count = self
            .listings_by_id()
            .filter(|listing| !missing_texts(listing, locale).is_empty())
            .count();
        self.lacking_text.lock().insert(locale.to_owned(), count);
        count
    }

    /// The spoken-language codes of live listings (each needs a label).
    pub fn spoken_languages(&self) -> BTreeSet<String> {
        self.columns
            .by_language
            .iter()
            .filter(|(_, slots)| {
                let mut live = (*slots).clone();
                live.intersect(&self.live);
                !live.is_empty()
            })
            .map(|(language, _)| language.clone())
            .collect()
    }
}
