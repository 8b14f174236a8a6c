//! `Authorization: Bearer <key>`: the [`Caller`] extractor verifies the key
//! (cached briefly, since argon2 is slow on purpose) and applies the per-IP
//! and per-key rate limits. The key itself is never logged.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use super::EditingState;
use crate::api::error::{ApiError, DetailArg, ErrorCode};
use crate::api::state::AppState;
use crate::domain::editing::Role;
use crate::i18n::editing::FORBIDDEN_TRANSLATOR;
use crate::keys::{self, Principal};

/// The verified key of a request.
#[derive(Debug, Clone, Copy)]
pub struct Caller(pub Principal);

impl Caller {
    /// The key's id, for the audit trail.
    pub fn key_id(&self) -> i64 {
        self.0.key_id
    }

    /// The key's role.
    pub fn role(&self) -> Role {
        self.0.role
    }

    /// 403 unless the key may change listings' facts.
    pub fn require_editor(&self) -> Result<(), ApiError> {
        match self.role() {
            role if role.may_edit_listings() => Ok(()),
            Role::Translator => {
                Err(ApiError::new(ErrorCode::Forbidden).with_detail(FORBIDDEN_TRANSLATOR))
            }
            _ => Err(ApiError::new(ErrorCode::Forbidden)),
        }
    }

    /// 403 unless the key may manage keys.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.role().may_manage_keys() {
            Ok(())
        } else {
            Err(ApiError::new(ErrorCode::Forbidden))
        }
    }
}

fn too_many(seconds: u64) -> ApiError {
    let mut error = ApiError::new(ErrorCode::TooManyRequests);
    error.args.push((
        "seconds",
        DetailArg::Number(i64::try_from(seconds).unwrap_or(i64::MAX)),
    ));
    error.retry_after = Some(u32::try_from(seconds).unwrap_or(u32::MAX));
    error
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
}

impl FromRequest for Caller {
    type Error = actix_web::Error;
    type Future = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await.map_err(Into::into) })
    }
}

/// Takes a token of the client IP's bucket: anonymous writes (reports)
/// share the per-IP limit of authenticated requests.
pub fn limit_ip(req: &HttpRequest) -> Result<(), ApiError> {
    let Some(editing) = req.app_data::<web::Data<EditingState>>() else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    editing.per_ip.check(&client_ip(req)).map_err(too_many)
}

/// The connection's peer, not X-Forwarded-For, which any client can set.
fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|addr| addr.ip().to_string())
        .unwrap_or_default()
}

async fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let (Some(editing), Some(state)) = (
        req.app_data::<web::Data<EditingState>>(),
        req.app_data::<web::Data<AppState>>(),
    ) else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    editing.per_ip.check(&client_ip(req)).map_err(too_many)?;
    let token = bearer(req).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    let principal = match editing.verified.get(&token) {
        Some(principal) => principal,
        None => {
            let candidate = token.clone();
            let principal = state
                .db
                .run(move |conn| keys::authenticate(conn, &candidate))
                .await?
                .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
            editing.verified.insert(token, principal);
            principal
        }
    };
    editing
        .per_key
        .check(&principal.key_id.to_string())
        .map_err(too_many)?;
    Ok(Caller(principal))
}
