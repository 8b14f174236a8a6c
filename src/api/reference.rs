//! Reference data: categories with counts, cities and their districts.

use actix_web::{HttpResponse, get, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, ErrorCode, Problem};
use super::labels::{CodedValue, Labels};
use super::listings::views::LocationView;
use super::locale::RequestLocale;
use super::params;
use super::respond::{CacheKey, Rendered, cached_body, json};
use crate::app::state::AppState;
use crate::domain::{City, InvalidParameter, ParameterProblem};
use crate::i18n::messages;

/// A category with how many listings it has.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CategoryView {
    /// Stable code.
    #[schema(example = "job_cafe")]
    pub code: String,
    /// Label in the response locale.
    #[schema(example = "Job café")]
    pub name: String,
    /// Live listings in this category.
    #[schema(example = 3)]
    pub listing_count: i64,
    /// The count in words, plural-aware ("3 listings").
    #[schema(example = "3 listings")]
    pub listing_count_label: String,
}

/// Every category.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CategoryListView {
    /// In display order.
    pub items: Vec<CategoryView>,
}

/// Query parameters of `GET /v1/categories`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct CategoryQuery {
    /// Count only listings in this city (see `GET /v1/cities`).
    #[param(value_type = Option<params::ReferenceCode>, inline, example = "seoul")]
    city: Option<String>,
}

/// List the categories with their listing counts.
#[utoipa::path(
    tag = "reference",
    params(CategoryQuery, ("lang" = Option<String>, Query, description = "Response locale (overrides `Accept-Language`), e.g. `ko`")),
    responses(
        (status = 200, description = "Every category", body = CategoryListView),
        (status = 400, description = "Unknown city", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/categories")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_categories(
    state: web::Data<AppState>,
    query: web::Query<CategoryQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let city = match query
        .city
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(code) => Some(
            state
                .reference()
                .city(code)
                .map(|c| c.code.clone())
                .ok_or_else(|| InvalidParameter {
                    parameter: "city",
                    problem: ParameterProblem::Unknown {
                        value: code.to_owned(),
                    },
                })?,
        ),
        None => None,
    };
    let key = CacheKey::new("categories", &city, locale.0.tag());
    let rendered = cached_body(&state, key, || {
        let counts = state.catalog().read().count_by_category(city.as_deref());
        let locales = state.locales();
        let labels = Labels::new(&locales, &locale.0);
        let items = counts
            .into_iter()
            .map(|(category, count)| {
                let count = i64::try_from(count).unwrap_or(i64::MAX);
                let CodedValue { code, name } = labels.category(category);
                CategoryView {
                    code,
                    name,
                    listing_count: count,
                    listing_count_label: labels
                        .counted(messages::LISTING_COUNT, &[("count", count)]),
                }
            })
            .collect();
        let body = serde_json::to_vec(&CategoryListView { items })?;
        Ok::<_, ApiError>(Rendered {
            body: body.into(),
            next_cursor: None,
            etag: None,
        })
    })?;
    Ok(json(rendered.body))
}

/// A city the directory covers.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CityView {
    /// Stable code.
    #[schema(example = "seoul")]
    pub code: String,
    /// Name in the response locale.
    #[schema(example = "Seoul")]
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    #[schema(example = "KR")]
    pub country_code: String,
    /// IANA time zone of its opening hours and dates.
    #[schema(example = "Asia/Seoul")]
    pub time_zone: String,
    /// The city centre.
    pub location: LocationView,
    /// Number of districts.
    pub district_count: usize,
    /// The count in words ("25 districts").
    pub district_count_label: String,
}

/// Every city.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct CityListView {
    /// Seoul first, then its twin and partner cities.
    pub items: Vec<CityView>,
}

/// A district of a city.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct DistrictView {
    /// Code, unique within the city.
    #[schema(example = "gangnam")]
    pub code: String,
    /// Name in the response locale.
    #[schema(example = "Gangnam-gu")]
    pub name: String,
    /// The district's city.
    pub city: CodedValue,
    /// The district centre.
    pub location: LocationView,
}

/// The districts of one city.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct DistrictListView {
    /// In display order.
    pub items: Vec<DistrictView>,
}

fn city_view(city: &City, labels: &Labels<'_>) -> CityView {
    let count = city.districts.len();
    CityView {
        code: city.code.clone(),
        name: labels.city(&city.code).name,
        country_code: city.country_code.clone(),
        time_zone: city.time_zone.clone(),
        location: LocationView {
            latitude: city.latitude,
            longitude: city.longitude,
        },
        district_count: count,
        district_count_label: labels.counted(
            messages::DISTRICT_COUNT,
            &[("count", i64::try_from(count).unwrap_or(i64::MAX))],
        ),
    }
}

/// List the cities.
#[utoipa::path(
    tag = "reference",
    params(("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`")),
    responses((status = 200, description = "Every city", body = CityListView))
)]
#[get("/cities")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_cities(
    state: web::Data<AppState>,
    locale: RequestLocale,
) -> web::Json<CityListView> {
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let items = state
        .reference()
        .cities()
        .iter()
        .map(|city| city_view(city, &labels))
        .collect();
    web::Json(CityListView { items })
}

/// The path of `GET /v1/cities/{city}/districts`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(super) struct CityPath {
    /// A city code (see `GET /v1/cities`).
    #[param(value_type = params::ReferenceCode, inline, example = "seoul")]
    city: String,
}

/// List the districts of a city.
#[utoipa::path(
    tag = "reference",
    params(
        CityPath,
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`"),
    ),
    responses(
        (status = 200, description = "The city's districts", body = DistrictListView),
        (status = 404, description = "No such city", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cities/{city}/districts")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_districts(
    state: web::Data<AppState>,
    path: web::Path<CityPath>,
    locale: RequestLocale,
) -> Result<web::Json<DistrictListView>, ApiError> {
    let city = &path.city;
    let city = state
        .reference()
        .city(city)
        .ok_or_else(|| ApiError::new(ErrorCode::CityNotFound).with_text("city", city.as_str()))?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let items = city
        .districts
        .iter()
        .map(|district| DistrictView {
            code: district.code.clone(),
            name: labels.district(&city.code, &district.code).name,
            city: labels.city(&city.code),
            location: LocationView {
                latitude: district.latitude,
                longitude: district.longitude,
            },
        })
        .collect();
    Ok(web::Json(DistrictListView { items }))
}
