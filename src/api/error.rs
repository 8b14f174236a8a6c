//! The one error type of the HTTP layer. Every failure, whether from a
//! handler, an extractor or routing, becomes an RFC 9457 problem with a
//! stable `code` and a title and detail localized in the request's locale
//! (rendering happens in [`super::locale`], which knows the locale).

use std::fmt;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbError;
use crate::domain::{InvalidParameter, ParameterProblem, expected_form};

/// Seconds a 503 asks the client to wait: about what a database restart
/// or a failover takes, short enough that nobody gives up.
pub const RETRY_AFTER_UNAVAILABLE: u32 = 5;

/// Stable, snake_case error codes: clients branch on these, translators
/// translate `problem-title-<code>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A query or path parameter has a value that cannot be used.
    InvalidParameter,
    /// The request body is not valid JSON of the expected shape.
    MalformedBody,
    /// The request body is larger than accepted.
    PayloadTooLarge,
    /// No listing has the requested id.
    ListingNotFound,
    /// No city has the requested code.
    CityNotFound,
    /// No route matches the path.
    RouteNotFound,
    /// The route exists but not for this method.
    MethodNotAllowed,
    /// The database cannot be reached.
    ServiceUnavailable,
    /// Anything else: the cause is logged, never shown.
    Internal,
    /// A write without a valid API key (`WWW-Authenticate: Bearer`).
    Unauthorized,
    /// The key's role does not allow this write, or the origin is not allowed.
    Forbidden,
    /// The write collides with an existing listing (id or external id).
    Conflict,
    /// `If-Match` names a version that is no longer current.
    PreconditionFailed,
    /// A write without `If-Match`.
    PreconditionRequired,
    /// Fields are invalid; `errors` lists each with its own message.
    ValidationFailed,
    /// Too many writes; `Retry-After` says when to try again.
    TooManyRequests,
    /// The body's content type is not one this endpoint reads.
    UnsupportedMediaType,
    /// No API key has the requested id.
    KeyNotFound,
    /// No verification report has the requested id.
    ReportNotFound,
}

impl ErrorCode {
    /// Every code, for the test that each has a title in every locale.
    pub const ALL: [ErrorCode; 19] = [
        ErrorCode::InvalidParameter,
        ErrorCode::MalformedBody,
        ErrorCode::PayloadTooLarge,
        ErrorCode::ListingNotFound,
        ErrorCode::CityNotFound,
        ErrorCode::RouteNotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::ServiceUnavailable,
        ErrorCode::Internal,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::Conflict,
        ErrorCode::PreconditionFailed,
        ErrorCode::PreconditionRequired,
        ErrorCode::ValidationFailed,
        ErrorCode::TooManyRequests,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::KeyNotFound,
        ErrorCode::ReportNotFound,
    ];

    /// The code as it appears in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidParameter => "invalid_parameter",
            ErrorCode::MalformedBody => "malformed_body",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::ListingNotFound => "listing_not_found",
            ErrorCode::CityNotFound => "city_not_found",
            ErrorCode::RouteNotFound => "route_not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Conflict => "conflict",
            ErrorCode::PreconditionFailed => "precondition_failed",
            ErrorCode::PreconditionRequired => "precondition_required",
            ErrorCode::ValidationFailed => "validation_failed",
            ErrorCode::TooManyRequests => "too_many_requests",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::KeyNotFound => "key_not_found",
            ErrorCode::ReportNotFound => "report_not_found",
        }
    }

    /// The HTTP status the code is answered with.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::InvalidParameter => StatusCode::BAD_REQUEST,
            ErrorCode::MalformedBody => StatusCode::BAD_REQUEST,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::ListingNotFound | ErrorCode::CityNotFound | ErrorCode::RouteNotFound => {
                StatusCode::NOT_FOUND
            }
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::ServiceUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::PreconditionFailed => StatusCode::PRECONDITION_FAILED,
            ErrorCode::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            ErrorCode::ValidationFailed => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::KeyNotFound | ErrorCode::ReportNotFound => StatusCode::NOT_FOUND,
        }
    }

    /// Fluent id of the short, fixed title.
    pub fn title_id(self) -> String {
        format!("problem-title-{}", self.as_str().replace('_', "-"))
    }

    /// Fluent id of the default detail.
    pub fn detail_id(self) -> String {
        format!("problem-detail-{}", self.as_str().replace('_', "-"))
    }
}

