//! The middleware every request passes through, in the one order that
//! works. Each layer relies on the ones inside it:
//!
//! 1. `require_key` (innermost): keys and roles are checked before any
//!    handler or body extractor runs.
//! 2. `conditional_get`: ETags are computed on the identity body the
//!    handler made, and `If-None-Match` answered 304.
//! 3. `negotiate_locale`: errors raised inside (a 401 included) get their
//!    localized RFC 9457 body here, and no ETag.
//! 4. `data_freshness`: says how old the catalog is while the database is
//!    away.
//! 5. `cache_policy`: decided on the final status (304s and problems
//!    included), so an authenticated or failed answer is never cacheable.
//! 6. `security_headers`: fills in what a handler did not set.
//! 7. `Compress`, then `tag_content_coding` outside it: a coded body gets
//!    its own strong ETag, derived after the coding is known.
//! 8. `cors`: every answer carries it, 304s and preflights too.
//! 9. `observe` (outermost): request id, client address, span and metrics
//!    see everything the layers did.
//!
//! `tests/api/layers.rs` checks the effects of this order.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, Error};

use super::caching::{cache_policy, conditional_get, tag_content_coding};
use super::cors::cors;
use super::security::security_headers;
use crate::api::access::require_key;
use crate::api::locale::negotiate_locale;
use crate::api::observe::observe;
use crate::api::sync::data_freshness;

/// `app` wrapped in every layer, innermost first (see the module's list).
pub fn with_layers<T, B>(
    app: App<T>,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
>
where
    T: ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<B>,
            Error = Error,
            InitError = (),
        > + 'static,
    B: MessageBody + 'static,
{
    app.wrap(from_fn(require_key))
        .wrap(from_fn(conditional_get))
        .wrap(from_fn(negotiate_locale))
        .wrap(from_fn(data_freshness))
        .wrap(from_fn(cache_policy))
        .wrap(from_fn(security_headers))
        .wrap(Compress::default())
        .wrap(from_fn(tag_content_coding))
        .wrap(from_fn(cors))
        .wrap(from_fn(observe))
}
