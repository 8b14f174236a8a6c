//! Listings found by an id derived from theirs, such as HSDS's UUIDs
//! (hashes of listing ids): each kind of derived id is worked out for every
//! listing once per catalog change, not once per listing per request.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Catalog, Entry};

/// Slots by derived id, per kind.
pub(super) type DerivedIds = HashMap<&'static str, Arc<HashMap<String, u32>>>;

impl Catalog {
    /// The live listing whose id, passed through `derive`, is `derived`.
    /// `kind` names `derive`: one kind must always derive the same way.
    pub fn find_derived(
        &self,
        kind: &'static str,
        derived: &str,
        derive: impl Fn(&str) -> String,
    ) -> Option<Entry> {
        let index = {
            let mut indexes = self.derived_ids.lock();
            let index = indexes.entry(kind).or_insert_with(|| {
                let by_derived = self
                    .id_order
                    .slots
                    .iter()
                    .map(|slot| (derive(self.id_of(*slot)), *slot))
                    .collect();
                Arc::new(by_derived)
            });
            Arc::clone(index)
        };
        self.decoded(*index.get(derived)?)
    }
}
