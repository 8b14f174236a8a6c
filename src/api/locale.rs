//! Per-request locale: negotiated once by a middleware, stored in the
//! request's extensions for handlers ([`RequestLocale`]), announced in
//! `Content-Language`, and used to render every error as a localized
//! problem+json body.

use std::future::{Ready, ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{FromRequest, HttpMessage, HttpRequest, HttpResponse, web};

use super::error::{ApiError, DetailArg, ErrorCode, FieldErrorView, FieldProblem, Problem};
use crate::app::state::AppState;
use crate::i18n::{FluentArgs, FluentValue, Locale, Locales};

/// The locale negotiated for this request.
#[derive(Debug, Clone)]
pub struct RequestLocale(pub Locale);

impl FromRequest for RequestLocale {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let locale = req.extensions().get::<RequestLocale>().cloned();
        ready(locale.ok_or_else(|| ApiError::internal(&"locale middleware not installed").into()))
    }
}

/// Marks a failed response whose body the handler has already localized
/// (the widget's HTML error page), so that it is not replaced by a problem.
#[derive(Debug, Clone, Copy)]
pub struct AlreadyLocalized;

/// The `lang` query parameter, read without failing on a malformed query.
fn lang_param(query: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find_map(|(name, value)| (name == "lang").then_some(value))
}

/// Negotiates the locale, runs the request, then localizes the response.
pub async fn negotiate_locale(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal(&"application state missing"))?;
    let locales = state.locales();
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok());
    let locale = locales.negotiate(lang_param(req.query_string()).as_deref(), accept);
    req.extensions_mut().insert(RequestLocale(locale.clone()));
    let instance = req.path().to_owned();

    let response = next.call(req).await?;
    let mut response = match problem_of(&response) {
        Some(problem) => {
            let body = render(&locales, &locale, &problem, instance);
            let (request, _) = response.into_parts();
            ServiceResponse::new(request, body)
        }
        None => response.map_into_boxed_body(),
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(locale.tag()) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    headers.append(header::VARY, HeaderValue::from_static("Accept-Language"));
    Ok(response)
}

/// What to say about a failed response: the handler's [`ApiError`], or, for
/// an error response built elsewhere, a generic problem for its status.
fn problem_of<B>(response: &ServiceResponse<B>) -> Option<ProblemSource> {
    if response
        .response()
        .extensions()
        .contains::<AlreadyLocalized>()
    {
        return None;
    }
    if let Some(error) = response.response().error() {
        if let Some(api_error) = error.as_error::<ApiError>() {
            return Some(ProblemSource::from(api_error));
        }
    }
    let status = response.status();
    let is_problem = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return None;
    }
    if let Some(error) = response.response().error() {
        tracing::warn!(%error, %status, "error outside the API error type");
    }
    let code = match status.as_u16() {
        404 => ErrorCode::RouteNotFound,
        405 => ErrorCode::MethodNotAllowed,
        413 => ErrorCode::PayloadTooLarge,
        400..=499 => ErrorCode::MalformedBody,
        503 => ErrorCode::ServiceUnavailable,
        _ => ErrorCode::Internal,
    };
    let request = response.request();
    let allowed = response
        .headers()
        .get(header::ALLOW)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let error = ApiError::new(code)
        .with_text("method", request.method().as_str())
        .with_text("allowed", allowed);
    Some(ProblemSource::from(&error))
}

/// The parts of an error needed to render it after the handler is done.
struct ProblemSource {
    code: ErrorCode,
    detail_id: String,
    args: Vec<(&'static str, DetailArg)>,
    parameter: Option<&'static str>,
    allow: Option<String>,
    errors: Box<[FieldProblem]>,
    errors_omitted: u32,
    retry_after: Option<u32>,
}

impl From<&ApiError> for ProblemSource {
    fn from(error: &ApiError) -> Self {
        ProblemSource {
            code: error.code,
            detail_id: error.detail_id.clone(),
            args: error.args.clone(),
            parameter: error.parameter,
            allow: error.allow.clone(),
            errors: error.errors.clone(),
            errors_omitted: error.errors_omitted,
            retry_after: error.retry_after,
        }
    }
}

/// Field problems with their sentences in `locale`.
pub fn localize_field_problems(
    locales: &Locales,
    locale: &Locale,
    problems: &[FieldProblem],
) -> Vec<FieldErrorView> {
    problems
        .iter()
        .map(|problem| FieldErrorView {
            line: problem.line,
            field: problem.error.field.clone(),
            code: problem.error.code.as_str().to_owned(),
            detail: crate::i18n::write_messages::field_error(locales, locale, &problem.error),
        })
        .collect()
}

fn render(
    locales: &Locales,
    locale: &Locale,
    source: &ProblemSource,
    instance: String,
) -> HttpResponse {
    let mut args = FluentArgs::new();
    for (name, value) in &source.args {
        match value {
            DetailArg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
            DetailArg::Number(number) => args.set(*name, FluentValue::from(*number)),
        }
    }
    let problem = Problem {
        problem_type: format!("/problems/{}", source.code.as_str()),
        title: locales.format(locale, &source.code.title_id(), None),
        status: source.code.status().as_u16(),
        detail: locales.format(locale, &source.detail_id, Some(&args)),
        instance,
        code: source.code,
        parameter: source.parameter.map(str::to_owned),
        errors: (!source.errors.is_empty())
            .then(|| localize_field_problems(locales, locale, &source.errors)),
        errors_omitted: (source.errors_omitted > 0).then_some(source.errors_omitted),
    };
    let mut builder = HttpResponse::build(source.code.status());
    builder.content_type("application/problem+json");
    if let Some(allow) = &source.allow {
        builder.insert_header((header::ALLOW, allow.as_str()));
    }
    if let Some(seconds) = source.retry_after {
        builder.insert_header((header::RETRY_AFTER, seconds.to_string()));
    }
    if source.code == ErrorCode::Unauthorized {
        builder.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
    }
    builder.json(problem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_is_read_from_any_position_and_bad_queries_are_ignored() {
        assert_eq!(lang_param("a=1&lang=ja"), Some("ja".into()));
        assert_eq!(lang_param("lang=zh-Hans"), Some("zh-Hans".into()));
        assert_eq!(lang_param("%%%"), None);
        assert_eq!(lang_param(""), None);
    }
}
