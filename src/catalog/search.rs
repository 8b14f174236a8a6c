//! Keyword search: which listings match, how well, and where.
//!
//! A query matches a listing when every whitespace-separated term occurs in
//! one of the listing's texts in any locale, or in a localized name of its
//! category, city or district. The latter is what crosses scripts:
//! `Gangnam`, `강남`, `江南` and `カンナム` each occur in one locale's name of
//! Gangnam-gu, so each finds every listing there.

use std::collections::HashSet;

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

/// Localized names of coded values, in every locale, normalised.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    names: Vec<(VocabularyTarget, String)>,
}

impl Vocabulary {
    /// Adds a name (in any locale) of a coded value.
    pub fn add(&mut self, target: VocabularyTarget, name: &str) {
        self.names.push((target, normalize(name)));
    }

    fn matching(&self, term: &str) -> HashSet<&VocabularyTarget> {
        self.names
            .iter()
            .filter(|(_, name)| name.contains(term))
            .map(|(target, _)| target)
            .collect()
    }
}

fn field_of(target: &VocabularyTarget) -> MatchField {
    match target {
        VocabularyTarget::Category(_) => MatchField::Category,
        VocabularyTarget::City(_) => MatchField::City,
        VocabularyTarget::District(..) => MatchField::District,
    }
}

fn targets_of(entry: &Entry) -> [Option<VocabularyTarget>; 3] {
    let listing = &entry.listing;
    [
        listing
            .district
            .as_ref()
            .map(|d| VocabularyTarget::District(listing.city.clone(), d.clone())),
        Some(VocabularyTarget::City(listing.city.clone())),
        Some(VocabularyTarget::Category(listing.category)),
    ]
}

/// A parsed text query.
#[derive(Debug)]
pub(super) struct TextQuery<'a> {
    whole: String,
    terms: Vec<(String, HashSet<&'a VocabularyTarget>)>,
}

impl Catalog {
    pub(super) fn text_query(&self, raw: &str) -> TextQuery<'_> {
        let terms = query_terms(raw)
            .into_iter()
            .map(|term| {
                let targets = self.vocabulary.matching(&term);
                (term, targets)
            })
            .collect();
        TextQuery {
            whole: normalize(raw),
            terms,
        }
    }

    /// Slots matching every term, ascending.
    pub(super) fn text_matches(&self, query: &TextQuery<'_>) -> Vec<u32> {
        let mut result: Option<Vec<u32>> = None;
        for (term, targets) in &query.terms {
            let mut slots: Vec<u32> = self
                .grams
                .candidates(term)
                .into_iter()
                .filter(|slot| {
                    self.entry(*slot)
                        .is_some_and(|e| e.fields.iter().any(|f| f.text.contains(term.as_str())))
                })
                .collect();
            if !targets.is_empty() {
                slots.extend(self.id_order.slots.iter().copied().filter(|slot| {
                    self.entry(*slot).is_some_and(|entry| {
                        targets_of(entry)
                            .iter()
                            .flatten()
                            .any(|t| targets.contains(t))
                    })
                }));
                slots.sort_unstable();
                slots.dedup();
            }
            result = Some(match result {
                None => slots,
                Some(previous) => previous
                    .into_iter()
                    .filter(|slot| slots.binary_search(slot).is_ok())
                    .collect(),
            });
        }
        result.unwrap_or_default()
    }

    /// How well a matching entry matches: 0 exact name, 1 name prefix,
    /// 2 every term in the name, 3 elsewhere; and the best field matched.
    pub(super) fn rank(&self, entry: &Entry, query: &TextQuery<'_>) -> (u8, Matched) {
        let names = || entry.fields.iter().filter(|f| f.kind == MatchField::Name);
        let named = |rank: u8, field: &super::SearchField| {
            let matched = Matched {
                field: MatchField::Name,
                locale: Some(field.locale.clone()),
            };
            (rank, matched)
        };
        if let Some(field) = names().find(|f| f.text == query.whole) {
            return named(0, field);
        }
        if let Some(field) = names().find(|f| f.text.starts_with(&query.whole)) {
            return named(1, field);
        }
        if let Some(field) =
            names().find(|f| query.terms.iter().all(|(t, _)| f.text.contains(t.as_str())))
        {
            return named(2, field);
        }
        let first_term = query
            .terms
            .first()
            .map(|(term, targets)| (term.as_str(), targets));
        if let Some((term, targets)) = first_term {
            if let Some(field) = entry.fields.iter().find(|f| f.text.contains(term)) {
                let matched = Matched {
                    field: field.kind,
                    locale: Some(field.locale.clone()),
                };
                return (3, matched);
            }
            if let Some(target) = targets_of(entry)
                .iter()
                .flatten()
                .find(|t| targets.contains(t))
            {
                return (
                    3,
                    Matched {
                        field: field_of(target),
                        locale: None,
                    },
                );
            }
        }
        (
            3,
            Matched {
                field: MatchField::Summary,
                locale: None,
            },
        )
    }
}
