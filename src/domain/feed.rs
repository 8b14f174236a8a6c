//! Parameters of the change feed: an opaque cursor (the position of the
//! last change served) and a page size. Clients must not build cursors;
//! the encoding may change.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use super::parameter::{InvalidParameter, ParameterProblem};

/// A position in the change feed: every change after it is still to come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedCursor(pub i64);

const PREFIX: &str = "f1:";

impl FeedCursor {
    /// The start of the feed.
    pub const START: FeedCursor = FeedCursor(0);

    /// The opaque form handed to clients.
    pub fn encode(self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{PREFIX}{}", self.0))
    }

    /// Reads a cursor handed out by [`FeedCursor::encode`].
    pub fn decode(raw: &str) -> Result<Self, InvalidParameter> {
        let malformed = || InvalidParameter::new("since", ParameterProblem::Malformed);
        let bytes = URL_SAFE_NO_PAD
            .decode(raw.trim())
            .map_err(|_| malformed())?;
        let text = String::from_utf8(bytes).map_err(|_| malformed())?;
        let seq = text
            .strip_prefix(PREFIX)
            .and_then(|seq| seq.parse::<i64>().ok())
            .filter(|seq| *seq >= 0)
            .ok_or_else(malformed)?;
        Ok(FeedCursor(seq))
    }
}

/// Changes per page when the client does not say.
pub const DEFAULT_LIMIT: i64 = 100;
/// Most changes per page.
pub const MAX_LIMIT: i64 = 1_000;

/// The page size from `limit`, 1 to [`MAX_LIMIT`].
pub fn parse_limit(raw: Option<&str>) -> Result<i64, InvalidParameter> {
    let Some(raw) = raw else {
        return Ok(DEFAULT_LIMIT);
    };
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|limit| (1..=MAX_LIMIT).contains(limit))
        .ok_or(InvalidParameter::new(
            "limit",
            ParameterProblem::NotInRange {
                min: 1,
                max: MAX_LIMIT,
            },
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips_and_garbage_is_refused() {
        for seq in [0, 1, 42, i64::MAX] {
            assert_eq!(
                FeedCursor::decode(&FeedCursor(seq).encode()),
                Ok(FeedCursor(seq))
            );
        }
        for bad in ["", "%%%", "ZjE6", "ZjE6LTE", "djE6MQ"] {
            assert!(FeedCursor::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn limits_outside_one_to_a_thousand_are_refused() {
        assert_eq!(parse_limit(None), Ok(DEFAULT_LIMIT));
        assert_eq!(parse_limit(Some("7")), Ok(7));
        for bad in ["0", "1001", "x", "-1"] {
            assert!(parse_limit(Some(bad)).is_err(), "{bad}");
        }
    }
}
