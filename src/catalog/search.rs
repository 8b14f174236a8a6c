//! Keyword search: which listings match, how well, and where.
//!
//! A query matches a listing when every whitespace-separated term occurs in
//! one of the listing's texts in any locale, or in a localized name of its
//! category, city or district. The latter is what crosses scripts:
//! `Gangnam`, `강남`, `江南` and `カンナム` each occur in one locale's name of
//! Gangnam-gu, so each finds every listing there.

use std::collections::HashMap;

use super::Catalog;
use super::bits::Bits;
use super::text::{GramIndex, WordIndex, is_short, normalize, query_terms};
use crate::domain::{Category, Listing, ListingText};

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

    /// A hash of every name and target number: a snapshot's target lists
    /// hold only for the vocabulary it was built with.
    pub(super) fn fingerprint(&self) -> u64 {
        let mut targets: Vec<(u32, String)> = self
            .ids
            .iter()
            .map(|(target, id)| (*id, format!("{target:?}")))
            .collect();
        targets.sort_unstable();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (id, target) in &targets {
            hasher.update(&id.to_le_bytes());
            hasher.update(target.as_bytes());
        }
        for (id, name) in &self.names {
            hasher.update(&id.to_le_bytes());
            hasher.update(name.as_bytes());
            hasher.update(&[0]);
        }
        hasher.digest()
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

/// A parsed text query.
#[derive(Debug)]
pub(super) struct TextQuery {
    whole: String,
    /// Each term with the vocabulary targets whose names contain it.
    terms: Vec<(String, Vec<u32>)>,
}

/// How well each matching slot matches: 0 exact name, 1 name prefix, 2
/// every term in its names, 3 elsewhere.
#[derive(Debug)]
pub(super) struct Ranking {
    /// Slots per rank 0 to 2, each including the better ranks (a name
    /// equal to the query starts with it and holds every term).
    pub at_least: [Bits; 3],
}

impl Ranking {
    /// The rank of `slot`.
    pub(super) fn of(&self, slot: u32) -> u8 {
        (0u8..3)
            .find(|rank| self.at_least[usize::from(*rank)].contains(slot))
            .unwrap_or(3)
    }
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
        TextQuery {
            whole: normalize(raw),
            terms,
        }
    }

    /// Slots matching every term (dead slots included: the caller keeps
    /// live ones). All answered from indexes, none by reading a listing.
    pub(super) fn text_matches(&self, query: &TextQuery) -> Bits {
        let len = self.slots.len();
        let mut result: Option<Bits> = None;
        for (term, targets) in &query.terms {
            let mut hits = holding(&self.grams, &self.words, term, len);
            // Listings whose district, city or category name holds the
            // term match through that name.
            for target in targets {
                for slot in &self.target_slots[*target as usize] {
                    hits.insert(*slot);
                }
            }
            match &mut result {
                None => result = Some(hits),
                Some(result) => result.intersect(&hits),
            }
        }
        result.unwrap_or_else(|| Bits::new(len))
    }

    /// The ranking of a query, from the name indexes alone.
    pub(super) fn ranking(&self, query: &TextQuery) -> Ranking {
        let len = self.slots.len();
        let mut in_names: Option<Bits> = None;
        for (term, _) in &query.terms {
            let hits = holding(&self.name_grams, &self.name_words, term, len);
            match &mut in_names {
                None => in_names = Some(hits),
                Some(in_names) => in_names.intersect(&hits),
            }
        }
        let mut exact = Bits::new(len);
        let mut prefix = Bits::new(len);
        self.names.prefixed(&query.whole, |is_exact, slot| {
            prefix.insert(slot);
            if is_exact {
                exact.insert(slot);
            }
        });
        let mut in_names = in_names.unwrap_or_else(|| Bits::new(len));
        // A name starting with the query holds every term; the union only
        // guards against a normalisation corner where it would not.
        in_names.union(&prefix);
        Ranking {
            at_least: [exact, prefix, in_names],
        }
    }

    /// Where a matching listing matched best: its name in some locale if
    /// the name holds every term, else the first field or coded value
    /// holding the first term. `rank` is the listing's rank
    /// ([`Ranking::of`]), which says whether a name matched and how well,
    /// so that only the texts that can answer are normalised: this runs for
    /// the listings of a page, whose texts are not kept normalised.
    pub(super) fn matched(
        &self,
        listing: &Listing,
        targets: &[Option<u32>; 3],
        query: &TextQuery,
        rank: u8,
    ) -> Matched {
        let own = |kind: MatchField, locale: &str| Matched {
            field: kind,
            locale: Some(locale.to_owned()),
        };
        if rank < 3 {
            // The first locale whose name ranks as well as the listing.
            let best = listing.texts.iter().find(|(_, text)| {
                // The raw name first, as for the fields below.
                name_rank(&text.name, query) <= rank
                    || name_rank(&normalize(&text.name), query) <= rank
            });
            if let Some((locale, _)) = best {
                return own(MatchField::Name, locale);
            }
        }
        if let Some((term, wanted)) = query.terms.first() {
            // Field by field, normalising each only until one holds it.
            for (locale, text) in &listing.texts {
                for (kind, value) in fields_of(text) {
                    // The raw text first: a text that holds the normalised
                    // term as it is (as most non-Latin texts do) holds it
                    // once normalised too.
                    let holds = |value: &String| {
                        value.contains(term.as_str()) || normalize(value).contains(term.as_str())
                    };
                    if value.is_some_and(holds) {
                        return own(kind, locale);
                    }
                }
            }
            if let Some(id) = targets.iter().flatten().find(|id| wanted.contains(id)) {
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

/// A locale's text fields in the order search reads them: what is
/// indexed, and where a match is looked for.
pub(super) fn fields_of(text: &ListingText) -> [(MatchField, Option<&String>); 4] {
    [
        (MatchField::Name, Some(&text.name)),
        (MatchField::Address, text.address.as_ref()),
        (MatchField::Summary, text.summary.as_ref()),
        (MatchField::Eligibility, text.eligibility.as_ref()),
    ]
}

/// Slots (among `len`) with a text holding `term`: exact from the gram
/// index for a short term, from the word index for a longer one.
fn holding(grams: &GramIndex, words: &WordIndex, term: &str, len: usize) -> Bits {
    if is_short(term) {
        grams.candidates(term, len)
    } else {
        words.matching(term, len)
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
