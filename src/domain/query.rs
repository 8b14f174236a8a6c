//! How a reader asks for listings: filters, search, place and time, sort
//! and page, parsed from the raw strings of a request into values that
//! cannot be wrong. Each refusal names its parameter.

use chrono::{DateTime, Utc};
use unic_langid::LanguageIdentifier;

use super::cursor::Cursor;
use super::freshness::Age;
use super::geo::{BoundingBox, GeoPoint};
use super::parameter::{InvalidParameter, ParameterProblem};
use super::reference::ReferenceData;
use super::sort::Sort;
use super::{Category, category::UnknownCategory};

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

/// Listings near a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    /// The reader's position.
    pub point: GeoPoint,
    /// Only listings within this many metres, if given.
    pub radius_m: Option<f64>,
}

/// When a listing must be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenAt {
    /// At the time of the request.
    Now,
    /// At a given instant.
    Instant(DateTime<Utc>),
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
    /// `q`
    pub q: Option<&'a str>,
    /// `near` (`lat,lon`)
    pub near: Option<&'a str>,
    /// `radius_m`
    pub radius_m: Option<&'a str>,
    /// `bbox` (`west,south,east,north`)
    pub bbox: Option<&'a str>,
    /// `open_now`
    pub open_now: Option<&'a str>,
    /// `open_at` (RFC 3339)
    pub open_at: Option<&'a str>,
    /// `accepting_applications`
    pub accepting_applications: Option<&'a str>,
    /// `sort`
    pub sort: Option<&'a str>,
    /// `limit`
    pub limit: Option<&'a str>,
    /// `cursor`
    pub cursor: Option<&'a str>,
    /// `verified_within` (`90d`, `12w`, `6m`)
    pub verified_within: Option<&'a str>,
}

/// A validated listing query.
#[derive(Debug, Clone, PartialEq)]
pub struct ListingFilter {
    /// Only this kind of place.
    pub category: Option<Category>,
    /// Only this city.
    pub city: Option<String>,
    /// Only this district (of `city` when given, else of any city).
    pub district: Option<String>,
    /// Only places whose staff speak this language (BCP 47, canonical form).
    pub language: Option<String>,
    /// Free-text search, as typed.
    pub text: Option<String>,
    /// Near a point.
    pub near: Option<Near>,
    /// Inside a map viewport.
    pub bbox: Option<BoundingBox>,
    /// Open at a time.
    pub open_at: Option<OpenAt>,
    /// Only (true) or never (false) listings taking applications now.
    pub accepting_applications: Option<bool>,
    /// The order.
    pub sort: Sort,
    /// Page size.
    pub limit: u32,
    /// Listings after this position.
    pub cursor: Option<Cursor>,
    /// Only listings verified within this period before today.
    pub verified_within: Option<Age>,
    /// Only listings changed at or after this instant (HSDS `modified_after`).
    pub modified_after: Option<DateTime<Utc>>,
    /// Only listings with a place ([`crate::domain::Listing::has_place`]):
    /// the HSDS services at locations.
    pub placed: bool,
}

impl ListingFilter {
    /// True when the filter names a continuous value (a point, a viewport,
    /// an instant): such queries almost never repeat, so their answers
    /// are not worth keeping.
    pub fn repeats_rarely(&self) -> bool {
        self.near.is_some()
            || self.bbox.is_some()
            || matches!(self.open_at, Some(OpenAt::Instant(_)))
    }
}

/// Longest accepted search text, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Largest accepted search radius: 100 km covers any city served.
pub const MAX_RADIUS_M: i64 = 100_000;

/// A parameter's value, with empty or blank values counting as absent.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// Reads a flag: `true` or `1`, `false` or `0`.
pub fn parse_bool(parameter: &'static str, raw: &str) -> Result<bool, InvalidParameter> {
    match raw {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(InvalidParameter::malformed(parameter)),
    }
}

fn parse_numbers<const N: usize>(
    parameter: &'static str,
    raw: &str,
) -> Result<[f64; N], InvalidParameter> {
    let numbers: Vec<f64> = raw
        .split(',')
        .map(|part| part.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| InvalidParameter::malformed(parameter))?;
    let numbers: [f64; N] = numbers
        .try_into()
        .map_err(|_| InvalidParameter::malformed(parameter))?;
    if numbers.iter().all(|n| n.is_finite()) {
        Ok(numbers)
    } else {
        Err(InvalidParameter::malformed(parameter))
    }
}