/// Fluent ids of details more specific than a code's default.
pub mod detail {
    /// "The parameter { $parameter } must be a whole number from { $min } to { $max }."
    pub const PARAMETER_RANGE: &str = "problem-detail-parameter-range";
    /// "{ $value } is not a known { $parameter }."
    pub const PARAMETER_UNKNOWN: &str = "problem-detail-parameter-unknown";
    /// "The value of { $parameter } is not in the expected form."
    pub const PARAMETER_MALFORMED: &str = "problem-detail-parameter-malformed";
    /// "The value of { $parameter } must look like { $example } ({ $form })."
    pub const PARAMETER_FORM: &str = "problem-detail-parameter-form";
    /// "The parameter { $parameter } needs { $other } too."
    pub const PARAMETER_REQUIRES: &str = "problem-detail-parameter-requires";
    /// "{ $parameter } cannot be combined with { $other }."
    pub const PARAMETER_CONFLICTS: &str = "problem-detail-parameter-conflicts";
    /// Every specific detail id.
    pub const ALL: [&str; 6] = [
        PARAMETER_RANGE,
        PARAMETER_UNKNOWN,
        PARAMETER_MALFORMED,
        PARAMETER_FORM,
        PARAMETER_REQUIRES,
        PARAMETER_CONFLICTS,
    ];
    // The editing details are in `crate::i18n::write_messages`.
}

/// An argument of a localized detail.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailArg {
    /// Text, inserted as is.
    Text(String),
    /// A number, formatted by the locale.
    Number(i64),
}

/// A failure of the HTTP layer.
#[derive(Debug)]
pub struct ApiError {
    /// The stable code.
    pub code: ErrorCode,
    /// Fluent id of the detail.
    pub detail_id: String,
    /// Arguments of the detail message.
    pub args: Vec<(&'static str, DetailArg)>,
    /// The request parameter at fault, for `invalid_parameter`.
    pub parameter: Option<&'static str>,
    /// Methods the route allows, for `method_not_allowed`.
    pub allow: Option<String>,
    /// Invalid fields, for `validation_failed` (boxed: errors stay small).
    pub errors: Box<[FieldProblem]>,
    /// Invalid fields found beyond those listed in `errors`.
    pub errors_omitted: u32,
    /// Seconds to wait, for `too_many_requests`.
    pub retry_after: Option<u32>,
}

/// One invalid field of a write, localized when the problem is rendered.
#[derive(Debug, Clone)]
pub struct FieldProblem {
    /// The line of an import file, if the field is in one.
    pub line: Option<u64>,
    /// The field (or import column) and why.
    pub error: crate::domain::editing::FieldError,
}

impl ApiError {
    /// An error with the code's default detail.
    pub fn new(code: ErrorCode) -> Self {
        ApiError {
            code,
            detail_id: code.detail_id(),
            args: Vec::new(),
            parameter: None,
            allow: None,
            errors: Box::default(),
            errors_omitted: 0,
            retry_after: None,
        }
    }

    /// A 422 listing every invalid field.
    ///
    /// At most [`ApiError::MAX_LISTED_ERRORS`] are listed, and the detail
    /// counts them all (`errors_omitted` says how many are not listed): a
    /// file of ten thousand bad lines answers in a page, not in megabytes.
    pub fn validation(mut errors: Vec<FieldProblem>) -> Self {
        let mut error = ApiError::new(ErrorCode::ValidationFailed);
        let total = errors.len();
        error.args.push((
            "count",
            DetailArg::Number(i64::try_from(total).unwrap_or(i64::MAX)),
        ));
        errors.truncate(Self::MAX_LISTED_ERRORS);
        error.errors_omitted = u32::try_from(total - errors.len()).unwrap_or(u32::MAX);
        error.errors = errors.into_boxed_slice();
        error
    }

    /// The most field errors a problem lists.
    pub const MAX_LISTED_ERRORS: usize = 100;

    /// An error whose detail is the more specific message `detail_id`.
    pub fn with_detail(mut self, detail_id: &str) -> Self {
        self.detail_id = detail_id.to_owned();
        self
    }

