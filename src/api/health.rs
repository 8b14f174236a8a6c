//! Liveness and readiness probes for load balancers and orchestrators.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, Problem};
use crate::app::lifecycle::Lifecycle;
use crate::app::state::AppState;

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct HealthView {
    /// Always `ok` when the probe succeeds.
    #[schema(example = "ok")]
    pub status: &'static str,
}

/// Is the process up? Touches nothing else.
#[utoipa::path(
    tag = "health",
    responses((status = 200, description = "The process is up", body = HealthView))
)]
#[get("/healthz")]
pub(crate) async fn get_health() -> web::Json<HealthView> {
    web::Json(HealthView { status: "ok" })
}

/// Can the service answer? Reads a real table (a fresh connection on
/// SQLite, so that a damaged file shows), within `DATABASE_TIMEOUT_MS`;
/// 503 while the database is unreachable or damaged, and from the moment
/// a shutdown starts.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "The database answers", body = HealthView),
        (status = 503, description = "The database does not answer, or the instance is shutting down; see `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
#[tracing::instrument(skip(state, lifecycle))]
pub(crate) async fn get_readiness(
    state: web::Data<AppState>,
    lifecycle: web::Data<Lifecycle>,
) -> Result<web::Json<HealthView>, ApiError> {
    if lifecycle.is_draining() {
        return Err(ApiError::unavailable());
    }
    state.db.probe().await.map_err(|error| {
        tracing::warn!(%error, "readiness check failed");
        ApiError::unavailable()
    })?;
    Ok(web::Json(HealthView { status: "ok" }))
}
