//! `Authorization: Bearer <key>`: the [`Caller`] extractor verifies the key
//! (one indexed lookup and a digest comparison: cheap enough to do on every
//! request, so a revoked key stops working at once on every instance) and
//! applies the per-IP and per-key rate limits. The key itself is never
//! logged.

use std::future::{Ready, ready};
use std::net::{IpAddr, Ipv6Addr};

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};

use super::EditingState;
use crate::api::client::ClientAddr;
use crate::api::error::{ApiError, ErrorCode};
use crate::api::rate_limit::Limit;
use crate::app::state::AppState;
use crate::domain::Listing;
use crate::domain::editing::{Denied, Grant, Role};
use crate::domain::listing::SOURCE_LOCALE;
use crate::i18n::write_messages::{
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
        self.grant().authorize(before, after).map_err(forbidden)
    }
}

/// The 403 of a change the key's grant does not allow.
pub(super) fn forbidden(denied: Denied) -> ApiError {
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

/// Takes one request of the client address's allowance under `limit`,
/// for requests limited without a key (anonymous reports).
pub async fn limit_client(req: &HttpRequest, limit: Limit, subject: &str) -> Result<(), ApiError> {
    let Some(editing) = req.app_data::<web::Data<EditingState>>() else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    editing.limits.check(limit, subject).await
}

/// Who the per-address limits count: the client's address (the peer, or
/// behind `TRUSTED_PROXIES` the client they forwarded for, never a header
/// an untrusted peer wrote), with an IPv6 address counted by its /64. One
/// subscriber's network gets 2^64 IPv6 addresses: counted one by one, a
/// client would reset its limits by moving to the next address.
pub fn client_ip(req: &HttpRequest) -> String {
    ClientAddr::of(req).map(limit_subject).unwrap_or_default()
}

fn limit_subject(address: IpAddr) -> String {
    match address {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let network = u128::from(v6) & !u128::from(u64::MAX);
                format!("{}/64", Ipv6Addr::from(network))
            }
        },
    }
}

/// Verifies the request's key, within the per-IP and per-key limits.
pub(crate) async fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let (Some(editing), Some(state)) = (
        req.app_data::<web::Data<EditingState>>(),
        req.app_data::<web::Data<AppState>>(),
    ) else {
        return Err(ApiError::internal(&"editing state missing"));
    };
    let client = client_ip(req);
    editing.limits.check(Limit::Address, &client).await?;
    let token = bearer(req).ok_or_else(|| ApiError::new(ErrorCode::Unauthorized))?;
    let Some(principal) = keys::authenticate(&state.db, &token).await? else {
        // Past its small budget of failures an address is told to wait
        // rather than to try another key.
        editing.limits.check(Limit::FailedKey, &client).await?;
        return Err(ApiError::new(ErrorCode::Unauthorized));
    };
    editing
        .limits
        .check(Limit::Key, &principal.key_id.to_string())
        .await?;
    Ok(Caller(principal))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ipv6_network_is_one_client_for_the_limits() {
        let subject = |raw: &str| limit_subject(raw.parse().unwrap());
        assert_eq!(subject("203.0.113.7"), "203.0.113.7");
        assert_eq!(subject("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(subject("2001:db8:1:2:ffff::9"), "2001:db8:1:2::/64");
        assert_ne!(subject("2001:db8:1:3::1"), subject("2001:db8:1:2::1"));
        assert_eq!(subject("::ffff:203.0.113.7"), "203.0.113.7");
    }
}
