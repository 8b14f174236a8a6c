//! What every HTTP answer has in common, whatever the route: the middleware
//! order ([`layers`]), security headers, ETags and conditional GET, the
//! cache policy, CORS, and the base of absolute URLs.

pub mod base_url;
pub mod caching;
pub mod cors;
pub mod etag;
pub mod layers;
pub mod security;

pub use base_url::base_url;
