//! Spreadsheet formula injection (CSV injection): a cell that starts with
//! `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
//! Excel, LibreOffice and Google Sheets when the public export is opened.
//! The export prefixes such cells with an apostrophe (the OWASP rule), and
//! the import takes it off again, so an export still imports back as a
//! no-op and a value never changes on the way round.
//!
//! The escape is a bijection: a value that already starts with apostrophes
//! followed by a trigger (`'=x`) gains one more (`''=x`), and only a cell of
//! that shape loses one on import. Other leading apostrophes (`'s-Hertogenbosch`)
//! pass untouched both ways.

use std::borrow::Cow;

/// Characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when `value` is apostrophes (possibly none) then a trigger.
fn is_formula_shaped(value: &str) -> bool {
    value
        .trim_start_matches('\'')
        .starts_with(|c: char| TRIGGERS.contains(&c))
}

/// The cell to write for a text value.
pub fn neutralize(value: &str) -> Cow<'_, str> {
    if is_formula_shaped(value) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// The text value of a cell read back: undoes [`neutralize`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula_shaped(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused_and_others_left_alone() {
        assert_eq!(
            neutralize("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(neutralize("@SUM(A1)|cmd"), "'@SUM(A1)|cmd");
        assert_eq!(neutralize("+82-2-731-6800"), "'+82-2-731-6800");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("Seoul Global Center"), "Seoul Global Center");
        assert_eq!(neutralize("'s-Hertogenbosch"), "'s-Hertogenbosch");
        assert_eq!(neutralize(""), "");
    }

    #[test]
    fn every_value_survives_the_round_trip() {
        for value in [
            "=1+1", "'=1+1", "''-x", "-", "'", "''", "'s", "a=b", "@", "\r=", "서울", "",
        ] {
            assert_eq!(restore(&neutralize(value)), value, "{value:?}");
        }
    }

    #[test]
    fn a_hand_written_apostrophe_before_a_formula_is_read_as_text() {
        assert_eq!(restore("'=1"), "=1");
        assert_eq!(restore("'s-Hertogenbosch"), "'s-Hertogenbosch");
    }
}
