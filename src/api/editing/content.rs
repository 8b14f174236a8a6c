//! `PUT /v1/listings/{id}/content/{locale}` (a listing's text in one
//! locale; any role) and `GET /v1/listings/{id}/history` (editors, admins).

use actix_web::{HttpRequest, HttpResponse, get, put, web};

use super::auth::Caller;
use super::views::{AuditKeyView, HistoryEntryView, HistoryView};
use super::write::{field_errors, load, load_live, parse_id, validate, write_update};
use crate::api::error::{ApiError, Problem};
use crate::api::http::etag::check_if_match;
use crate::api::listings::views::ListingView;
use crate::api::locale::RequestLocale;
use crate::app::state::AppState;
use crate::db::audit;
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

/// Every recorded write of a listing, deleted listings included (editor or
/// admin).
#[utoipa::path(
    tag = "editing",
    params(("id" = String, Path, description = "The listing's id", example = "seoul-global-center")),
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 200, description = "The history, oldest first", body = HistoryView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Translator keys may not read history", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No listing has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings/{id}/history")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn get_listing_history(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let stored = load(&state, &id).await?;
    let lookup = id.to_string();
    let entries = state
        .db
        .run(move |conn| audit::history(conn, &lookup))
        .await?;
    if stored.is_none() && entries.is_empty() {
        return Err(ApiError::listing_not_found(id.as_str()));
    }
    let parse = |json: Option<String>| json.and_then(|text| serde_json::from_str(&text).ok());
    let items = entries
        .into_iter()
        .map(|entry| HistoryEntryView {
            id: entry.id,
            action: AuditAction::parse(&entry.action)
                .map_or(entry.action.clone(), |a| a.code().to_owned()),
            key: entry.key_id.map(|key_id| AuditKeyView {
                id: key_id,
                name: entry.key_name.clone(),
            }),
            at: entry.at.and_utc(),
            before: parse(entry.before),
            after: parse(entry.after),
        })
        .collect();
    Ok(HttpResponse::Ok().json(HistoryView {
        listing_id: id.to_string(),
        deleted: stored.is_none_or(|s| s.deleted),
        items,
    }))
}
