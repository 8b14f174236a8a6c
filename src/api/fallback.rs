//! Answers for requests no handler takes: 405 with `Allow` when the path
//! exists for other methods, 404 otherwise. The known paths come from the
//! OpenAPI document, so this can never disagree with the routes; the two
//! routes the document does not describe (itself and Swagger UI) are added
//! by [`RouteTable::with_documentation`].

use actix_web::http::Method;
use actix_web::{HttpRequest, web};

use super::error::{ApiError, ErrorCode};

/// One segment of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Segment {
    /// Matched exactly.
    Literal(String),
    /// `{name}` with text around it (`{locale}.ftl`): any non-empty value
    /// between the prefix and the suffix.
    Variable { prefix: String, suffix: String },
    /// Anything from here on, including further segments (Swagger UI's assets).
    Rest,
}

impl Segment {
    fn parse(template: &str) -> Self {
        match (template.find('{'), template.rfind('}')) {
            (Some(open), Some(close)) if open < close => Segment::Variable {
                prefix: template[..open].to_owned(),
                suffix: template[close + 1..].to_owned(),
            },
            _ => Segment::Literal(template.to_owned()),
        }
    }

    fn matches(&self, segment: &str) -> bool {
        match self {
            Segment::Literal(literal) => literal == segment,
            Segment::Variable { prefix, suffix } => {
                segment.len() > prefix.len() + suffix.len()
                    && segment.starts_with(prefix.as_str())
                    && segment.ends_with(suffix.as_str())
            }
            Segment::Rest => true,
        }
    }
}

/// Path templates of the documented routes with their methods.
#[derive(Debug, Clone, Default)]
pub struct RouteTable {
    routes: Vec<(Vec<Segment>, Vec<Method>)>,
}

impl RouteTable {
    /// Reads the paths of an OpenAPI document.
    pub fn from_openapi(document: &utoipa::openapi::OpenApi) -> Self {
        let routes = document
            .paths
            .paths
            .iter()
            .map(|(template, item)| {
                let segments = template.split('/').map(Segment::parse).collect();
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

    /// Adds the routes outside the document, both read-only: the document
    /// itself at `openapi_path` and Swagger UI under `docs_prefix`.
    pub fn with_documentation(mut self, openapi_path: &str, docs_prefix: &str) -> Self {
        let literal =
            |path: &str| -> Vec<Segment> { path.split('/').map(Segment::parse).collect() };
        self.routes.push((literal(openapi_path), vec![Method::GET]));
        let mut docs = literal(docs_prefix.trim_end_matches('/'));
        // `/docs` itself redirects for every method; `/docs/…` is GET only.
        docs.push(Segment::Rest);
        self.routes.push((docs, vec![Method::GET]));
        self
    }

    /// The methods a concrete path allows, if it matches a template.
    pub fn allowed(&self, path: &str) -> Option<&[Method]> {
        let segments: Vec<&str> = path.split('/').collect();
        self.routes.iter().find_map(|(template, methods)| {
            template_matches(template, &segments).then_some(methods.as_slice())
        })
    }
}

/// Whether a path (split at `/`) matches a path template: every segment
/// matches, and a trailing [`Segment::Rest`] takes one or more segments.
pub(super) fn template_matches(template: &[Segment], segments: &[&str]) -> bool {
    let rest = template.last() == Some(&Segment::Rest);
    let fixed = if rest {
        template.len() - 1
    } else {
        template.len()
    };
    let lengths_fit = if rest {
        segments.len() > fixed
    } else {
        segments.len() == fixed
    };
    lengths_fit
        && template
            .iter()
            .take(fixed)
            .zip(segments)
            .all(|(t, s)| t.matches(s))
}

/// A path template split into its segments.
pub(super) fn parse_template(template: &str) -> Vec<Segment> {
    template.split('/').map(Segment::parse).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> RouteTable {
        let mut table = RouteTable::default();
        for template in [
            "/v1/translations/{locale}.ftl",
            "/v1/listings/{id}",
            "/v1/listings.ics",
        ] {
            table.routes.push((
                template.split('/').map(Segment::parse).collect(),
                vec![Method::GET, Method::PUT],
            ));
        }
        table.with_documentation("/openapi.json", "/docs/")
    }

    #[test]
    fn variables_with_literal_text_around_them_match_only_that_shape() {
        let table = table();
        assert!(table.allowed("/v1/translations/ja.ftl").is_some());
        assert!(table.allowed("/v1/translations/.ftl").is_none());
        assert!(table.allowed("/v1/translations/ja.txt").is_none());
        assert!(table.allowed("/v1/listings/wego").is_some());
        assert!(table.allowed("/v1/listings/").is_none());
        assert_eq!(
            table.allowed("/v1/listings.ics"),
            Some(&[Method::GET, Method::PUT][..])
        );
    }

    #[test]
    fn the_document_and_swagger_ui_are_read_only_routes() {
        let table = table();
        assert_eq!(table.allowed("/openapi.json"), Some(&[Method::GET][..]));
        assert_eq!(table.allowed("/docs/"), Some(&[Method::GET][..]));
        assert_eq!(
            table.allowed("/docs/swagger-ui.css"),
            Some(&[Method::GET][..])
        );
        assert!(
            table.allowed("/docs").is_none(),
            "redirected, for every method"
        );
        assert!(table.allowed("/openapi.yaml").is_none());
    }
}
