//! `POST /v1/listings`, `PATCH /v1/listings/{id}` (JSON Merge Patch) and
//! `DELETE /v1/listings/{id}`: authenticate, check the precondition,
//! validate in the domain, write in one transaction, refresh what is
//! derived from the data, answer with the new ETag.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, patch, post, web};
use chrono::Utc;

use super::auth::Caller;
use crate::api::error::{ApiError, ErrorCode, FieldProblem, Problem};
use crate::api::http::etag::{check_if_match, stale};
use crate::api::listings::views::ListingView;
use crate::api::locale::RequestLocale;
use crate::api::required_messages::importers::CONTENT_IMPORT_STALE;
use crate::app::editing::{self, Author, PlannedWrite, WriteConflict};
use crate::app::state::AppState;
use crate::db::writes::{self as stored, StoredListing};
use crate::domain::editing::{AuditAction, FieldError, ListingDraft, ValidListing};
use crate::domain::{Listing, ListingId};
use crate::exchange::ListingDocument;
use crate::exchange::document::ListingPatch;
use crate::exchange::document::merge_patch;
use crate::i18n::write_messages::{CONFLICT_EXTERNAL_ID, FORBIDDEN_TRANSLATOR};

/// A listing id from the path; a malformed one names no listing.
pub(super) fn parse_id(raw: &str) -> Result<ListingId, ApiError> {
    ListingId::parse(raw).map_err(|_| ApiError::listing_not_found(raw))
}

/// The listing with this id, deleted or not.
pub(super) async fn load(
    state: &AppState,
    id: &ListingId,
) -> Result<Option<StoredListing>, ApiError> {
    let lookup = id.clone();
    Ok(state
        .db
        .run(move |conn| stored::find_stored(conn, &lookup))
        .await?)
}

/// The live listing with this id, or 404.
pub(super) async fn load_live(state: &AppState, id: &ListingId) -> Result<StoredListing, ApiError> {
    match load(state, id).await? {
        Some(stored) if !stored.deleted => Ok(stored),
        _ => Err(ApiError::listing_not_found(id.as_str())),
    }
}

/// Validates a draft against the shipped locales and the known cities;
/// a 422 naming every bad field.
pub(super) fn validate(state: &AppState, draft: &ListingDraft) -> Result<ValidListing, ApiError> {
    editing::validate(state, draft).map_err(field_errors)
}

/// A 422 for field errors.
pub(crate) fn field_errors(errors: Vec<FieldError>) -> ApiError {
    ApiError::validation(
        errors
            .into_iter()
            .map(|error| FieldProblem { line: None, error })
            .collect(),
    )
}

/// The localized listing with its ETag, exactly as a GET serves it next.
pub(super) fn answer(
    state: &AppState,
    locale: &RequestLocale,
    listing: &Listing,
    version: i64,
    response: actix_web::HttpResponseBuilder,
) -> HttpResponse {
    crate::api::listings::written(state, locale, listing, version, response)
}

/// How a conflict reached the write: through a single listing's
/// `If-Match`, or in a bulk import that has no precondition.
#[derive(Clone, Copy)]
pub(super) enum Precondition<'a> {
    /// `If-Match` named the version: a stale one is a 412 with the current
    /// ETag (of the representation in this locale).
    IfMatch(&'a RequestLocale),
    /// An import read the listings itself: a listing changed meanwhile is a 409.
    None,
}

/// The one answer to a write conflict, on every write path.
pub(super) fn conflict_error(conflict: WriteConflict, precondition: Precondition<'_>) -> ApiError {
    match (conflict, precondition) {
        (WriteConflict::Stale { current, .. }, Precondition::IfMatch(locale)) => {
            stale(current, locale.0.tag())
        }
        (WriteConflict::Stale { .. }, Precondition::None) => {
            ApiError::new(ErrorCode::Conflict).with_detail(CONTENT_IMPORT_STALE)
        }
        (WriteConflict::NotFound(id), _) => ApiError::listing_not_found(id.as_str()),
        (WriteConflict::IdTaken(id), _) => {
            ApiError::new(ErrorCode::Conflict).with_text("id", id.as_str())
        }
        (WriteConflict::ExternalIdTaken(_), _) => {
            ApiError::new(ErrorCode::Conflict).with_detail(CONFLICT_EXTERNAL_ID)
        }
    }
}

/// Writes `plans` through the editing service, all or none, and brings
/// what is derived from the data up to date; the new versions in order.
pub(super) async fn write_plans(
    state: &AppState,
    plans: Vec<PlannedWrite>,
    precondition: Precondition<'_>,
) -> Result<Vec<i64>, ApiError> {
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    match state
        .db
        .run(move |conn| editing::write(conn, &plans))
        .await?
    {
        Ok(versions) => {
            state.data_changed().await;
            Ok(versions)
        }
        Err(conflict) => Err(conflict_error(conflict, precondition)),
    }
}

/// The write author of a key.
pub(super) fn author(caller: &Caller) -> Author {
    Author::key(caller.key_id())
}

