//! `/hsds/taxonomies` and `/hsds/taxonomy_terms`: the directory's one,
//! flat taxonomy of its four categories.

use actix_web::{HttpResponse, get, web};

use super::model::{Page, Taxonomy, TaxonomyTerm};
use super::nesting::TermQuery;
use super::pages::respond;
use super::params::PageQuery;
use super::{IdPath, ids, mapper};
use crate::api::error::{ApiError, ErrorCode, Problem};
use crate::api::labels::Labels;
use crate::api::locale::RequestLocale;
use crate::app::state::AppState;
use crate::domain::Category;

fn taxonomy(labels: &Labels<'_>) -> Taxonomy {
    Taxonomy {
        id: ids::taxonomy(),
        name: labels.text("hsds-taxonomy-name"),
        description: labels.text("hsds-taxonomy-description"),
        version: "1".into(),
    }
}

/// Whether `search` (already lowercased) occurs in any of `texts`.
fn found(search: Option<&str>, texts: &[&str]) -> bool {
    search.is_none_or(|search| {
        texts
            .iter()
            .any(|text| text.to_lowercase().contains(search))
    })
}

fn not_found(path: &str) -> ApiError {
    ApiError::new(ErrorCode::RouteNotFound).with_text("path", path)
}

/// The directory's one taxonomy: its four categories.
#[utoipa::path(
    tag = "hsds",
    params(PageQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of taxonomies (`format=ndjson`: one per line)",
            content((Page<Taxonomy> = "application/json"), (Taxonomy = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/taxonomies")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_hsds_taxonomies(
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = page.paging(false)?;
    let search = page.search_needle()?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let taxonomies: Vec<Taxonomy> = [taxonomy(&labels)]
        .into_iter()
        .filter(|t| found(search.as_deref(), &[&t.name, &t.description]))
        .collect();
    respond(Page::cut(taxonomies, paging), paging.ndjson)
}

/// The taxonomy of the directory's categories.
#[utoipa::path(
    tag = "hsds",
    params(IdPath, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "The taxonomy", body = Taxonomy),
        (status = 404, description = "No taxonomy has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/taxonomies/{id}")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn get_hsds_taxonomy(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    if path.id.trim().to_ascii_lowercase() != ids::taxonomy() {
        return Err(not_found(&format!("/hsds/taxonomies/{}", path.id)));
    }
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    Ok(HttpResponse::Ok().json(taxonomy(&labels)))
}

/// The four categories as taxonomy terms.
#[utoipa::path(
    tag = "hsds",
    params(PageQuery, TermQuery, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "A page of taxonomy terms (`format=ndjson`: one per line)",
            content((Page<TaxonomyTerm> = "application/json"), (TaxonomyTerm = "application/x-ndjson"))),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/taxonomy_terms")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_hsds_taxonomy_terms(
    state: web::Data<AppState>,
    page: web::Query<PageQuery>,
    terms: web::Query<TermQuery>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let paging = page.paging(false)?;
    let search = page.search_needle()?;
    let admitted = terms.admits_terms()?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let map = mapper(&state, &labels);
    let terms: Vec<TaxonomyTerm> = Category::ALL
        .into_iter()
        .filter(|_| admitted)
        .map(|category| map.term(category))
        .filter(|t| found(search.as_deref(), &[&t.name, &t.code, &t.description]))
        .collect();
    respond(Page::cut(terms, paging), paging.ndjson)
}

/// One category as a taxonomy term.
#[utoipa::path(
    tag = "hsds",
    params(IdPath, ("lang" = Option<String>, Query, description = "Response locale, e.g. `ko`")),
    responses(
        (status = 200, description = "The taxonomy term", body = TaxonomyTerm),
        (status = 404, description = "No term has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/taxonomy_terms/{id}")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn get_hsds_taxonomy_term(
    state: web::Data<AppState>,
    path: web::Path<IdPath>,
    locale: RequestLocale,
) -> Result<HttpResponse, ApiError> {
    let category = ids::category_of_term(&path.id)
        .ok_or_else(|| not_found(&format!("/hsds/taxonomy_terms/{}", path.id)))?;
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    Ok(HttpResponse::Ok().json(mapper(&state, &labels).term(category)))
}
