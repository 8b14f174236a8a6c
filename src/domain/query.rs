//! How a reader asks for listings: filters, page size and cursor, parsed
//! from the raw strings of a request into values that cannot be wrong.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use unic_langid::LanguageIdentifier;

use super::listing::ListingId;
use super::reference::ReferenceData;
use super::{Category, category::UnknownCategory};

/// Why a request parameter was refused; the API turns it into a localized 400.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidParameter {
    /// The parameter's name as the client sent it.
    pub parameter: &'static str,
    /// What is wrong with its value.
    pub problem: ParameterProblem,
}

/// What is wrong with a parameter's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParameterProblem {
    /// A whole number was expected in `min..=max`.
    NotInRange {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// The value is well formed but names nothing known.
    Unknown {
        /// The value as sent.
        value: String,
    },
    /// The value is not of the expected form.
    Malformed,
}

impl InvalidParameter {
    fn new(parameter: &'static str, problem: ParameterProblem) -> Self {
        InvalidParameter { parameter, problem }
    }

    fn unknown(parameter: &'static str, value: &str) -> Self {
        Self::new(
            parameter,
            ParameterProblem::Unknown {
                value: value.to_owned(),
            },
        )
    }
}

/// How many listings a page holds: 1..=100, 20 unless asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLimit(u32);

impl PageLimit {
    /// Smallest page.
    pub const MIN: u32 = 1;
    /// Largest page.
    pub const MAX: u32 = 100;
    /// Page size when the client does not say.
    pub const DEFAULT: PageLimit = PageLimit(20);

    /// Parses the `limit` parameter.
    pub fn parse(raw: &str) -> Result<Self, InvalidParameter> {
        raw.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (Self::MIN..=Self::MAX).contains(n))
            .map(PageLimit)
            .ok_or(InvalidParameter::new(
                "limit",
                ParameterProblem::NotInRange {
                    min: Self::MIN.into(),
                    max: Self::MAX.into(),
                },
            ))
    }

    /// The page size.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// An opaque position in a listing walk: the id of the last listing served.
/// Clients must not build cursors; the encoding may change between versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// Listings after this id come next.
    pub after: ListingId,
}

impl Cursor {
    const VERSION: &'static str = "v1:";

    /// The opaque form handed to clients.
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}{}", Self::VERSION, self.after))
    }

    /// Reads a cursor handed out by [`Cursor::encode`].
    pub fn decode(raw: &str) -> Result<Self, InvalidParameter> {
        let malformed = || InvalidParameter::new("cursor", ParameterProblem::Malformed);
        let bytes = URL_SAFE_NO_PAD.decode(raw).map_err(|_| malformed())?;
        let text = String::from_utf8(bytes).map_err(|_| malformed())?;
        let id = text.strip_prefix(Self::VERSION).ok_or_else(malformed)?;
        let after = ListingId::parse(id).map_err(|_| malformed())?;
        Ok(Cursor { after })
    }
}

/// The raw parameters of a listing query, as strings straight from the URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct ListingParams<'a> {
    /// `category`
    pub category: Option<&'a str>,
    /// `city`
    pub city: Option<&'a str>,
    /// `district`
    pub district: Option<&'a str>,
    /// `language`
    pub language: Option<&'a str>,
    /// `limit`
    pub limit: Option<&'a str>,
    /// `cursor`
    pub cursor: Option<&'a str>,
}

/// A validated listing query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListingFilter {
    /// Only this kind of place.
    pub category: Option<Category>,
    /// Only this city.
    pub city: Option<String>,
    /// Only this district (of `city` when given, else of any city).
    pub district: Option<String>,
    /// Only places whose staff speak this language (BCP 47, canonical form).
    pub language: Option<String>,
    /// Page size.
    pub limit: u32,
    /// Listings after this id.
    pub after: Option<ListingId>,
}

/// A parameter's value, with empty or blank values counting as absent.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

