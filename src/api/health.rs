//! Liveness and readiness probes for load balancers and orchestrators.

use actix_web::{get, web};
use diesel::connection::SimpleConnection;
use serde::Serialize;
use utoipa::ToSchema;

use super::error::{ApiError, ErrorCode, Problem};
use super::state::AppState;

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthView {
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
pub async fn get_health() -> web::Json<HealthView> {
    web::Json(HealthView { status: "ok" })
}

/// Can the service answer? Checks that the database responds.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "The database is reachable", body = HealthView),
        (status = 503, description = "The database is not reachable", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/readyz")]
#[tracing::instrument(skip(state))]
pub async fn get_readiness(state: web::Data<AppState>) -> Result<web::Json<HealthView>, ApiError> {
    state
        .db
        .run(|conn| Ok(conn.batch_execute("SELECT 1")?))
        .await
        .map_err(|error| {
            tracing::warn!(%error, "readiness check failed");
            ApiError::new(ErrorCode::ServiceUnavailable)
        })?;
    Ok(web::Json(HealthView { status: "ok" }))
}