fn parse_point(
    parameter: &'static str,
    latitude: f64,
    longitude: f64,
) -> Result<GeoPoint, InvalidParameter> {
    if (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude) {
        Ok(GeoPoint {
            latitude,
            longitude,
        })
    } else {
        Err(InvalidParameter::malformed(parameter))
    }
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
                    .map_err(|_| InvalidParameter::malformed("language"))
            })
            .transpose()?;
        let text = given(params.q)
            .map(|raw| {
                if raw.chars().count() > MAX_QUERY_CHARS {
                    Err(InvalidParameter::new(
                        "q",
                        ParameterProblem::NotInRange {
                            min: 1,
                            max: MAX_QUERY_CHARS as i64,
                        },
                    ))
                } else {
                    Ok(raw.to_owned())
                }
            })
            .transpose()?;
        let radius_m = given(params.radius_m)
            .map(|raw| {
                raw.parse::<f64>()
                    .ok()
                    .filter(|r| (1.0..=MAX_RADIUS_M as f64).contains(r))
                    .ok_or(InvalidParameter::new(
                        "radius_m",
                        ParameterProblem::NotInRange {
                            min: 1,
                            max: MAX_RADIUS_M,
                        },
                    ))
            })
            .transpose()?;
        let near = given(params.near)
            .map(|raw| {
                let [latitude, longitude] = parse_numbers::<2>("near", raw)?;
                Ok(Near {
                    point: parse_point("near", latitude, longitude)?,
                    radius_m,
                })
            })
            .transpose()?;
        if radius_m.is_some() && near.is_none() {
            return Err(InvalidParameter::new(
                "radius_m",
                ParameterProblem::Requires { other: "near" },
            ));
        }
        let bbox = given(params.bbox)
            .map(|raw| {
                let [west, south, east, north] = parse_numbers::<4>("bbox", raw)?;
                parse_point("bbox", south, west)?;
                parse_point("bbox", north, east)?;
                if south > north {
                    return Err(InvalidParameter::malformed("bbox"));
                }
                Ok(BoundingBox {
                    west,
                    south,
                    east,
                    north,
                })
            })
            .transpose()?;
        let open_now = given(params.open_now)
            .map(|raw| parse_bool("open_now", raw))
            .transpose()?;
        let open_at = given(params.open_at)
            .map(|raw| {
                DateTime::parse_from_rfc3339(raw)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| InvalidParameter::malformed("open_at"))
            })
            .transpose()?;
        let open_at = match (open_now, open_at) {
            (Some(true), Some(_)) => {
                return Err(InvalidParameter::new(
                    "open_at",
                    ParameterProblem::ConflictsWith { other: "open_now" },
                ));
            }
            (_, Some(at)) => Some(OpenAt::Instant(at)),
            (Some(true), None) => Some(OpenAt::Now),
            _ => None,
        };
        let accepting_applications = given(params.accepting_applications)
            .map(|raw| parse_bool("accepting_applications", raw))
            .transpose()?;
        let sort = match given(params.sort) {
            Some(raw) => Sort::parse(raw)?,
            None if text.is_some() => Sort::Relevance,
            None => Sort::Id,
        };
        if sort == Sort::Distance && near.is_none() {
            return Err(InvalidParameter::new(
                "sort",
                ParameterProblem::Requires { other: "near" },
            ));
        }
        if sort == Sort::Relevance && text.is_none() {
            return Err(InvalidParameter::new(
                "sort",
                ParameterProblem::Requires { other: "q" },
            ));
        }
        let limit = given(params.limit)
            .map(PageLimit::parse)
            .transpose()?
            .unwrap_or(PageLimit::DEFAULT);
        let cursor = given(params.cursor).map(Cursor::decode).transpose()?;
        if cursor.as_ref().is_some_and(|c| c.key.sort() != sort) {
            return Err(InvalidParameter::malformed("cursor"));
        }
        let verified_within = given(params.verified_within).map(Age::parse).transpose()?;
        Ok(ListingFilter {
            category,
            city,
            district,
            language,
            text,
            near,
            bbox,
            open_at,
            accepting_applications,
            sort,
            limit: limit.get(),
            cursor,
            verified_within,
            modified_after: None,
            placed: false,
        })
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;