impl ListingFilter {
    /// Validates raw parameters against the known cities and districts.
    /// Empty values count as absent, as HTML forms send them.
    pub fn parse(
        params: ListingParams<'_>,
        reference: &ReferenceData,
    ) -> Result<Self, InvalidParameter> {
        let category = given(params.category)
            .map(|raw| {
                raw.parse::<Category>()
                    .map_err(|UnknownCategory(v)| InvalidParameter::unknown("category", &v))
            })
            .transpose()?;
        let city = given(params.city)
            .map(|raw| {
                reference
                    .city(raw)
                    .map(|city| city.code.clone())
                    .ok_or_else(|| InvalidParameter::unknown("city", raw))
            })
            .transpose()?;
        let district = given(params.district)
            .map(|raw| {
                let known = match &city {
                    Some(city) => reference.district(city, raw).is_some(),
                    None => reference.any_district(raw),
                };
                known
                    .then(|| raw.to_owned())
                    .ok_or_else(|| InvalidParameter::unknown("district", raw))
            })
            .transpose()?;
        let language = given(params.language)
            .map(|raw| {
                raw.parse::<LanguageIdentifier>()
                    .map(|tag| tag.to_string())
                    .map_err(|_| InvalidParameter::new("language", ParameterProblem::Malformed))
            })
            .transpose()?;
        let limit = given(params.limit)
            .map(PageLimit::parse)
            .transpose()?
            .unwrap_or(PageLimit::DEFAULT);
        let after = given(params.cursor)
            .map(|raw| Cursor::decode(raw).map(|cursor| cursor.after))
            .transpose()?;

        Ok(ListingFilter {
            category,
            city,
            district,
            language,
            limit: limit.get(),
            after,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::reference::{City, District};

    fn seoul() -> ReferenceData {
        ReferenceData::new(vec![City {
            code: "seoul".into(),
            country_code: "KR".into(),
            time_zone: "Asia/Seoul".into(),
            latitude: 37.56,
            longitude: 126.97,
            districts: vec![District {
                code: "gangnam".into(),
                latitude: 37.5,
                longitude: 127.0,
            }],
        }])
    }

    fn parse(params: ListingParams<'_>) -> Result<ListingFilter, InvalidParameter> {
        ListingFilter::parse(params, &seoul())
    }

    #[test]
    fn no_parameters_means_everything_twenty_at_a_time() {
        let filter = parse(ListingParams::default()).unwrap();
        assert_eq!(filter.limit, 20);
        assert_eq!((filter.category, filter.after), (None, None));
    }

    #[test]
    fn limit_must_be_between_1_and_100() {
        for bad in ["0", "101", "-1", "ten", "1.5"] {
            let err = parse(ListingParams {
                limit: Some(bad),
                ..Default::default()
            })
            .unwrap_err();
            assert_eq!(err.parameter, "limit", "{bad}");
        }
        let ok = parse(ListingParams {
            limit: Some("100"),
            ..Default::default()
        });
        assert_eq!(ok.unwrap().limit, 100);
    }

    #[test]
    fn unknown_codes_are_named_in_the_error() {
        let err = parse(ListingParams {
            district: Some("atlantis"),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(
            err,
            InvalidParameter::unknown("district", "atlantis"),
            "district"
        );
        let err = parse(ListingParams {
            category: Some("bar"),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(err.parameter, "category");
    }

    #[test]
    fn a_cursor_round_trips_and_garbage_is_refused() {
        let cursor = Cursor {
            after: ListingId::parse("seoul-global-center").unwrap(),
        };
        assert_eq!(Cursor::decode(&cursor.encode()), Ok(cursor));
        for bad in ["", "%%%", "djE6", "bm9wZQ"] {
            assert!(Cursor::decode(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spoken_language_is_canonicalised() {
        let filter = parse(ListingParams {
            language: Some("ZH-hans"),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(filter.language.as_deref(), Some("zh-Hans"));
    }
}
