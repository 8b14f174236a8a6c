//! Keyword search: which listings match, how well, and where.
//!
//! A query matches a listing when every whitespace-separated term occurs in
//! one of the listing's texts in any locale, or in a localized name of its
//! category, city or district. The latter is what crosses scripts:
//! `Gangnam`, `강남`, `江南` and `カンナム` each occur in one locale's name of
//! Gangnam-gu, so each finds every listing there.

use std::collections::HashMap;

use memchr::memmem::Finder;

use super::text::{normalize, query_terms};
use super::{Catalog, Entry};
use crate::domain::Category;

/// Where a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchField {
    /// The listing's name.
    Name,
    /// Its address.
    Address,
    /// Its summary.
    Summary,
    /// Its eligibility text.
    Eligibility,
    /// The name of its district.
    District,
    /// The name of its city.
    City,
    /// The name of its category.
    Category,
}

impl MatchField {
    /// The stable code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            MatchField::Name => "name",
            MatchField::Address => "address",
            MatchField::Summary => "summary",
            MatchField::Eligibility => "eligibility",
            MatchField::District => "district",
            MatchField::City => "city",
            MatchField::Category => "category",
        }
    }
}

/// The best place a query matched in a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The field.
    pub field: MatchField,
    /// The locale of the text that matched, for the listing's own fields.
    pub locale: Option<String>,
}

/// A coded value whose localized names search reaches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum VocabularyTarget {
    /// A category.
    Category(Category),
    /// A city, by code.
    City(String),
    /// A district: city code, district code.
    District(String, String),
}

/// Localized names of coded values, in every locale, normalised. Targets
/// are interned as small numbers so that entries refer to them cheaply and
/// the catalog keeps one list of listings per target.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: HashMap<VocabularyTarget, u32>,
    kinds: Vec<MatchField>,
    names: Vec<(u32, String)>,
}

impl Vocabulary {
    /// Adds a name (in any locale) of a coded value.
    pub fn add(&mut self, target: VocabularyTarget, name: &str) {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        let kind = field_of(&target);
        let id = *self.ids.entry(target).or_insert(next);
        if id == next {
            self.kinds.push(kind);
        }
        self.names.push((id, normalize(name)));
    }

    /// How many distinct coded values have names.
    pub(super) fn target_count(&self) -> usize {
        self.kinds.len()
    }

    /// The interned number of a coded value, if it has a name.
    pub(super) fn id_of(&self, target: &VocabularyTarget) -> Option<u32> {
        self.ids.get(target).copied()
    }

