//! Verification reports: `POST /v1/listings/{id}/reports` lets anyone say
//! a listing is wrong (rate-limited per IP, validated, localized);
//! editors read the queue (`GET /v1/reports`) and resolve reports
//! (`POST /v1/reports/{id}/resolve`), optionally marking the listing
//! verified today through the audited write path.

mod views;

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::Utc;
use serde::Deserialize;
use utoipa::IntoParams;

use crate::api::editing::auth::{Caller, client_ip, limit_client};
use crate::api::editing::field_errors;
use crate::api::error::{ApiError, ErrorCode, FieldProblem, Problem};
use crate::api::locale::RequestLocale;
use crate::api::params;
use crate::api::rate_limit::Limit;
use crate::app::editing::{Author, PlannedWrite, WriteConflict};
use crate::app::reports::{self as app_reports, Resolution, VerifyRefusal};
use crate::app::state::AppState;
use crate::db::reports::{self, Filed, NewReport, Resolve};
use crate::domain::ListingId;
use crate::domain::editing::FieldError;
use crate::domain::feed;
use crate::domain::reports::{ReportDraft, ReportStatus, ResolutionDraft, ValidResolution};
use views::{ReportBody, ReportPageView, ReportReceivedView, ReportView, ResolutionBody};

/// Fluent ids of the report messages (`locales/*/feed.ftl`).
pub mod messages {
    /// "Thank you. An editor will check your report."
    pub const RECEIVED: &str = "report-received";
    /// Conflict: the report was resolved already.
    pub const RESOLVED_ALREADY: &str = "problem-detail-report-resolved";
    /// Conflict: the listing changed during the resolution, repeatedly.
    pub const LISTING_BUSY: &str = "problem-detail-report-listing-busy";
    /// Every id above, for the completeness test.
    pub const ALL: [&str; 3] = [RECEIVED, RESOLVED_ALREADY, LISTING_BUSY];
}

/// How often a verifying resolution re-reads a listing that another
/// writer changed meanwhile before giving up with a 409.
const VERIFY_ATTEMPTS: usize = 3;

fn invalid(errors: Vec<FieldError>) -> ApiError {
    ApiError::validation(
        errors
            .into_iter()
            .map(|error| FieldProblem { line: None, error })
            .collect(),
    )
}

/// Report a problem with a listing (no key needed).
#[utoipa::path(
    tag = "reports",
    params(("id" = String, Path, description = "The listing's id")),
    request_body = ReportBody,
    responses(
        (status = 201, description = "Stored; the answer holds a localized thank-you", body = ReportReceivedView),
        (status = 200, description = "The same report (listing, kind and message) is open already: nothing was added; the answer shows that report without its contact", body = ReportReceivedView),
        (status = 404, description = "No live listing has this id", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each with a localized message", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/listings/{id}/reports")]
#[tracing::instrument(skip_all)]
pub(crate) async fn create_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    locale: RequestLocale,
    id: web::Path<String>,
    body: web::Json<ReportBody>,
) -> Result<HttpResponse, ApiError> {
    let client = client_ip(&req);
    limit_client(&req, Limit::Address, &client).await?;
    let raw = id.into_inner();
    let id = ListingId::parse(&raw).map_err(|_| ApiError::listing_not_found(&raw))?;
    let valid = ReportDraft::from(body.into_inner())
        .validate()
        .map_err(invalid)?;
    // Reports of their own, per address and per address and listing: one
    // address can neither fill the editors' queue nor bury one listing.
    limit_client(&req, Limit::Reports, &client).await?;
    limit_client(&req, Limit::ReportsPerListing, &format!("{client}|{id}")).await?;
    let report = NewReport {
        listing_id: id.to_string(),
        kind: valid.kind.code().to_owned(),
        message: valid.message,
        contact: valid.contact,
        status: ReportStatus::Open.code().to_owned(),
        created_at: Utc::now().naive_utc(),
    };
    let filed = state
        .db
        .run(move |conn| reports::insert(conn, &report))
        .await?
        .ok_or_else(|| ApiError::listing_not_found(id.as_str()))?;
    let acknowledgement = state.locales().format(&locale.0, messages::RECEIVED, None);
    Ok(match filed {
        Filed::New(stored) => HttpResponse::Created().json(ReportReceivedView {
            acknowledgement,
            report: stored.into(),
        }),
        // The same report is in the queue: thank the reporter, add nothing,
        // and show nothing of the first reporter (their contact address).
        Filed::Duplicate(twin) => {
            let mut report = ReportView::from(twin);
            report.contact = None;
            HttpResponse::Ok().json(ReportReceivedView {
                acknowledgement,
                report,
            })
        }
    })
}