    /// Adds a text argument to the detail.
    pub fn with_text(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, DetailArg::Text(value.into())));
        self
    }

    /// No listing with this id.
    pub fn listing_not_found(id: &str) -> Self {
        ApiError::new(ErrorCode::ListingNotFound).with_text("id", id)
    }

    /// 503 with `Retry-After`: the database (or the whole instance, while
    /// it shuts down) cannot serve this request now.
    pub fn unavailable() -> Self {
        let mut error = ApiError::new(ErrorCode::ServiceUnavailable);
        error.retry_after = Some(RETRY_AFTER_UNAVAILABLE);
        error
    }

    /// A 500 whose cause is logged here and never shown.
    pub fn internal(cause: &dyn fmt::Display) -> Self {
        tracing::error!(%cause, "internal error");
        ApiError::new(ErrorCode::Internal)
    }
}

impl From<InvalidParameter> for ApiError {
    fn from(invalid: InvalidParameter) -> Self {
        let mut error =
            ApiError::new(ErrorCode::InvalidParameter).with_text("parameter", invalid.parameter);
        error.parameter = Some(invalid.parameter);
        match invalid.problem {
            ParameterProblem::NotInRange { min, max } => {
                error.detail_id = detail::PARAMETER_RANGE.into();
                error.args.push(("min", DetailArg::Number(min)));
                error.args.push(("max", DetailArg::Number(max)));
            }
            ParameterProblem::Unknown { value } => {
                error.detail_id = detail::PARAMETER_UNKNOWN.into();
                error.args.push(("value", DetailArg::Text(value)));
            }
            ParameterProblem::Malformed => match expected_form(invalid.parameter) {
                Some((form, example)) => {
                    error.detail_id = detail::PARAMETER_FORM.into();
                    error.args.push(("form", DetailArg::Text(form.into())));
                    error
                        .args
                        .push(("example", DetailArg::Text(example.into())));
                }
                None => error.detail_id = detail::PARAMETER_MALFORMED.into(),
            },
            ParameterProblem::Requires { other } => {
                error.detail_id = detail::PARAMETER_REQUIRES.into();
                error.args.push(("other", DetailArg::Text(other.into())));
            }
            ParameterProblem::ConflictsWith { other } => {
                error.detail_id = detail::PARAMETER_CONFLICTS.into();
                error.args.push(("other", DetailArg::Text(other.into())));
            }
        }
        error
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(error: serde_json::Error) -> Self {
        ApiError::internal(&error)
    }
}

impl From<DbError> for ApiError {
    /// A database that is down, damaged or busy is the client's cue to try
    /// again (503 with `Retry-After`), never an internal error; the fault
    /// itself is logged once by the database layer.
    fn from(error: DbError) -> Self {
        if error.is_unavailable() {
            tracing::debug!(%error, "answered 503");
            ApiError::unavailable()
        } else {
            ApiError::internal(&error)
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_str())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.code.status()
    }

    /// A placeholder: the locale middleware replaces the body with the
    /// localized problem, since only it knows the request's locale.
    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code()).finish()
    }
}

/// The RFC 9457 body, as documented in the OpenAPI document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type: `/problems/<code>`.
    #[serde(rename = "type")]
    #[schema(example = "/problems/listing_not_found")]
    pub problem_type: String,
    /// Short, localized summary; the same for every occurrence of the code.
    #[schema(example = "Listing not found")]
    pub title: String,
    /// The HTTP status.
    #[schema(example = 404)]
    pub status: u16,
    /// Localized explanation of this occurrence.
    #[schema(example = "No listing has the id “nowhere”.")]
    pub detail: String,
    /// The path of the request.
    #[schema(example = "/v1/listings/nowhere")]
    pub instance: String,
    /// Stable machine-readable code.
    pub code: ErrorCode,
    /// The parameter at fault, for `invalid_parameter`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// Every invalid field, for `validation_failed` (at most 100).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldErrorView>>,
    /// How many more invalid fields were found than `errors` lists.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 2400)]
    pub errors_omitted: Option<u32>,
}

/// One invalid field, with a message in the response locale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldErrorView {
    /// The line of the import file, for imports (the header is line 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 7)]
    pub line: Option<u64>,
    /// The field's path in the JSON body (`texts.en.name`) or the import column.
    #[schema(example = "location.latitude")]
    pub field: String,
    /// Stable code: `required`, `too_long`, `out_of_range`, `invalid_format`,
    /// `unknown_value`, `invalid_opening_hours`, `wrong_order`, `incomplete`,
    /// `duplicate`, `not_allowed`, `invalid_fluent`.
    #[schema(example = "out_of_range")]
    pub code: String,
    /// What is wrong, localized.
    #[schema(example = "“location.latitude” must be between -90 and 90.")]
    pub detail: String,
}
