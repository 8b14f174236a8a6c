//! Opaque pagination cursors. A cursor holds the sort key and id of the
//! last listing served, so a walk continues after it even when listings are
//! inserted or removed meanwhile (keyset pagination: nothing is skipped or
//! repeated). Clients must not build cursors; the encoding may change.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};

use super::listing::ListingId;
use super::parameter::{InvalidParameter, ParameterProblem};
use super::sort::Sort;

/// The sort key of the last listing served.
#[derive(Debug, Clone, PartialEq)]
pub enum CursorKey {
    /// `sort=id`: the id alone orders.
    Id,
    /// `sort=name`: the name in the response locale.
    Name(String),
    /// `sort=distance`: metres from `near`.
    Distance(f64),
    /// `sort=updated`: last change, newest first.
    Updated(DateTime<Utc>),
    /// `sort=relevance`: match rank, best (0) first.
    Relevance(u8),
}

impl CursorKey {
    /// The sort this key belongs to.
    pub fn sort(&self) -> Sort {
        match self {
            CursorKey::Id => Sort::Id,
            CursorKey::Name(_) => Sort::Name,
            CursorKey::Distance(_) => Sort::Distance,
            CursorKey::Updated(_) => Sort::Updated,
            CursorKey::Relevance(_) => Sort::Relevance,
        }
    }
}

/// A position in a listing walk.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    /// Sort key of the last listing served.
    pub key: CursorKey,
    /// Id of the last listing served (the tie-breaker).
    pub after: ListingId,
}

const VERSION: &str = "v2";
const SEPARATOR: char = '\u{1f}';

impl Cursor {
    /// The opaque form handed to clients.
    pub fn encode(&self) -> String {
        let (sort, key) = match &self.key {
            CursorKey::Id => ("id", String::new()),
            CursorKey::Name(name) => ("name", name.clone()),
            CursorKey::Distance(metres) => ("distance", metres.to_string()),
            CursorKey::Updated(at) => ("updated", at.timestamp_micros().to_string()),
            CursorKey::Relevance(rank) => ("relevance", rank.to_string()),
        };
        let text = [VERSION, sort, &key, self.after.as_str()].join(&SEPARATOR.to_string());
        URL_SAFE_NO_PAD.encode(text)
    }

    /// Reads a cursor handed out by [`Cursor::encode`].
    pub fn decode(raw: &str) -> Result<Self, InvalidParameter> {
        let malformed = || InvalidParameter::new("cursor", ParameterProblem::Malformed);
        let bytes = URL_SAFE_NO_PAD
            .decode(raw.trim())
            .map_err(|_| malformed())?;
        let text = String::from_utf8(bytes).map_err(|_| malformed())?;
        let parts: Vec<&str> = text.split(SEPARATOR).collect();
        let [VERSION, sort, key, id] = parts.as_slice() else {
            return Err(malformed());
        };
        let key = match *sort {
            "id" => CursorKey::Id,
            "name" => CursorKey::Name((*key).to_owned()),
            "distance" => CursorKey::Distance(key.parse().map_err(|_| malformed())?),
            "updated" => CursorKey::Updated(
                key.parse::<i64>()
                    .ok()
                    .and_then(DateTime::from_timestamp_micros)
                    .ok_or_else(malformed)?,
            ),
            "relevance" => CursorKey::Relevance(key.parse().map_err(|_| malformed())?),
            _ => return Err(malformed()),
        };
        let after = ListingId::parse(id).map_err(|_| malformed())?;
        Ok(Cursor { key, after })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_cursor_round_trips() {
        let after = ListingId::parse("seoul-global-center").unwrap();
        for key in [
            CursorKey::Id,
            CursorKey::Name("서울 \u{1e} x".into()),
            CursorKey::Distance(1234.5),
            CursorKey::Updated(DateTime::from_timestamp_micros(1_700_000_000_123_456).unwrap()),
            CursorKey::Relevance(2),
        ] {
            let cursor = Cursor {
                key,
                after: after.clone(),
            };
            assert_eq!(Cursor::decode(&cursor.encode()), Ok(cursor));
        }
    }

    #[test]
    fn garbage_is_refused() {
        for bad in ["", "%%%", "djE6", "bm9wZQ", "djIfaWQfH2JhZCBpZA"] {
            assert!(Cursor::decode(bad).is_err(), "{bad}");
        }
    }
}
