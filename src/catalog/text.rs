//! Text matching that works for every script the directory serves:
//! NFKC normalisation (full- and half-width forms, compatibility
//! characters), case folding, and an inverted index of character unigrams
//! and bigrams, so that a one- or two-character Korean, Japanese or Chinese
//! query matches without any word splitting.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

/// NFKC, lowercased, with runs of whitespace collapsed to one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc().flat_map(char::to_lowercase) {
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

/// Unigram and bigram postings: gram -> ascending document numbers.
#[derive(Debug, Default)]
pub struct GramIndex {
    postings: HashMap<u64, Vec<u32>>,
}

impl GramIndex {
    /// Indexes normalised `text` as document `doc`. Documents must be added
    /// in ascending order so postings stay sorted without a sort.
    pub fn add(&mut self, doc: u32, text: &str) {
        let mut previous: Option<char> = None;
        for c in text.chars() {
            if c != ' ' {
                self.push(gram_key(c, None), doc);
            }
            if let Some(p) = previous {
                if p != ' ' && c != ' ' {
                    self.push(gram_key(p, Some(c)), doc);
                }
            }
            previous = Some(c);
        }
    }

    fn push(&mut self, key: u64, doc: u32) {
        let list = self.postings.entry(key).or_default();
        if list.last() != Some(&doc) {
            list.push(doc);
        }
    }

    /// Documents that contain every gram of `term`: a superset of the
    /// documents containing `term`, to be confirmed by a substring check.
    pub fn candidates(&self, term: &str) -> Vec<u32> {
        let chars: Vec<char> = term.chars().filter(|c| *c != ' ').collect();
        let keys: Vec<u64> = if chars.len() == 1 {
            vec![gram_key(chars[0], None)]
        } else {
            chars
                .windows(2)
                .map(|w| gram_key(w[0], Some(w[1])))
                .collect()
        };
        let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(keys.len());
        for key in keys {
            match self.postings.get(&key) {
                Some(list) => lists.push(list),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|list| list.len());
        let Some((shortest, rest)) = lists.split_first() else {
            return Vec::new();
        };
        // Intersect through bitmaps of the longer lists: linear in their
        // lengths, where a binary search per candidate per list is not.
        let width = shortest.last().map_or(0, |last| *last as usize + 1);
        let mut keep = vec![true; width];
        for list in rest {
            let mut seen = vec![false; width];
            for doc in list.iter().take_while(|doc| (**doc as usize) < width) {
                seen[*doc as usize] = true;
            }
            for (kept, present) in keep.iter_mut().zip(&seen) {
                *kept &= present;
            }
        }
        shortest
            .iter()
            .copied()
            .filter(|doc| keep[*doc as usize])
            .collect()
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
        assert_eq!(index.candidates("강"), vec![0]);
        assert_eq!(index.candidates("강남"), vec![0]);
        assert_eq!(index.candidates("江"), vec![1]);
        assert_eq!(index.candidates("gangnam"), vec![2]);
        assert!(index.candidates("서울").is_empty());
    }

    #[test]
    fn terms_split_on_whitespace_only() {
        assert_eq!(query_terms(" Job  Café "), ["job", "café"]);
        assert_eq!(query_terms("일자리카페"), ["일자리카페"]);
        assert!(query_terms("   ").is_empty());
    }
}
