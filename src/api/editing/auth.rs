//! `Authorization: Bearer <key>`: the [`Caller`] extractor verifies the key
//! (one indexed lookup and a digest comparison: cheap enough to do on every
//! request, so a revoked key stops working at once on every instance) and
//! applies the per-IP and per-key rate limits. The key itself is never
//! logged.

use std::future::{Ready, ready};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use super::EditingState;
use crate::api::error::{ApiError, DetailArg, ErrorCode};
use crate::api::state::AppState;
use crate::domain::Listing;
use crate::domain::editing::{Denied, Grant, Role};
use crate::domain::listing::SOURCE_LOCALE;
use crate::i18n::editing::{
    FORBIDDEN_LOCALE, FORBIDDEN_LOCALE_REMOVAL, FORBIDDEN_SOURCE_LOCALE, FORBIDDEN_TRANSLATOR,
};
use crate::keys::{self, Principal};

/// The verified key of a request.
#[derive(Debug, Clone)]
pub struct Caller(pub Principal);

impl Caller {
    /// The key's id, for the audit trail.
    pub fn key_id(&self) -> i64 {
        self.0.key_id
    }

    /// The key's role.
    pub fn role(&self) -> Role {
        self.0.grant.role
    }

    /// What the key may change.
    pub fn grant(&self) -> &Grant {
        &self.0.grant
    }

    /// 403 unless the key may turn `before` into `after` (a translator
    /// writes only the locales it was given, never the source text, and
    /// removes no locale).
    pub fn authorize(&self, before: &Listing, after: &Listing) -> Result<(), ApiError> {
        self.grant().authorize(before, after).map_err(|denied| {
            let forbidden = ApiError::new(ErrorCode::Forbidden);
            match denied {
                Denied::Role => forbidden.with_detail(FORBIDDEN_TRANSLATOR),
                Denied::SourceLocale => forbidden
                    .with_detail(FORBIDDEN_SOURCE_LOCALE)
                    .with_text("locale", SOURCE_LOCALE),
                Denied::Locale { locale, allowed } => forbidden
                    .with_detail(FORBIDDEN_LOCALE)
                    .with_text("locale", locale)
                    .with_text("allowed", allowed.join(", ")),
                Denied::LocaleRemoval { locale } => forbidden
                    .with_detail(FORBIDDEN_LOCALE_REMOVAL)
                    .with_text("locale", locale),
            }
        })
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

/// The key verified by [`crate::api::access::require_key`] before the
/// handler ran. A handler whose operation declares no key gets a 401
/// rather than verifying one itself, which would race its body extractor.
impl FromRequest for Caller {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.extensions()
                .get::<Caller>()
                .cloned()
                .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized).into()),
        )
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

/// Verifies the request's key, within the per-IP and per-key limits.
pub(crate) async fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let (Some(editing), Some(state)) = (
        req.app_data::<web::Data<EditingState>>(),
        req.app_data::<web::Data<AppState>>(),
    ) else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    editing.per_ip.check(&client_ip(req)).map_err(too_many)?;
    let token = bearer(req).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    let principal = keys::authenticate(&state.db, &token)
        .await?
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    editing
        .per_key
        .check(&principal.key_id.to_string())
        .map_err(too_many)?;
    Ok(Caller(principal))
}