/// Query parameters of the editors' queue.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// `open` (default), `fixed`, `rejected` or `all`.
    #[param(value_type = Option<params::ReportStatusFilter>, inline, example = "open")]
    status: Option<String>,
    /// Reports per page, 1 to 1000 (default 100).
    #[param(value_type = Option<params::FeedPageSize>, inline, example = 100)]
    limit: Option<String>,
    /// The `next_cursor` of the previous page.
    #[param(value_type = Option<params::ReportCursor>, inline)]
    cursor: Option<String>,
}

/// The queue of reports, oldest first (editor or admin key).
#[utoipa::path(
    tag = "reports",
    params(ReportQuery),
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 200, description = "A page of reports", body = ReportPageView),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Translator keys may not read reports", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/reports")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn list_reports(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<ReportQuery>,
) -> Result<HttpResponse, ApiError> {
    let status = ReportStatus::parse_filter(query.status.as_deref())?;
    let limit = feed::parse_limit(query.limit.as_deref())?;
    let after = crate::domain::reports::parse_after(query.cursor.as_deref())?;
    let mut rows = state
        .db
        .run(move |conn| reports::page(conn, status.map(ReportStatus::code), after, limit + 1))
        .await?;
    let more = rows.len() > usize::try_from(limit).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = more
        .then(|| rows.last().map(|row| row.id.to_string()))
        .flatten();
    Ok(HttpResponse::Ok().json(ReportPageView {
        items: rows.into_iter().map(ReportView::from).collect(),
        next_cursor,
    }))
}

/// Resolve a report as `fixed` or `rejected` (editor or admin key).
#[utoipa::path(
    tag = "reports",
    params(("id" = i64, Path, description = "The report's id")),
    request_body = ResolutionBody,
    security(("api_key" = ["admin", "editor"])),
    responses(
        (status = 200, description = "Resolved", body = ReportView),
        (status = 401, description = "No valid API key", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Translator keys may not resolve reports", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No report has this id", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The report is resolved already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/reports/{id}/resolve")]
#[tracing::instrument(skip_all, fields(key_id = caller.key_id()))]
pub(crate) async fn resolve_report(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: web::Json<ResolutionBody>,
) -> Result<HttpResponse, ApiError> {
    let raw = id.into_inner();
    let not_found = || ApiError::new(ErrorCode::ReportNotFound).with_text("id", raw.clone());
    let report_id = raw.parse::<i64>().map_err(|_| not_found())?;
    let valid = ResolutionDraft::from(body.into_inner())
        .validate()
        .map_err(invalid)?;
    let report = state
        .db
        .run(move |conn| reports::find(conn, report_id))
        .await?
        .ok_or_else(not_found)?;
    let resolve = Resolve {
        id: report_id,
        status: valid.status.code().to_owned(),
        note: valid.note.clone(),
        key_id: caller.key_id(),
        at: Utc::now().naive_utc(),
    };
    for _ in 0..VERIFY_ATTEMPTS {
        let verify = verification(&state, &caller, &report.listing_id, &valid).await?;
        let (resolve, write) = (resolve.clone(), verify.clone());
        let outcome = state
            .db
            .run(move |conn| app_reports::resolve(conn, &resolve, write.as_ref()))
            .await?;
        match outcome {
            Resolution::Resolved(row) => {
                if verify.is_some() {
                    state.data_changed().await;
                }
                return Ok(HttpResponse::Ok().json(ReportView::from(row)));
            }
            Resolution::NotOpen => {
                return Err(
                    ApiError::new(ErrorCode::Conflict).with_detail(messages::RESOLVED_ALREADY)
                );
            }
            // Another editor wrote the listing meanwhile: read it again.
            Resolution::Conflict(WriteConflict::Stale { .. }) => {}
            Resolution::Conflict(_) => {
                return Err(ApiError::listing_not_found(&report.listing_id));
            }
        }
    }
    Err(ApiError::new(ErrorCode::Conflict).with_detail(messages::LISTING_BUSY))
}

/// The listing write of a verifying resolution, when it verifies.
async fn verification(
    state: &AppState,
    caller: &Caller,
    listing_id: &str,
    valid: &ValidResolution,
) -> Result<Option<PlannedWrite>, ApiError> {
    if !valid.verified {
        return Ok(None);
    }
    app_reports::plan_verification(state, Author::key(caller.key_id()), listing_id)
        .await
        .map_err(|refusal| match refusal {
            VerifyRefusal::NotFound => ApiError::listing_not_found(listing_id),
            VerifyRefusal::Invalid(errors) => field_errors(errors),
            VerifyRefusal::Db(error) => error.into(),
        })
}
