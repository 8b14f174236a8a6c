//! `PUT /v1/listings/{id}/content/{locale}`: a listing's text in one
//! locale (any role).

use actix_web::{HttpRequest, HttpResponse, put, web};

use super::auth::Caller;
use super::write::{field_errors, load_live, parse_id, validate, write_update};
use crate::api::error::{ApiError, Problem};
use crate::api::http::etag::check_if_match;
use crate::api::listings::views::ListingView;
use crate::api::locale::RequestLocale;
use crate::app::state::AppState;
use crate::domain::editing::{AuditAction, FieldError, FieldErrorCode, ListingDraft};
use crate::exchange::TextDocument;

/// Replace a listing's text in one locale (translator, editor or admin).
#[utoipa::path(
    tag = "editing",
    params(
        ("id" = String, Path, description = "The listing's id", example = "seoul-global-center"),
        ("locale" = String, Path, description = "A shipped locale (see `GET /v1/locales`)", example = "ja"),
        ("If-Match" = String, Header, description = "The listing's ETag (`*`: whatever its version)", example = "*"),
    ),
    request_body = TextDocument,
    security(("api_key" = ["admin", "editor", "translator"])),
    responses(
        (status = 200, description = "Replaced; the new `ETag` is set", body = ListingView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live listing has this id", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The ETag is stale", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or an unknown locale", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/listings/{id}/content/{locale}")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn put_listing_content(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    locale: RequestLocale,
    path: web::Path<(String, String)>,
    body: web::Json<TextDocument>,
) -> Result<HttpResponse, ApiError> {
    let (raw_id, content_locale) = path.into_inner();
    let id = parse_id(&raw_id)?;
    if state.locales().get(&content_locale).is_none() {
        return Err(field_errors(vec![
            FieldError::new("locale", FieldErrorCode::UnknownValue).text("value", content_locale),
        ]));
    }
    let before = load_live(&state, &id).await?;
    let mut draft = ListingDraft::from_listing(&before.listing, before.external_id.as_deref());
    draft.texts.insert(content_locale, body.into_inner().into());
    // What is wrong with the change is said first, whatever the ETag: a
    // client fixes its text before it reads the listing again.
    let after = validate(&state, &draft)?;
    check_if_match(&req, before.version, locale.0.tag())?;
    write_update(
        &state,
        &locale,
        caller,
        before,
        after,
        AuditAction::Translate,
    )
    .await
}
