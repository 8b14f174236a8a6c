//! `/v1/keys`: admins create, list and revoke API keys.

use actix_web::{HttpResponse, delete, get, post, web};
use chrono::Utc;

use super::auth::Caller;
use super::views::{IssuedKeyView, KeyListView, KeyView, NewKeyRequest};
use super::write::field_errors;
use crate::api::error::{ApiError, DetailArg, ErrorCode, Problem};
use crate::app::state::AppState;
use crate::db::keys::KeyRow;
use crate::domain::editing::{
    FieldError, FieldErrorCode, Grant, InvalidLocaleGrant, Role, plain_text,
};
use crate::domain::listing::SOURCE_LOCALE;
use crate::keys;

/// The field error of a translator's locales that cannot be bound.
pub(crate) fn locale_grant_error(invalid: InvalidLocaleGrant) -> FieldError {
    match invalid {
        InvalidLocaleGrant::Missing => FieldError::new("locales", FieldErrorCode::Required),
        InvalidLocaleGrant::NotAllowed => FieldError::new("locales", FieldErrorCode::NotAllowed),
        InvalidLocaleGrant::Unknown(locale) => {
            FieldError::new("locales", FieldErrorCode::UnknownValue).text("value", locale)
        }
        InvalidLocaleGrant::Source => {
            FieldError::new("locales", FieldErrorCode::SourceLocale).text("value", SOURCE_LOCALE)
        }
    }
}

fn view(row: KeyRow) -> KeyView {
    KeyView {
        id: row.id,
        prefix: row.prefix,
        role: row.role,
        locales: keys::decode_locales(row.locales.as_deref()),
        name: row.name,
        created_at: row.created_at.and_utc(),
        revoked_at: row.revoked_at.map(|t| t.and_utc()),
    }
}

/// Create an API key (admin). The key is in the answer and nowhere else.
#[utoipa::path(
    tag = "keys",
    request_body = NewKeyRequest,
    security(("api_key" = ["admin"])),
    responses(
        (status = 201, description = "Created; store `key` now", body = IssuedKeyView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin key", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown role, empty name, or locales missing for a translator (or given for another role)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/keys")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn create_key(
    state: web::Data<AppState>,
    caller: Caller,
    body: web::Json<NewKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let role = body.role.parse::<Role>().ok();
    if role.is_none() {
        errors.push(
            FieldError::new("role", FieldErrorCode::UnknownValue).text("value", body.role.clone()),
        );
    }
    let name = match plain_text::clean(body.name.trim()) {
        Ok(name) => name,
        Err(refused) => {
            errors.push(
                FieldError::new("name", FieldErrorCode::HiddenCharacter)
                    .text("value", plain_text::code_point(refused)),
            );
            String::new()
        }
    };
    if name.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("name", FieldErrorCode::Required));
    } else if name.chars().count() > 200 {
        errors.push(FieldError::new("name", FieldErrorCode::TooLong).number("max", 200.0));
    }
    let locales = role.map(|role| {
        let shipped = state.locales();
        let tags: Vec<&str> = shipped.all().iter().map(|l| l.tag()).collect();
        Grant::bind(role, body.locales.as_deref(), &tags)
    });
    let locales = match locales {
        Some(Ok(locales)) => locales,
        Some(Err(invalid)) => {
            errors.push(locale_grant_error(invalid));
            None
        }
        None => None,
    };
    let Some(role) = role.filter(|_| errors.is_empty()) else {
        return Err(field_errors(errors));
    };
    let issued = state
        .db
        .run(move |conn| keys::create(conn, role, locales, &name, Utc::now()))
        .await?;
    Ok(HttpResponse::Created().json(IssuedKeyView {
        details: KeyView {
            id: issued.id,
            prefix: issued.prefix,
            role: issued.role.code().to_owned(),
            locales: issued.locales,
            name: issued.name,
            created_at: issued.created_at,
            revoked_at: None,
        },
        key: issued.key,
    }))
}

/// List API keys (admin); secrets are never shown.
#[utoipa::path(
    tag = "keys",
    security(("api_key" = ["admin"])),
    responses(
        (status = 200, description = "Every key", body = KeyListView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin key", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/keys")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn list_keys(
    state: web::Data<AppState>,
    caller: Caller,
) -> Result<HttpResponse, ApiError> {
    let rows = state.db.run(keys::list).await?;
    Ok(HttpResponse::Ok().json(KeyListView {
        items: rows.into_iter().map(view).collect(),
    }))
}

/// Revoke an API key (admin): every instance refuses it from the next
/// request on (keys are checked against the database on every request).
#[utoipa::path(
    tag = "keys",
    params(("id" = i64, Path, description = "The key's id")),
    security(("api_key" = ["admin"])),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No live key has this id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/keys/{id}")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn revoke_key(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let raw = id.into_inner();
    // An id no key can have (not a number, or past i64) names no key: 404
    // like any unknown id, not a 400 that tells ids from other strings.
    let not_found = || ApiError::new(ErrorCode::KeyNotFound).with_text("id", raw.clone());
    let id = raw.parse::<i64>().map_err(|_| not_found())?;
    if !state
        .db
        .run(move |conn| keys::revoke(conn, id, Utc::now()))
        .await?
    {
        let mut error = ApiError::new(ErrorCode::KeyNotFound);
        error.args.push(("id", DetailArg::Number(id)));
        return Err(error);
    }
    Ok(HttpResponse::NoContent().finish())
}