    fn matching(&self, term: &str) -> Vec<u32> {
        let mut ids: Vec<u32> = self
            .names
            .iter()
            .filter(|(_, name)| name.contains(term))
            .map(|(id, _)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

fn field_of(target: &VocabularyTarget) -> MatchField {
    match target {
        VocabularyTarget::Category(_) => MatchField::Category,
        VocabularyTarget::City(_) => MatchField::City,
        VocabularyTarget::District(..) => MatchField::District,
    }
}

/// A term with its gram candidates and the listings its vocabulary names.
type TermCandidates<'a> = (&'a (String, Vec<u32>), Vec<u32>, Vec<u32>);

/// A parsed text query.
#[derive(Debug)]
pub(super) struct TextQuery {
    whole: String,
    /// Each term with the vocabulary targets whose names contain it.
    terms: Vec<(String, Vec<u32>)>,
    /// A searcher for each term, over an entry's marked names.
    term_finders: Vec<Finder<'static>>,
}

impl Catalog {
    pub(super) fn text_query(&self, raw: &str) -> TextQuery {
        let terms: Vec<(String, Vec<u32>)> = query_terms(raw)
            .into_iter()
            .map(|term| {
                let targets = self.vocabulary.matching(&term);
                (term, targets)
            })
            .collect();
        let whole = normalize(raw);
        let term_finders = terms
            .iter()
            .map(|(term, _): &(String, Vec<u32>)| Finder::new(term.as_bytes()).into_owned())
            .collect();
        TextQuery {
            term_finders,
            whole,
            terms,
        }
    }

    /// Slots matching every term, ascending (dead slots included: the
    /// caller skips them).
    /// `ranks` is [`Catalog::ranks`] of the same query: a listing ranked
    /// 0 to 2 holds every term in its names, so it matches unread.
    pub(super) fn text_matches(&self, query: &TextQuery, ranks: &[u8]) -> Vec<u32> {
        // The most selective term first, so that the confirming substring
        // search of the others runs only on listings still in the running.
        let mut terms: Vec<TermCandidates<'_>> = query
            .terms
            .iter()
            .map(|term| {
                // Listings whose district, city or category name holds the
                // term match without reading their text.
                let mut named: Vec<u32> = term
                    .1
                    .iter()
                    .flat_map(|target| self.target_slots[*target as usize].iter().copied())
                    .collect();
                named.sort_unstable();
                named.dedup();
                (term, self.grams.candidates(&term.0), named)
            })
            .collect();
        terms.sort_by_key(|(_, candidates, named)| candidates.len() + named.len());
        let mut result: Option<Vec<u32>> = None;
        for ((term, _), candidates, named) in terms {
            // Membership as bitmaps: one lookup per candidate, not a search.
            let still = result.as_deref().map(|previous| self.bitmap(previous));
            let by_name = self.bitmap(&named);
            let still = |slot: &u32| still.as_ref().is_none_or(|bits| bits[*slot as usize]);
            // Postings of one- and two-character terms are exact (the index
            // holds every unigram and bigram of each field); longer terms
            // are confirmed in the entry's text, with one prebuilt searcher.
            let exact = term.chars().count() <= 2;
            let finder = Finder::new(term.as_bytes());
            let mut slots: Vec<u32> = candidates
                .into_iter()
                .filter(|slot| still(slot) && !by_name[*slot as usize])
                .filter(|slot| {
                    exact
                        || ranks.get(*slot as usize).is_some_and(|rank| *rank < 3)
                        || self
                            .entry(*slot)
                            .is_some_and(|e| finder.find(e.blob.as_bytes()).is_some())
                })
                .collect();
            slots.extend(named.into_iter().filter(|slot| still(slot)));
            slots.sort_unstable();
            result = Some(slots);
        }
        result.unwrap_or_default()
    }

    /// A slot-indexed membership bitmap of `slots`.
    fn bitmap(&self, slots: &[u32]) -> Vec<bool> {
        let mut bits = vec![false; self.slots.len()];
        for slot in slots {
            bits[*slot as usize] = true;
        }
        bits
    }

    /// How well each slot matches, indexed by slot: 0 exact name, 1 name
    /// prefix, 2 every term in its names, 3 elsewhere. Built from the name
    /// indexes, so the thousands of listings that match a district name
    /// are ranked without reading their text.
    pub(super) fn ranks(&self, query: &TextQuery) -> Vec<u8> {
        let mut ranks = vec![3u8; self.slots.len()];
        let mut in_names: Option<Vec<u32>> = None;
        for ((term, _), finder) in query.terms.iter().zip(&query.term_finders) {
            let exact = term.chars().count() <= 2;
            let still = in_names.as_deref().map(|previous| self.bitmap(previous));
            let slots: Vec<u32> = self
                .name_grams
                .candidates(term)
                .into_iter()
                .filter(|slot| still.as_ref().is_none_or(|bits| bits[*slot as usize]))
                .filter(|slot| {
                    exact
                        || self
                            .entry(*slot)
                            .is_some_and(|e| finder.find(e.names.as_bytes()).is_some())
                })
                .collect();
            in_names = Some(slots);
        }
        for slot in in_names.unwrap_or_default() {
            ranks[slot as usize] = 2;
        }
        let prefixed = self
            .names
            .range(query.whole.clone()..)
            .take_while(|(name, _)| name.starts_with(&query.whole));
        for (name, slots) in prefixed {
            let rank = if *name == query.whole { 0 } else { 1 };
            for slot in slots {
                let current = &mut ranks[*slot as usize];
                *current = (*current).min(rank);
            }
        }
        ranks
    }

    /// Where a matching entry matched best: its name in some locale if the
    /// name holds every term, else the first field or coded value holding
    /// the first term. Computed only for the listings of a page.
    pub(super) fn matched(&self, entry: &Entry, query: &TextQuery) -> Matched {
        let own = |field: &super::SearchField| Matched {
            field: field.kind,
            locale: Some(field.locale.clone()),
        };
        let best_name = entry
            .fields
            .iter()
            .filter(|f| f.kind == MatchField::Name)
            .map(|f| (name_rank(&f.text, query), f))
            .filter(|(rank, _)| *rank < 3)
            .min_by_key(|(rank, _)| *rank);
        if let Some((_, field)) = best_name {
            return own(field);
        }
        if let Some((term, targets)) = query.terms.first() {
            if let Some(field) = entry.fields.iter().find(|f| f.text.contains(term.as_str())) {
                return own(field);
            }
            if let Some(id) = entry
                .targets
                .iter()
                .flatten()
                .find(|id| targets.contains(id))
            {
                let field = self.vocabulary.kinds.get(*id as usize).copied();
                return Matched {
                    field: field.unwrap_or(MatchField::Summary),
                    locale: None,
                };
            }
        }
        Matched {
            field: MatchField::Summary,
            locale: None,
        }
    }
}

fn name_rank(name: &str, query: &TextQuery) -> u8 {
    if name == query.whole {
        0
    } else if name.starts_with(&query.whole) {
        1
    } else if query.terms.iter().all(|(t, _)| name.contains(t.as_str())) {
        2
    } else {
        3
    }
}
