//! HSDS query parameters (`page`, `per_page`, `search`, `taxonomy_term_id`,
//! `modified_after`, `format`) and page cutting. Filters go through the
//! domain's [`ListingFilter`] and the catalog, like `/v1/listings`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;

use super::ids;
use super::model::Page;
use crate::api::error::ApiError;
use crate::api::state::AppState;
use crate::catalog::Hit;
use crate::domain::{InvalidParameter, ListingFilter, ListingParams, ParameterProblem};
use crate::i18n::Locale;

/// Query parameters of the HSDS lists. Values are strings, validated here
/// so that each mistake gets its own localized message.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HsdsQuery {
    /// Page number, from 1 (default 1).
    #[param(example = 1)]
    page: Option<String>,
    /// Items per page, 1 to 1000 (default 50).
    #[param(example = 50)]
    per_page: Option<String>,
    /// Full-text search, as `q` of `/v1/listings`.
    #[param(example = "job")]
    search: Option<String>,
    /// Only services with this taxonomy term (see `/hsds/taxonomy_terms`).
    taxonomy_term_id: Option<String>,
    /// Only items changed at or after this RFC 3339 instant (or date, as
    /// midnight UTC).
    #[param(example = "2026-01-01T00:00:00Z")]
    modified_after: Option<String>,
    /// `json` (default) or `ndjson`: every item, one JSON object per line,
    /// without paging.
    #[param(example = "ndjson")]
    format: Option<String>,
}

/// The page asked for.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    number: u64,
    per_page: u64,
    /// Every item, one per line.
    pub ndjson: bool,
}

const MAX_PER_PAGE: i64 = 1000;

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn number(
    parameter: &'static str,
    raw: Option<&str>,
    default: i64,
    max: i64,
) -> Result<u64, InvalidParameter> {
    let Some(raw) = raw else {
        return Ok(default.unsigned_abs());
    };
    raw.parse::<i64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .map(i64::unsigned_abs)
        .ok_or(InvalidParameter {
            parameter,
            problem: ParameterProblem::NotInRange { min: 1, max },
        })
}

impl Paging {
    /// Validates `page`, `per_page` and `format`.
    pub fn parse(query: &HsdsQuery) -> Result<Self, ApiError> {
        let ndjson = match given(&query.format) {
            None | Some("json") => false,
            Some("ndjson") => true,
            Some(other) => {
                return Err(InvalidParameter {
                    parameter: "format",
                    problem: ParameterProblem::Unknown {
                        value: other.to_owned(),
                    },
                }
                .into());
            }
        };
        Ok(Paging {
            number: number("page", given(&query.page), 1, i64::from(u32::MAX))?,
            per_page: number("per_page", given(&query.per_page), 50, MAX_PER_PAGE)?,
            ndjson,
        })
    }

    /// Cuts this page from every item (`map` may drop some, e.g. listings
    /// without a location); NDJSON takes them all.
    pub fn page<S, T>(&self, items: &[S], map: impl Fn(&S) -> Option<T>) -> Page<T> {
        let all: Vec<T> = items.iter().filter_map(map).collect();
        let total = all.len() as u64;
        let (skip, take) = if self.ndjson {
            (0, all.len())
        } else {
            let skip = (self.number - 1).saturating_mul(self.per_page);
            (
                usize::try_from(skip).unwrap_or(usize::MAX),
                usize::try_from(self.per_page).unwrap_or(usize::MAX),
            )
        };
        let contents: Vec<T> = all.into_iter().skip(skip).take(take).collect();
        let per_page = if self.ndjson {
            total.max(1)
        } else {
            self.per_page
        };
        let total_pages = total.div_ceil(per_page).max(1);
        let number = if self.ndjson { 1 } else { self.number };
        Page {
            total_items: total,
            total_pages,
            page_number: number,
            size: contents.len() as u64,
            first_page: number == 1,
            last_page: number >= total_pages,
            empty: total == 0,
            contents,
        }
    }
}

fn modified_after(raw: &str) -> Result<DateTime<Utc>, InvalidParameter> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc())
        })
        .map_err(|_| InvalidParameter {
            parameter: "modified_after",
            problem: ParameterProblem::Malformed,
        })
}

/// Every listing matching the query's filters, in catalog order (by id,
/// or by relevance with `search`).
pub fn matching(
    state: &AppState,
    query: &HsdsQuery,
    locale: &Locale,
    now: DateTime<Utc>,
) -> Result<Vec<Hit>, ApiError> {
    let category = given(&query.taxonomy_term_id)
        .map(|raw| {
            ids::category_of_term(raw).ok_or_else(|| InvalidParameter {
                parameter: "taxonomy_term_id",
                problem: ParameterProblem::Unknown {
                    value: raw.to_owned(),
                },
            })
        })
        .transpose()?;
    let params = ListingParams {
        category: category.map(|c| c.code()),
        q: given(&query.search),
        ..ListingParams::default()
    };
    let mut filter = ListingFilter::parse(params, state.reference()).map_err(|mut error| {
        // `q` is `search` here.
        if error.parameter == "q" {
            error.parameter = "search";
        }
        error
    })?;
    filter.modified_after = given(&query.modified_after)
        .map(modified_after)
        .transpose()?;
    let catalog = state.catalog().read();
    filter.limit = u32::try_from(catalog.len()).unwrap_or(u32::MAX);
    Ok(catalog.query(&filter, locale.tag(), now).hits)
}
