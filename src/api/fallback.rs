//! Answers for requests no handler takes: 405 with `Allow` when the path
//! exists for other methods, 404 otherwise. The known paths come from the
//! OpenAPI document, so this can never disagree with the routes.

use actix_web::http::Method;
use actix_web::{HttpRequest, web};

use super::error::{ApiError, ErrorCode};

/// Path templates of the documented routes with their methods.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<String>, Vec<Method>)>,
}

impl RouteTable {
    /// Reads the paths of an OpenAPI document.
    pub fn from_openapi(document: &utoipa::openapi::OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(str::to_owned).collect();
                let mut methods = Vec::new();
                for (present, method) in [
                    (item.get.is_some(), Method::GET),
                    (item.post.is_some(), Method::POST),
                    (item.put.is_some(), Method::PUT),
                    (item.patch.is_some(), Method::PATCH),
                    (item.delete.is_some(), Method::DELETE),
                ] {
                    if present {
                        methods.push(method);
                    }
                }
                (segments, methods)
            })
            .collect();
        RouteTable { routes }
    }

    /// The methods a concrete path allows, if it matches a template.
    pub fn allowed(&self, path: &str) -> Option<&[Method]> {
        let segments: Vec<&str> = path.split('/').collect();
        self.routes.iter().find_map(|(template, methods)| {
            template_matches(template, &segments).then_some(methods.as_slice())
        })
    }
}

/// Whether a path (split at `/`) matches an OpenAPI path template: each
/// segment equal, or a `{name}` placeholder (with an optional literal
/// suffix, as in `{locale}.ftl`) taking a non-empty value.
pub(super) fn template_matches(template: &[String], segments: &[&str]) -> bool {
    template.len() == segments.len()
        && template.iter().zip(segments).all(|(t, s)| {
            match t.strip_prefix('{').and_then(|rest| rest.split_once('}')) {
                Some((_, suffix)) => s.len() > suffix.len() && s.ends_with(suffix),
                None => t == s,
            }
        })
}

/// The default service: 405 for a known path, 404 for anything else.
pub async fn route_not_found(
    req: HttpRequest,
    routes: web::Data<RouteTable>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let Some(allowed) = routes.allowed(req.path()) else {
        return Err(ApiError::new(ErrorCode::RouteNotFound).with_text("path", req.path()));
    };
    let allow: Vec<&str> = allowed.iter().map(Method::as_str).collect();
    let mut error = ApiError::new(ErrorCode::MethodNotAllowed)
        .with_text("method", req.method().as_str())
        .with_text("allowed", allow.join(", "));
    error.allow = Some(allow.join(", "));
    Err(error)
}
