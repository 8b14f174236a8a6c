//! `/v1/translations`: listing content for translators: which fields a
//! locale lacks, and every field of a locale as a Fluent resource.
//! (Importing a resource is a write and belongs with the write API.)

use actix_web::{HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::error::{ApiError, Problem};
use super::heavy::HeavyWork;
use super::params;
use super::respond::{CacheKey, Rendered, cached_body_off_thread};
use crate::app::state::AppState;
use crate::domain::listing::SOURCE_LOCALE;
use crate::domain::{InvalidParameter, MissingText, PageLimit, ParameterProblem};
use crate::i18n::listing_ftl::{export_resource, message_id};

/// Query of `GET /v1/translations/missing`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct MissingQuery {
    /// The locale to report on: a shipped locale's exact tag (see
    /// `GET /v1/locales`).
    #[param(value_type = Option<params::LanguageTag>, inline, required = true, example = "ja")]
    locale: Option<String>,
    /// Page size, 1 to 100 (default 20).
    #[param(value_type = Option<params::PageSize>, inline, example = 20)]
    limit: Option<String>,
    /// The `next_cursor` of the previous page: opaque, only values the
    /// server handed out are accepted.
    #[param(value_type = Option<params::Token>, inline)]
    cursor: Option<String>,
}

/// A listing field that has English text and none in the locale asked for.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct MissingTextView {
    /// The listing's id.
    #[schema(example = "seoul-global-center")]
    pub listing_id: String,
    /// `name`, `address`, `summary` or `eligibility`.
    #[schema(example = "summary")]
    pub field: String,
    /// Its message id in the Fluent export.
    #[schema(example = "listing-seoul-global-center-summary")]
    pub message_id: String,
    /// The text to translate from.
    #[schema(example = "One-stop support for foreign residents")]
    pub source: String,
    /// The locale of `source` (always `en`).
    #[schema(example = "en")]
    pub source_locale: String,
}

/// A page of missing listing text.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct MissingTextPageView {
    /// In listing id order, then field order.
    pub items: Vec<MissingTextView>,
    /// Pass back as `cursor` for the next page; `null` on the last.
    pub next_cursor: Option<String>,
    /// Missing fields in all pages.
    pub total: usize,
}

/// A shipped locale's tag, or a 400 naming the parameter.
pub(crate) fn shipped_locale(state: &AppState, tag: Option<&str>) -> Result<String, ApiError> {
    let locales = state.locales();
    let tag = tag.map(str::trim).unwrap_or_default();
    match locales.get(tag) {
        Some(locale) => Ok(locale.tag().to_owned()),
        None => Err(InvalidParameter {
            parameter: "locale",
            problem: ParameterProblem::Unknown {
                value: tag.to_owned(),
            },
        }
        .into()),
    }
}

/// The cursor after a missing field: its message id, which orders like
/// the listing (id, field) walk within one listing and is unique.
fn encode_cursor(missing: &MissingText) -> String {
    URL_SAFE_NO_PAD.encode(message_id(&missing.listing, missing.field))
}

fn decode_cursor(raw: &str) -> Result<String, ApiError> {
    URL_SAFE_NO_PAD
        .decode(raw.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(|| {
            InvalidParameter {
                parameter: "cursor",
                problem: ParameterProblem::Malformed,
            }
            .into()
        })
}

/// List listing fields that lack text in a locale, with the English
/// source to translate from.
#[utoipa::path(
    tag = "translations",
    params(MissingQuery),
    responses(
        (status = 200, description = "A page of missing fields", body = MissingTextPageView),
        (status = 400, description = "Unknown locale, bad limit or cursor", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/translations/missing")]
#[tracing::instrument(skip(state))]
pub(crate) async fn list_missing_translations(
    state: web::Data<AppState>,
    query: web::Query<MissingQuery>,
) -> Result<web::Json<MissingTextPageView>, ApiError> {
    let locale = shipped_locale(&state, query.locale.as_deref())?;
    let limit = match query.limit.as_deref() {
        Some(raw) => PageLimit::parse(raw)?,
        None => PageLimit::DEFAULT,
    };
    let after = query.cursor.as_deref().map(decode_cursor).transpose()?;
    let missing = state.catalog().read().missing_texts(&locale);
    let total = missing.len();
    let start = match &after {
        // Positions, not comparisons: listing ids may contain hyphens, so
        // message ids do not sort like (listing, field).
        Some(after) => missing
            .iter()
            .position(|m| &message_id(&m.listing, m.field) == after)
            .map_or(total, |i| i + 1),
        None => 0,
    };
    let page: Vec<&MissingText> = missing
        .iter()
        .skip(start)
        .take(limit.get() as usize)
        .collect();
    let next_cursor = (start + page.len() < total)
        .then(|| page.last().map(|last| encode_cursor(last)))
        .flatten();
    let items = page
        .into_iter()
        .map(|m| MissingTextView {
            listing_id: m.listing.to_string(),
            field: m.field.code().to_owned(),
            message_id: message_id(&m.listing, m.field),
            source: m.source.clone(),
            source_locale: SOURCE_LOCALE.to_owned(),
        })
        .collect();
    Ok(web::Json(MissingTextPageView {
        items,
        next_cursor,
        total,
    }))
}

/// The path of `GET /v1/translations/{locale}.ftl`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Path)]
pub(super) struct LocalePath {
    /// A shipped locale's exact tag (see `GET /v1/locales`).
    #[param(value_type = params::LanguageTag, inline, example = "ja")]
    locale: String,
}

/// Export every listing field in a locale as a Fluent resource: one
/// message per field (`listing-<id>-<field>`), the English source in a
/// comment above each, untranslated fields as commented-out messages.
#[utoipa::path(
    tag = "translations",
    params(LocalePath),
    responses(
        (status = 200, description = "The Fluent resource", body = String, content_type = "text/plain"),
        (status = 400, description = "Unknown locale", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/translations/{locale}.ftl")]
#[tracing::instrument(skip(state))]
pub(crate) async fn export_translations(
    state: web::Data<AppState>,
    heavy: web::Data<HeavyWork>,
    path: web::Path<LocalePath>,
) -> Result<HttpResponse, ApiError> {
    let locale = shipped_locale(&state, Some(&path.locale))?;
    let key = CacheKey::new("translations.ftl", &(), &locale);
    let app = state.get_ref().clone();
    let rendered = cached_body_off_thread(&state, &heavy, key, move || {
        let catalog = app.catalog().read();
        let body = export_resource(&locale, catalog.listings_by_id());
        Ok(Rendered {
            body: body.into(),
            next_cursor: None,
            etag: None,
        })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .body(rendered.body))
}
