//! `POST /v1/imports`: CSV, editors and admins (the exports, public like
//! every read, are in `crate::api::exports`).

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::Deserialize;
use utoipa::IntoParams;

use super::EditingState;
use super::auth::Caller;
use super::views::ImportReportView;
use super::write::{Precondition, conflict_error};
use crate::api::error::{ApiError, DetailArg, ErrorCode, FieldProblem, Problem};
use crate::api::locale::{RequestLocale, localize_field_problems};
use crate::app::import::{self, ImportError, ImportOptions};
use crate::app::state::AppState;
use crate::domain::editing::ValidationContext;
use crate::domain::{InvalidParameter, ParameterProblem};
use crate::exchange::open_data::{ImportFormat, decode};
use crate::i18n::write_messages::IMPORT_FAILED;

/// Query of `POST /v1/imports`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct ImportQuery {
    /// Check and report every row, write nothing.
    #[serde(default)]
    dry_run: bool,
    /// `directory` (our CSV, the default), or one of Seoul's open data
    /// sets by its published field names: `brk-pg-global` (global
    /// real-estate offices) or `job-cafe-open-info` (job cafés).
    #[param(value_type = Option<crate::api::params::ImportFormatCode>, inline, example = "directory")]
    format: Option<String>,
}

/// Reads the body up to `limit` bytes; 413 beyond, and at once, before any
/// of the body is read, when its declared `Content-Length` is already over.
pub(super) async fn read_body(
    req: &HttpRequest,
    payload: web::Payload,
    limit: usize,
) -> Result<Bytes, ApiError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return Err(ApiError::new(ErrorCode::PayloadTooLarge));
    }
    match payload.to_bytes_limited(limit).await {
        Ok(Ok(body)) => Ok(body),
        // The body could not be read (the client went away mid-way).
        Ok(Err(_)) => Err(ApiError::new(ErrorCode::MalformedBody)),
        Err(_) => Err(ApiError::new(ErrorCode::PayloadTooLarge)),
    }
}

/// Import listings from CSV (editor or admin): all rows or none, upserted
/// by external id; unchanged rows write nothing.
#[utoipa::path(
    tag = "editing",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "UTF-8 CSV, with or without BOM (Seoul's data sets also CP949); columns in the README",
        example = json!("id,category,city,name_en\nseoul-global-center,contact_point,seoul,Seoul Global Center\n")),
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 200, description = "Imported, or (dry run) what would be", body = ImportReportView),
        (status = 400, description = "Unknown `format`", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The key's role may not import", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The file is larger than IMPORT_MAX_MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not text/csv", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad rows, each with its line; nothing was imported", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/imports")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id(), dry_run = query.dry_run))]
pub(crate) async fn import_listings(
    req: HttpRequest,
    state: web::Data<AppState>,
    editing: web::Data<EditingState>,
    caller: Caller,
    locale: RequestLocale,
    query: web::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let format = match query.format.as_deref() {
        None => ImportFormat::Directory,
        Some(code) => ImportFormat::parse(code).ok_or_else(|| {
            ApiError::from(InvalidParameter {
                parameter: "format",
                problem: ParameterProblem::Unknown {
                    value: code.to_owned(),
                },
            })
        })?,
    };
    let is_csv = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim().to_ascii_lowercase().starts_with("text/csv"));
    if !is_csv {
        return Err(
            ApiError::new(ErrorCode::UnsupportedMediaType).with_text("expected", "text/csv")
        );
    }
    let body = read_body(&req, payload, editing.import_max_bytes).await?;
    let reference = state.reference().clone();
    let locales = state.locales();
    let tags: Vec<String> = locales.all().iter().map(|l| l.tag().to_owned()).collect();
    let options = ImportOptions {
        dry_run: query.dry_run,
        key_id: Some(caller.key_id()),
    };
    let outcome = state
        .db
        .run(move |conn| {
            let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
            let ctx = ValidationContext::new(&reference, &tags, "import");
            let result = if format == ImportFormat::Directory {
                import::run(conn, &body[..], &ctx, options, &mut |_| {})
            } else {
                let text = decode(&body);
                let mut rows = format.reader();
                import::run_format(
                    conn,
                    text.as_bytes(),
                    rows.as_mut(),
                    &ctx,
                    options,
                    &mut |_| {},
                )
            };
            ImportError::into_outcome(result)
        })
        .await?;
    let report = outcome.map_err(|conflict| conflict_error(conflict, Precondition::None))?;
    let problems: Vec<FieldProblem> = report
        .errors
        .iter()
        .map(|row| FieldProblem {
            line: Some(row.line),
            error: row.error.clone(),
        })
        .collect();
    if !report.dry_run && !problems.is_empty() {
        let mut error = ApiError::validation(problems).with_detail(IMPORT_FAILED);
        error.args = vec![("count", DetailArg::Number(report.errors.len() as i64))];
        return Err(error);
    }
    if report.committed() && report.created + report.updated > 0 {
        state.data_changed().await;
    }
    Ok(HttpResponse::Ok().json(ImportReportView {
        dry_run: report.dry_run,
        rows: report.rows,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        deleted: report.deleted,
        errors: localize_field_problems(&locales, &locale.0, &problems),
        changes: report.changes.iter().map(Into::into).collect(),
    }))
}
