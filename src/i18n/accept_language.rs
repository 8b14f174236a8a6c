//! `Accept-Language` (RFC 9110 §12.5.4), read leniently: a malformed entry is
//! skipped, never an error, because a bad header must not fail a request.

use unic_langid::LanguageIdentifier;

/// At most this many entries are read, so that a hostile header costs little.
const MAX_ENTRIES: usize = 16;

/// One acceptable language; `None` stands for `*` (any language).
pub(super) type Preference = Option<LanguageIdentifier>;

/// The client's languages, most preferred first: entries sorted by `q`
/// (stable, so equal weights keep header order), `q=0` dropped.
pub fn parse_accept_language(header: &str) -> Vec<Preference> {
    let mut weighted: Vec<(u16, Preference)> = header
        .split(',')
        .take(MAX_ENTRIES)
        .filter_map(parse_entry)
        .filter(|(weight, _)| *weight > 0)
        .collect();
    weighted.sort_by_key(|(weight, _)| std::cmp::Reverse(*weight));
    weighted.into_iter().map(|(_, tag)| tag).collect()
}

/// Parses `tag[;q=w]` into (weight in thousandths, tag).
fn parse_entry(entry: &str) -> Option<(u16, Preference)> {
    let mut parts = entry.split(';');
    let tag = parts.next()?.trim();
    let mut weight = 1000;
    for param in parts {
        let (name, value) = param.split_once('=')?;
        if name.trim().eq_ignore_ascii_case("q") {
            weight = parse_weight(value.trim())?;
        }
    }
    match tag {
        "" => None,
        "*" => Some((weight, None)),
        _ => tag.parse().ok().map(|tag| (weight, Some(tag))),
    }
}

/// `0`, `1`, `0.5`, `0.125`, `1.000`: at most three decimals, 0..=1.
fn parse_weight(raw: &str) -> Option<u16> {
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = match whole {
        "0" => format!("{fraction:0<3}").parse::<u16>().ok()?,
        "1" if fraction.bytes().all(|b| b == b'0') => 1000,
        _ => return None,
    };
    Some(thousandths)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(header: &str) -> Vec<String> {
        parse_accept_language(header)
            .into_iter()
            .map(|p| p.map_or("*".to_owned(), |t| t.to_string()))
            .collect()
    }

    #[test]
    fn entries_are_ordered_by_weight_then_position() {
        assert_eq!(
            tags("en;q=0.5, ja-JP, ko;q=0.8, zh;q=0.8"),
            ["ja-JP", "ko", "zh", "en"]
        );
    }

    #[test]
    fn zero_weight_and_malformed_entries_are_dropped() {
        assert_eq!(tags("ja;q=0, ko;q=2, en;q=abc, !!, fr;q=0.3"), ["fr"]);
        assert_eq!(tags(""), Vec::<String>::new());
        assert_eq!(tags(";;;,,,"), Vec::<String>::new());
    }

    #[test]
    fn the_wildcard_is_kept_in_place() {
        assert_eq!(tags("ja;q=0.9, *;q=0.5"), ["ja", "*"]);
    }

    #[test]
    fn a_huge_header_is_cut_short() {
        let header = vec!["ja"; 10_000].join(",");
        assert_eq!(tags(&header).len(), MAX_ENTRIES);
    }
}
