//! Free text as the directory stores it: in Unicode NFC, so that text
//! that looks the same is the same (for duplicates, diffs and search), and
//! without the invisible characters that make text display as something
//! other than what it is: bidirectional embeddings, overrides and isolates
//! (the "Trojan Source" characters, which can make a phone number or a
//! name read backwards) and control characters other than line breaks and
//! tabs.

use unicode_normalization::UnicodeNormalization;

/// True for a character refused in free text.
fn is_hidden_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && !matches!(c, '\n' | '\t'))
}

/// `raw` in NFC, or the first refused character.
pub fn clean(raw: &str) -> Result<String, char> {
    match raw.chars().find(|c| is_hidden_control(*c)) {
        Some(refused) => Err(refused),
        None => Ok(raw.nfc().collect()),
    }
}

/// How a refused character is named in an error: `U+202E`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_stored_composed() {
        // "é" as e + combining acute, and Hangul as jamo.
        assert_eq!(clean("Cafe\u{301}").unwrap(), "Caf\u{e9}");
        assert_eq!(clean("\u{1100}\u{1161}").unwrap(), "\u{ac00}");
        assert_eq!(
            clean("Line one\nline two\tend").unwrap(),
            "Line one\nline two\tend"
        );
    }

    #[test]
    fn bidi_overrides_and_controls_are_refused() {
        for (text, refused) in [
            ("+82-2-\u{202e}1234", '\u{202e}'),
            ("a\u{2066}b", '\u{2066}'),
            ("nul\u{0}", '\u{0}'),
            ("bell\u{7}", '\u{7}'),
            ("c1\u{85}", '\u{85}'),
            ("cr\r", '\r'),
        ] {
            assert_eq!(clean(text), Err(refused), "{text:?}");
        }
        assert_eq!(code_point('\u{202e}'), "U+202E");
    }
}