/// Writes a changed listing over `before` at its version (nothing when
/// it changes nothing), and answers with it.
pub(super) async fn write_update(
    state: &AppState,
    locale: &RequestLocale,
    caller: Caller,
    before: StoredListing,
    after: ValidListing,
    action: AuditAction,
) -> Result<HttpResponse, ApiError> {
    let Some(plan) = editing::plan_update(author(&caller), action, &before, after) else {
        return Ok(answer(
            state,
            locale,
            &before.listing,
            before.version,
            HttpResponse::Ok(),
        ));
    };
    if let Some(after) = plan.listing() {
        caller.authorize(&before.listing, after)?;
    }
    let listing = plan
        .listing()
        .cloned()
        .unwrap_or_else(|| before.listing.clone());
    let versions = write_plans(state, vec![plan], Precondition::IfMatch(locale)).await?;
    let version = versions.first().copied().unwrap_or(before.version);
    Ok(answer(state, locale, &listing, version, HttpResponse::Ok()))
}

/// Create a listing (editor or admin key).
#[utoipa::path(
    tag = "editing",
    request_body(content = ListingDocument, description = "The listing; `id`, `category`, `city` and `texts.en.name` are required"),
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 201, description = "Created; `Location` and `ETag` are set", body = ListingView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not create listings", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The id or external id is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each with a localized message", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/listings")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn create_listing(
    state: web::Data<AppState>,
    caller: Caller,
    locale: RequestLocale,
    body: web::Json<ListingDocument>,
) -> Result<HttpResponse, ApiError> {
    let valid = validate(&state, &ListingDraft::from(body.into_inner()))?;
    let plan = editing::plan_create(author(&caller), AuditAction::Create, valid);
    let listing = plan.listing().cloned();
    let versions = write_plans(&state, vec![plan], Precondition::IfMatch(&locale)).await?;
    let (Some(listing), Some(version)) = (listing, versions.first().copied()) else {
        return Err(ApiError::internal(&"a created listing has no version"));
    };
    let mut created = HttpResponse::Created();
    created.insert_header((header::LOCATION, format!("/v1/listings/{}", listing.id)));
    Ok(answer(&state, &locale, &listing, version, created))
}

/// Change a listing with a JSON Merge Patch (RFC 7396) of its document.
/// Translator keys may patch `texts` only.
#[utoipa::path(
    tag = "editing",
    params(
        ("id" = String, Path, description = "The listing's id", example = "seoul-global-center"),
        ("If-Match" = String, Header, description = "The listing's ETag, e.g. `\"v3-en\"` (`*`: whatever its version)", example = "*"),
    ),
    request_body(content = ListingPatch, content_type = "application/merge-patch+json",
        description = "Members to change in the listing document; `null` removes one"),
    security(("api_key" = ["admin", "editor", "translator"])),
    responses(
        (status = 200, description = "Changed; the new `ETag` is set", body = ListingView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not change these fields", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live listing has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The external id is another listing's", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The ETag is stale", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (said before a stale ETag is)", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/listings/{id}")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn patch_listing(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    locale: RequestLocale,
    id: web::Path<String>,
    patch: web::Json<serde_json::Value>,
) -> Result<HttpResponse, ApiError> {
    let Some(members) = patch.as_object() else {
        return Err(ApiError::new(ErrorCode::MalformedBody));
    };
    if !caller.role().may_edit_listings() && members.keys().any(|name| name != "texts") {
        return Err(ApiError::new(ErrorCode::Forbidden).with_detail(FORBIDDEN_TRANSLATOR));
    }
    let id = parse_id(&id)?;
    let before = load_live(&state, &id).await?;
    let current = ListingDocument::from_listing(&before.listing, before.external_id.as_deref());
    let mut document = serde_json::to_value(&current).map_err(|e| ApiError::internal(&e))?;
    merge_patch(&mut document, &patch);
    let patched: ListingDocument =
        serde_json::from_value(document).map_err(|_| ApiError::new(ErrorCode::MalformedBody))?;
    if patched.id.as_deref() != Some(id.as_str()) {
        return Err(field_errors(vec![FieldError::new(
            "id",
            crate::domain::editing::FieldErrorCode::NotAllowed,
        )]));
    }
    let action = if caller.role().may_edit_listings() {
        AuditAction::Update
    } else {
        AuditAction::Translate
    };
    // What is wrong with the change is said first, whatever the ETag.
    let after = validate(&state, &ListingDraft::from(patched))?;
    check_if_match(&req, before.version, locale.0.tag())?;
    write_update(&state, &locale, caller, before, after, action).await
}

/// Delete a listing (softly: it leaves reads, its history stays).
#[utoipa::path(
    tag = "editing",
    params(
        ("id" = String, Path, description = "The listing's id", example = "sample-global-realty-001"),
        ("If-Match" = String, Header, description = "The listing's ETag (`*`: whatever its version)", example = "*"),
    ),
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not delete", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live listing has this id", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "The ETag is stale", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is missing", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/listings/{id}")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn delete_listing(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    locale: RequestLocale,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = parse_id(&id)?;
    let before = load_live(&state, &id).await?;
    check_if_match(&req, before.version, locale.0.tag())?;
    let plan = editing::plan_delete(author(&caller), &before, Utc::now());
    write_plans(&state, vec![plan], Precondition::IfMatch(&locale)).await?;
    Ok(HttpResponse::NoContent().finish())
}
