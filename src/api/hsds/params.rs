//! The query parameters of Open Referral's HSDS 3.0 API reference, each
//! documented on exactly the operations the reference lists it for and
//! validated here, so that a value the profile cannot honour is a
//! localized 400 rather than a filter silently ignored. Listing filters go
//! through the domain's [`ListingFilter`], like `/v1/listings`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa::openapi::schema::{AnyOfBuilder, KnownFormat};

use super::ids;
use crate::api::error::ApiError;
use crate::api::params;
use crate::app::state::AppState;
use crate::domain::query::{MAX_QUERY_CHARS, parse_bool};
use crate::domain::{Category, InvalidParameter, ListingFilter, ListingParams, ParameterProblem};

/// Largest `per_page`.
pub(super) const MAX_PER_PAGE: u64 = 1000;
/// `per_page` when the client does not say.
const DEFAULT_PER_PAGE: u64 = 50;

params::value_types! {
    /// An HSDS page number.
    PageNumber = params::integer(1, u32::MAX.into());
    /// An HSDS page size.
    PerPage = params::integer(1, MAX_PER_PAGE as i64);
    /// The id of one of the four taxonomy terms.
    TermId = params::uuid(&Category::ALL.map(ids::term));
    /// The id of the one taxonomy.
    TaxonomyId = params::uuid(&[ids::taxonomy()]);
    /// An RFC 3339 instant, or a date (midnight UTC).
    ModifiedAfter = AnyOfBuilder::new()
        .item(params::formatted(KnownFormat::DateTime))
        .item(params::formatted(KnownFormat::Date))
        .build();
}

/// Search, paging and format: every HSDS list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct PageQuery {
    /// Full-text search: for services, organizations and services at
    /// locations as `q` of `/v1/listings`; for taxonomies and terms, their
    /// name, code or description in the response locale.
    #[param(value_type = Option<params::SearchText>, inline, example = "job")]
    search: Option<String>,
    /// Page number, from 1 (default 1). A page past the last is empty.
    #[param(value_type = Option<PageNumber>, inline, example = 1)]
    page: Option<String>,
    /// Items per page, 1 to 1000 (default 50; 1000 with `minimal`).
    #[param(value_type = Option<PerPage>, inline, example = 50)]
    per_page: Option<String>,
    /// `json` (default) or `ndjson`: every item, one JSON object per line,
    /// without paging, streamed.
    #[param(value_type = Option<params::HsdsFormat>, inline, example = "ndjson")]
    format: Option<String>,
}

/// Filters of services and services at locations (cumulative, as the
/// reference asks).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ServiceFilterQuery {
    /// Only services with this taxonomy term (see `/hsds/taxonomy_terms`).
    #[param(value_type = Option<TermId>, inline)]
    taxonomy_term_id: Option<String>,
    /// Only services with a term of this taxonomy: the directory has one,
    /// so every service has.
    #[param(value_type = Option<TaxonomyId>, inline)]
    taxonomy_id: Option<String>,
    /// Only services of this organization (one per listing). An id of no
    /// organization, such as one deleted since, matches nothing.
    #[param(value_type = Option<params::Uuid>, inline)]
    organization_id: Option<String>,
    /// Only items changed at or after this RFC 3339 instant (or date, as
    /// midnight UTC).
    #[param(value_type = Option<ModifiedAfter>, inline, example = "2026-01-01T00:00:00Z")]
    modified_after: Option<String>,
}

pub(super) fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

pub(super) fn flag(
    parameter: &'static str,
    value: &Option<String>,
) -> Result<bool, InvalidParameter> {
    given(value).map_or(Ok(false), |raw| parse_bool(parameter, raw))
}

pub(super) fn unknown(parameter: &'static str, value: &str) -> InvalidParameter {
    InvalidParameter {
        parameter,
        problem: ParameterProblem::Unknown {
            value: value.to_owned(),
        },
    }
}

fn number(parameter: &'static str, raw: &str, max: u64) -> Result<u64, InvalidParameter> {
    raw.parse::<u64>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .ok_or(InvalidParameter {
            parameter,
            problem: ParameterProblem::NotInRange {
                min: 1,
                max: i64::try_from(max).unwrap_or(i64::MAX),
            },
        })
}

/// The page asked for.
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    /// From 1.
    pub number: u64,
    /// Items per page.
    pub per_page: u64,
    /// Every item, one per line.
    pub ndjson: bool,
}

