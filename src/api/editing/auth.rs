//! `Authorization: Bearer <key>`: the [`Caller`] extractor verifies the key
//! (cached briefly, since argon2 is slow on purpose) and applies the per-IP
//! and per-key rate limits. The key itself is never logged.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};

use super::EditingState;
use crate::api::client::ClientAddr;
use crate::api::error::{ApiError, ErrorCode};
use crate::api::rate_limit::Limit;
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

/// Takes one request of the client address's allowance under `limit`,
/// for requests limited without a key (anonymous reports).
pub async fn limit_client(req: &HttpRequest, limit: Limit, subject: &str) -> Result<(), ApiError> {
    let Some(editing) = req.app_data::<web::Data<EditingState>>() else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    editing.limits.check(limit, subject).await
}

/// The client's address: the peer, or behind `TRUSTED_PROXIES` the client
/// they forwarded for (never a header an untrusted peer wrote).
pub fn client_ip(req: &HttpRequest) -> String {
    ClientAddr::of(req)
        .map(|address| address.to_string())
        .unwrap_or_default()
}

async fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let (Some(editing), Some(state)) = (
        req.app_data::<web::Data<EditingState>>(),
        req.app_data::<web::Data<AppState>>(),
    ) else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    let client = client_ip(req);
    editing.limits.check(Limit::Address, &client).await?;
    let token = bearer(req).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    let principal = match editing.verified.get(&token) {
        Some(principal) => principal,
        None => {
            let candidate = token.clone();
            let Some(principal) = state
                .db
                .run(move |conn| keys::authenticate(conn, &candidate))
                .await?
            else {
                // Past its small budget of failures an address is told to
                // wait rather than to try another key.
                editing.limits.check(Limit::FailedKey, &client).await?;
                return Err(ApiError::new(ErrorCode::Unauthorized));
            };
            editing.verified.insert(token, principal);
            principal
        }
    };
    editing
        .limits
        .check(Limit::Key, &principal.key_id.to_string())
        .await?;
    Ok(Caller(principal))
}
