//! `/hsds/organizations`: one organization per listing (see [`super::map`]).

use actix_web::{HttpResponse, get, web};

use super::model::{Organization, Page};
use super::nesting::{FullServiceQuery, OrganizationShapeQuery};
use super::pages::{answer, select};
use super::params::{PageQuery, ServiceSelection};
use super::{IdPath, find, ids, one};
use crate::api::error::{ApiError, Problem};
use crate::api::locale::RequestLocale;
use crate::app::state::AppState;

/// Organizations (one per listing), paged.
#[utoipa::path(
    tag = "hsds",
    params(PageQuery, OrganizationShapeQuery,
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of organizations: one-to-one fields, or with `full` \
or `full_service` fully nested (`format=ndjson`: every one, one per line)",
            content((Page<Organization> = "application/json"), (Organization = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_hsds_organizations(
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    shape: web::Query<OrganizationShapeQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let shape = shape.shape()?;
    let paging = page.paging(false)?;
    let selection = ServiceSelection {
        filter: page.listing_filter(&state, None)?,
        organization: None,
    };
    let now = chrono::Utc::now();
    let selected = select(&state, selection, &locale.0, now, paging, false);
    answer(&state, &locale.0, now, selected, paging, move |map, hit| {
        Some(if shape.nested {
            map.full_organization(hit, shape.full_services)
        } else {
            map.organization(&hit.listing)
        })
    })
}

/// One organization with its phones, locations and service.
#[utoipa::path(
    tag = "hsds",
    params(IdPath, FullServiceQuery,
        ("lang" = Option<String>, Query, description = "Response locale, e.g. `ja`")),
    responses(
        (status = 200, description = "The organization, fully nested; its service with its one-to-one \
fields, or fully nested with `full_service`", body = Organization),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No organization has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/organizations/{id}")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn get_hsds_organization(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    query: web::Query<FullServiceQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let full_services = query.full_services()?;
    let hit = find(&state, ids::Kind::Organization, &path.id)
        .ok_or_else(|| ApiError::listing_not_found(&path.id))?;
    Ok(one(&state, &locale, |map| {
        map.full_organization(&hit, full_services)
    }))
}
