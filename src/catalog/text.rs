//! Text matching that works for every script the directory serves:
//! NFKC normalisation (full- and half-width forms, compatibility
//! characters), case folding, and an inverted index of character unigrams
//! and bigrams, so that a one- or two-character Korean, Japanese or Chinese
//! query matches without any word splitting.

use std::collections::HashMap;

use indexmap::IndexSet;
use serde::{Deserialize, Serialize};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::bits::{Bits, Postings};

/// NFKC, lowercased, with runs of whitespace collapsed to one space.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text);
    }
    // Most texts are already NFKC (plain ASCII, most Hangul and kanji): the
    // quick check spares them the decomposition, the slow part.
    match is_nfkc_quick(text.chars()) {
        IsNormalized::Yes => fold(text.chars()),
        _ => fold(text.nfkc()),
    }
}

/// [`fold`] for ASCII text (NFKC already), byte by byte.
fn fold_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// Lowercases `chars`, with runs of whitespace collapsed to one space.
fn fold(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars.flat_map(char::to_lowercase) {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// A query's terms: whitespace-separated, normalised, each at least one
/// character. Scripts without spaces yield one term, matched as a substring.
pub fn query_terms(query: &str) -> Vec<String> {
    normalize(query)
        .split(' ')
        .filter(|term| !term.is_empty())
        .map(str::to_owned)
        .collect()
}

fn gram_key(first: char, second: Option<char>) -> u64 {
    (u64::from(first) << 32) | second.map_or(0x11_0000, u64::from)
}

/// The gram keys of a term: its unigram when it has one character, else
/// its bigrams.
fn term_keys(term: &str) -> Vec<u64> {
    let chars: Vec<char> = term.chars().filter(|c| *c != ' ').collect();
    if chars.len() == 1 {
        vec![gram_key(chars[0], None)]
    } else {
        chars
            .windows(2)
            .map(|w| gram_key(w[0], Some(w[1])))
            .collect()
    }
}

/// True when the gram index answers `term` exactly (one- and two-character
/// terms: the index holds every unigram and bigram of each text).
pub fn is_short(term: &str) -> bool {
    term.chars().count() <= 2
}

/// Unigram and bigram postings: gram -> documents.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct GramIndex {
    postings: HashMap<u64, Postings>,
}

impl GramIndex {
    /// Indexes normalised `text` as document `doc`. Documents must be added
    /// in ascending order so postings stay sorted without a sort.
    pub fn add(&mut self, doc: u32, text: &str) {
        let mut previous: Option<char> = None;
        for c in text.chars() {
            if c != ' ' {
                self.postings
                    .entry(gram_key(c, None))
                    .or_default()
                    .push(doc);
            }
            if let Some(p) = previous {
                if p != ' ' && c != ' ' {
                    self.postings
                        .entry(gram_key(p, Some(c)))
                        .or_default()
                        .push(doc);
                }
            }
            previous = Some(c);
        }
    }

    /// Documents that contain every gram of `term`, among `len` documents:
    /// exactly the documents containing a [short](is_short) term, and a
    /// superset (to be confirmed) for a longer one.
    pub fn candidates(&self, term: &str, len: usize) -> Bits {
        let mut lists = Vec::new();
        for key in term_keys(term) {
            match self.postings.get(&key) {
                Some(postings) => lists.push(postings),
                None => return Bits::new(len),
            }
        }
        let Some((first, rest)) = lists.split_first() else {
            return Bits::new(len);
        };
        let mut found = first.to_bits(len);
        for postings in rest {
            found.intersect(&postings.to_bits(len));
        }
        found
    }
}

/// Whitespace-separated words of normalised texts -> documents. A query
/// term holds no whitespace, so it occurs in a text exactly when it occurs
/// inside one of the text's words; and distinct words are far fewer than
/// texts (a district or a road repeats in thousands of listings), so
/// confirming a long term costs one substring search per distinct word
/// instead of one per listing.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct WordIndex {
    /// Each distinct word once; its index is its id.
    words: IndexSet<Box<str>>,
    docs: Vec<Postings>,
    /// Grams of the words, numbered by word id.
    grams: GramIndex,
}

impl WordIndex {
    /// Indexes normalised `text` as document `doc` (ascending, as for
    /// [`GramIndex::add`]).
    pub fn add(&mut self, doc: u32, text: &str) {
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let id = match self.words.get_index_of(word) {
                Some(id) => id,
                None => {
                    #[expect(
                        clippy::expect_used,
                        reason = "word ids are u32 by design; no catalog holds 4 billion words"
                    )]
                    let id = u32::try_from(self.words.len()).expect("fewer than 4 billion words");
                    self.words.insert(word.into());
                    self.docs.push(Postings::default());
                    self.grams.add(id, word);
                    id as usize
                }
            };
            self.docs[id].push(doc);
        }
    }

    /// Documents (among `len`) with a text that contains `term`, which holds
    /// no whitespace.
    pub fn matching(&self, term: &str, len: usize) -> Bits {
        let mut found = Bits::new(len);
        let exact = is_short(term);
        for id in self.grams.candidates(term, self.words.len()).iter() {
            let id = id as usize;
            if exact
                || self
                    .words
                    .get_index(id)
                    .is_some_and(|word| word.contains(term))
            {
                self.docs[id].add_to(&mut found);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_folds_width_case_and_compatibility_forms() {
        assert_eq!(normalize("ＧＡＮＧＮＡＭ"), "gangnam");
        assert_eq!(normalize("ｶﾝﾅﾑ"), "カンナム");
        assert_eq!(normalize("  Seoul \t Global  "), "seoul global");
        assert_eq!(normalize("㈜"), "(주)");
    }

    #[test]
    fn short_cjk_terms_find_their_documents() {
        let mut index = GramIndex::default();
        index.add(0, &normalize("강남구 일자리카페"));
        index.add(1, &normalize("江南区"));
        index.add(2, &normalize("Gangnam-gu"));
        let docs = |term: &str| index.candidates(term, 3).iter().collect::<Vec<_>>();
        assert_eq!(docs("강"), [0]);
        assert_eq!(docs("강남"), [0]);
        assert_eq!(docs("江"), [1]);
        assert_eq!(docs("gangnam"), [2]);
        assert!(docs("서울").is_empty());
    }

    #[test]
    fn words_find_long_terms_exactly_inside_words_only() {
        let mut index = WordIndex::default();
        index.add(0, &normalize("12 Gangnam-daero, Seocho-gu"));
        index.add(1, &normalize("Sample data. Languages: English"));
        index.add(2, &normalize("Gangnam-gu office"));
        let docs = |term: &str| index.matching(term, 3).iter().collect::<Vec<_>>();
        assert_eq!(docs("gangnam"), [0, 2]);
        assert_eq!(docs("nam-d"), [0]);
        // "gangnam-gu" is a word of document 2, "gangnam-gu," of none.
        assert!(docs("gangnam-gu,").is_empty());
        assert_eq!(docs("ng"), [0, 1, 2]);
        assert!(docs("datalang").is_empty());
    }

    #[test]
    fn terms_split_on_whitespace_only() {
        assert_eq!(query_terms(" Job  Café "), ["job", "café"]);
        assert_eq!(query_terms("일자리카페"), ["일자리카페"]);
        assert!(query_terms("   ").is_empty());
    }
}
