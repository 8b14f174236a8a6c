//! Bodies of the report endpoints.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::api::params;
use crate::db::reports::ReportRow;
use crate::domain::reports::{ReportDraft, ResolutionDraft};

/// A report of a problem with a listing.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReportBody {
    /// `wrong_phone`, `wrong_address`, `closed`, `wrong_hours` or `other`.
    #[schema(value_type = params::ReportKindCode, inline, required = true, example = "wrong_phone")]
    kind: Option<String>,
    /// What is wrong, 1 to 1000 characters (not blank).
    #[schema(value_type = String, required = true, min_length = 1, max_length = 1000, example = "The number rings a bakery.")]
    message: Option<String>,
    /// An e-mail address, if you agree to be asked back.
    #[schema(value_type = params::OptionalEmail, inline, required = false, example = "resident@example.org")]
    contact: Option<String>,
}

impl From<ReportBody> for ReportDraft {
    fn from(body: ReportBody) -> Self {
        ReportDraft {
            kind: body.kind,
            message: body.message,
            contact: body.contact,
        }
    }
}

/// An editor's resolution of a report.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ResolutionBody {
    /// `fixed` or `rejected`.
    #[schema(value_type = params::ResolutionCode, inline, required = true, example = "fixed")]
    resolution: Option<String>,
    /// Why, for the other editors (at most 1000 characters).
    #[schema(value_type = params::OptionalNote, inline, required = false, example = "Phone corrected after calling the office.")]
    note: Option<String>,
    /// With `fixed` only: the listing's facts were checked today; sets its
    /// `verified_at` (recorded in its history and the change feed).
    verified: Option<bool>,
}

impl From<ResolutionBody> for ResolutionDraft {
    fn from(body: ResolutionBody) -> Self {
        ResolutionDraft {
            resolution: body.resolution,
            note: body.note,
            verified: body.verified,
        }
    }
}

/// A stored report.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ReportView {
    /// The report's id.
    #[schema(example = 7)]
    pub id: i64,
    /// The listing reported.
    #[schema(example = "seoul-global-center")]
    pub listing_id: String,
    /// What is wrong.
    #[schema(example = "wrong_phone")]
    pub kind: String,
    /// The reporter's words.
    pub message: String,
    /// The reporter's e-mail address, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
    /// `open`, `fixed` or `rejected`.
    #[schema(example = "open")]
    pub status: String,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When an editor resolved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// The id of the key that resolved it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<i64>,
    /// The editor's note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl From<ReportRow> for ReportView {
    fn from(row: ReportRow) -> Self {
        ReportView {
            id: row.id,
            listing_id: row.listing_id,
            kind: row.kind,
            message: row.message,
            contact: row.contact,
            status: row.status,
            created_at: row.created_at.and_utc(),
            resolved_at: row.resolved_at.map(|at| at.and_utc()),
            resolved_by: row.resolved_by,
            note: row.note,
        }
    }
}

/// The answer to a new report: the report and a thank-you in the
/// request's locale.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ReportReceivedView {
    /// A localized thank-you to show the reporter.
    #[schema(example = "Thank you. An editor will check your report.")]
    pub acknowledgement: String,
    /// The stored report.
    pub report: ReportView,
}

/// A page of the editors' queue.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct ReportPageView {
    /// Reports, oldest first.
    pub items: Vec<ReportView>,
    /// Pass as `cursor` for the next page; absent on the last.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