impl Paging {
    /// Items before this page.
    pub fn skip(&self) -> u64 {
        (self.number - 1).saturating_mul(self.per_page)
    }
}

impl PageQuery {
    /// Validates `page`, `per_page` and `format`; `minimal` lists default
    /// to the largest page, as the reference suggests.
    pub(super) fn paging(&self, minimal: bool) -> Result<Paging, InvalidParameter> {
        let ndjson = match given(&self.format) {
            None | Some("json") => false,
            Some("ndjson") => true,
            Some(other) => return Err(unknown("format", other)),
        };
        let default = if minimal {
            MAX_PER_PAGE
        } else {
            DEFAULT_PER_PAGE
        };
        Ok(Paging {
            number: given(&self.page).map_or(Ok(1), |raw| number("page", raw, u32::MAX.into()))?,
            per_page: given(&self.per_page)
                .map_or(Ok(default), |raw| number("per_page", raw, MAX_PER_PAGE))?,
            ndjson,
        })
    }

    /// The search text, as given.
    pub(super) fn search_text(&self) -> Option<&str> {
        given(&self.search)
    }

    /// The search text of the taxonomy lists, lowercased, within the
    /// length `/v1/listings?q=` accepts.
    pub(super) fn search_needle(&self) -> Result<Option<String>, InvalidParameter> {
        self.search_text()
            .map(|text| {
                if text.chars().count() > MAX_QUERY_CHARS {
                    Err(InvalidParameter {
                        parameter: "search",
                        problem: ParameterProblem::NotInRange {
                            min: 1,
                            max: MAX_QUERY_CHARS as i64,
                        },
                    })
                } else {
                    Ok(text.to_lowercase())
                }
            })
            .transpose()
    }

    /// The listings `search` finds (in `category`, if given), as
    /// `/v1/listings?q=` finds them.
    pub(super) fn listing_filter(
        &self,
        state: &AppState,
        category: Option<Category>,
    ) -> Result<ListingFilter, InvalidParameter> {
        let params = ListingParams {
            category: category.map(|c| c.code()),
            q: self.search_text(),
            ..ListingParams::default()
        };
        ListingFilter::parse(params, state.reference()).map_err(|mut error| {
            // `q` is `search` here.
            if error.parameter == "q" {
                error.parameter = "search";
            }
            error
        })
    }
}

/// What a service list selects, validated.
#[derive(Debug)]
pub(super) struct ServiceSelection {
    /// The listing filter (category, search, modified after).
    pub filter: ListingFilter,
    /// Only the listing of this organization, when asked; `Some(None)`
    /// when the organization is unknown (nothing matches).
    pub organization: Option<Option<String>>,
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

impl ServiceFilterQuery {
    /// Validates the filters together with `search`.
    pub(super) fn selection(
        &self,
        state: &AppState,
        page: &PageQuery,
    ) -> Result<ServiceSelection, ApiError> {
        let category = given(&self.taxonomy_term_id)
            .map(|raw| ids::category_of_term(raw).ok_or_else(|| unknown("taxonomy_term_id", raw)))
            .transpose()?;
        if let Some(raw) = given(&self.taxonomy_id) {
            check_taxonomy("taxonomy_id", raw)?;
        }
        let organization = given(&self.organization_id)
            .map(|raw| {
                let id = uuid::Uuid::parse_str(raw).map_err(|_| InvalidParameter {
                    parameter: "organization_id",
                    problem: ParameterProblem::Malformed,
                })?;
                Ok::<_, InvalidParameter>(
                    super::find(state, ids::Kind::Organization, &id.to_string())
                        .map(|hit| hit.listing.id.to_string()),
                )
            })
            .transpose()?;
        let mut filter = page.listing_filter(state, category)?;
        filter.modified_after = given(&self.modified_after)
            .map(modified_after)
            .transpose()?;
        Ok(ServiceSelection {
            filter,
            organization,
        })
    }
}

/// The one taxonomy's id, or a 400 naming `parameter`.
pub(super) fn check_taxonomy(parameter: &'static str, raw: &str) -> Result<(), InvalidParameter> {
    (raw.to_ascii_lowercase() == ids::taxonomy())
        .then_some(())
        .ok_or_else(|| unknown(parameter, raw))
}
