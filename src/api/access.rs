//! Who may call what, enforced before any handler or body extractor runs.
//!
//! The roles an operation needs are written once, in its OpenAPI security
//! requirement (`security(("api_key" = ["admin", "editor"]))`: OpenAPI 3.1
//! lets a non-OAuth scheme list role names there), so the document clients
//! read is the rule the server applies. [`require_key`] matches the
//! request to its operation, verifies the key and its role, and only then
//! lets the request reach the handler: an unauthenticated client can
//! neither make the server read a body nor learn from a 400 which bodies
//! are well formed. Handlers get the verified key from the request's
//! extensions through the [`Caller`](super::editing::auth::Caller)
//! extractor.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{HttpMessage, web};

use super::editing::auth::authenticate;
use super::error::{ApiError, ErrorCode};
use super::fallback::{Segment, parse_template, template_matches};
use crate::domain::editing::Role;
use crate::i18n::write_messages::FORBIDDEN_TRANSLATOR;

/// The name of the API key security scheme in the OpenAPI document.
pub const SCHEME: &str = "api_key";

/// One operation that needs a key, and the roles that may call it.
#[derive(Debug, Clone)]
struct Rule {
    template: Vec<Segment>,
    method: Method,
    roles: Vec<Role>,
}

/// Every operation's role requirement, read from the OpenAPI document.
#[derive(Debug, Clone, Default)]
pub struct AccessRules {
    rules: Vec<Rule>,
}

/// Why the document's security requirements cannot be enforced.
#[derive(Debug, thiserror::Error)]
#[error("the OpenAPI document's security requirement of {method} {path} {problem}")]
pub struct InvalidAccessRule {
    method: String,
    path: String,
    problem: String,
}

impl AccessRules {
    /// Reads the security requirement of every operation. A requirement
    /// naming no role, or a role that does not exist, is refused: an
    /// operation must say who may call it.
    pub fn from_openapi(document: &utoipa::openapi::OpenApi) -> Result<Self, InvalidAccessRule> {
        let document = serde_json::to_value(document).map_err(|error| InvalidAccessRule {
            method: String::new(),
            path: String::new(),
            problem: error.to_string(),
        })?;
        let mut rules = Vec::new();
        let paths = document["paths"].as_object().into_iter().flatten();
        for (path, item) in paths {
            let operations = item.as_object().into_iter().flatten();
            for (method, operation) in operations {
                let Ok(method) = method.to_ascii_uppercase().parse::<Method>() else {
                    continue;
                };
                let Some(requirements) = operation["security"].as_array() else {
                    continue;
                };
                let invalid = |problem: &str| InvalidAccessRule {
                    method: method.to_string(),
                    path: path.clone(),
                    problem: problem.to_owned(),
                };
                let mut roles = Vec::new();
                for requirement in requirements {
                    let names = requirement[SCHEME]
                        .as_array()
                        .ok_or_else(|| invalid("does not use the api_key scheme"))?;
                    for name in names {
                        let role = name
                            .as_str()
                            .and_then(|name| name.parse::<Role>().ok())
                            .ok_or_else(|| invalid("names an unknown role"))?;
                        roles.push(role);
                    }
                }
                if roles.is_empty() {
                    return Err(invalid("names no role"));
                }
                rules.push(Rule {
                    template: parse_template(path),
                    method,
                    roles,
                });
            }
        }
        Ok(AccessRules { rules })
    }

    /// The roles that may call `method path`; `None` for a public route.
    pub fn roles_for(&self, method: &Method, path: &str) -> Option<&[Role]> {
        let segments: Vec<&str> = path.split('/').collect();
        self.rules
            .iter()
            .find(|rule| rule.method == method && template_matches(&rule.template, &segments))
            .map(|rule| rule.roles.as_slice())
    }
}

/// Verifies the key and its role for every operation that needs one,
/// before the request reaches its handler. A refusal is answered here, as
/// a response carrying its [`ApiError`], so that the locale middleware
/// renders it like any other problem.
pub async fn require_key(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let roles = req
        .app_data::<web::Data<AccessRules>>()
        .and_then(|rules| rules.roles_for(req.method(), req.path()))
        .map(<[Role]>::to_vec);
    if let Some(roles) = roles {
        let caller = match authenticate(req.request()).await {
            Ok(caller) => caller,
            Err(error) => return Ok(req.error_response(error).map_into_boxed_body()),
        };
        if !roles.contains(&caller.role()) {
            let forbidden = ApiError::new(ErrorCode::Forbidden);
            let forbidden = if caller.role() == Role::Translator {
                forbidden.with_detail(FORBIDDEN_TRANSLATOR)
            } else {
                forbidden
            };
            return Ok(req.error_response(forbidden).map_into_boxed_body());
        }
        req.extensions_mut().insert(caller);
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_with_a_key_names_its_roles() {
        let rules = AccessRules::from_openapi(&crate::api::openapi_document()).unwrap();
        let roles =
            |method: Method, path: &str| rules.roles_for(&method, path).map(<[Role]>::to_vec);
        assert_eq!(roles(Method::GET, "/v1/keys"), Some(vec![Role::Admin]));
        assert_eq!(
            roles(Method::POST, "/v1/listings"),
            Some(vec![Role::Admin, Role::Editor])
        );
        assert!(
            roles(Method::PUT, "/v1/translations/ja.ftl")
                .is_some_and(|roles| roles.contains(&Role::Translator))
        );
        assert_eq!(roles(Method::GET, "/v1/listings"), None);
        assert_eq!(roles(Method::POST, "/v1/listings/wego/reports"), None);
        assert_eq!(roles(Method::GET, "/v1/translations/ja.ftl"), None);
    }
}
