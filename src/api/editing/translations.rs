//! `PUT /v1/translations/{locale}.ftl`: a translator's Fluent file of
//! listing text (as `GET` exports it) applied in one go. Each listing goes
//! through the same validation, no-op check and audit entry as
//! `PUT /v1/listings/{id}/content/{locale}`; all are written in one
//! transaction, or none.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, put, web};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::EditingState;
use super::auth::{Caller, forbidden};
use super::imports::read_body;
use super::write::{Precondition, author, write_plans};
use crate::api::error::{ApiError, DetailArg, ErrorCode, FieldProblem, Problem};
use crate::api::required_messages::importers::CONTENT_IMPORT_FAILED;
use crate::api::translations::shipped_locale;
use crate::app::state::AppState;
use crate::app::translations::{TranslationRefusal, plan_translations};
use crate::domain::editing::{FieldError, FieldErrorCode};
use crate::i18n::listing_ftl::parse_content_resource;

/// Query of `PUT /v1/translations/{locale}.ftl`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ContentImportQuery {
    /// Check the file and report what would change; write nothing.
    #[serde(default)]
    dry_run: bool,
}

/// One listing whose text changes.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ContentChangeView {
    /// The listing.
    #[schema(example = "seoul-global-center")]
    pub listing_id: String,
    /// The message ids whose text changes.
    #[schema(example = json!(["listing-seoul-global-center-summary"]))]
    pub messages: Vec<String>,
}

/// What a content import did (or, in a dry run, would do).
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ContentImportView {
    /// True when nothing was written on purpose.
    pub dry_run: bool,
    /// The locale of the text.
    #[schema(example = "ja")]
    pub locale: String,
    /// Messages read from the file.
    pub messages: usize,
    /// Listings changed (or that would be), with their changed messages.
    pub updated: Vec<ContentChangeView>,
    /// Listings whose text in the file equals what is stored.
    pub unchanged: usize,
}

/// A 422 naming each problem, its place in the file as `field`.
fn refused(problems: Vec<FieldProblem>) -> ApiError {
    let count = problems.len() as i64;
    let mut error = ApiError::validation(problems).with_detail(CONTENT_IMPORT_FAILED);
    error.args = vec![("count", DetailArg::Number(count))];
    error
}

/// Import listing text in a locale from a Fluent file (translator, editor
/// or admin): one message per listing field, as the export writes them.
#[utoipa::path(
    tag = "translations",
    params(
        ("locale" = String, Path, description = "A shipped locale's tag", example = "ja"),
        ContentImportQuery,
    ),
    request_body(content = String, content_type = "text/plain", description = "A Fluent resource, UTF-8, as `GET /v1/translations/{locale}.ftl` exports it"),
    security(("api_key" = ["admin", "editor", "translator"])),
    responses(
        (status = 200, description = "Applied, or (dry run) what would be", body = ContentImportView),
        (status = 400, description = "Unknown locale, or the body is not UTF-8", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than TRANSLATIONS_IMPORT_MAX_MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not text/plain", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every problem, as `file:line:column` or message id; nothing was written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/translations/{locale}.ftl")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id(), dry_run = query.dry_run))]
pub(crate) async fn import_translations(
    req: HttpRequest,
    state: web::Data<AppState>,
    editing: web::Data<EditingState>,
    caller: Caller,
    locale: web::Path<String>,
    query: web::Query<ContentImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let locale = shipped_locale(&state, Some(&locale))?;
    let is_text = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("text/plain"));
    if !is_text {
        return Err(
            ApiError::new(ErrorCode::UnsupportedMediaType).with_text("expected", "text/plain")
        );
    }
    let body = read_body(&req, payload, editing.translations_max_bytes).await?;
    let text = std::str::from_utf8(&body).map_err(|_| ApiError::new(ErrorCode::MalformedBody))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file = format!("{locale}.ftl");
    let changes = parse_content_resource(&file, text).map_err(|errors| {
        refused(
            errors
                .into_iter()
                .map(|e| FieldProblem {
                    line: Some(e.line as u64),
                    error: FieldError::new(
                        format!("{}:{}:{}", e.file, e.line, e.column),
                        FieldErrorCode::InvalidFluent,
                    )
                    .text("reason", e.message),
                })
                .collect(),
        )
    })?;
    let messages = changes.len();
    let plan = plan_translations(&state, &locale, changes, author(&caller), caller.grant())
        .await
        .map_err(|refusal| match refusal {
            TranslationRefusal::Invalid(errors) => refused(
                errors
                    .into_iter()
                    .map(|error| FieldProblem { line: None, error })
                    .collect(),
            ),
            TranslationRefusal::Denied(denied) => forbidden(denied),
            TranslationRefusal::Db(error) => error.into(),
        })?;
    let updated = plan
        .updated
        .into_iter()
        .map(|(listing, messages)| ContentChangeView {
            listing_id: listing.to_string(),
            messages,
        })
        .collect();
    let unchanged = plan.unchanged;
    if !query.dry_run {
        write_plans(&state, plan.plans, Precondition::None).await?;
    }
    Ok(HttpResponse::Ok().json(ContentImportView {
        dry_run: query.dry_run,
        locale,
        messages,
        updated,
        unchanged,
    }))
}
