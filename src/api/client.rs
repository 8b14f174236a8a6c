//! Who is asking: the client's address and the request's id, decided once
//! per request by [`super::observe`] and read by rate limits and logs.
//!
//! Forwarded headers are believed only from `TRUSTED_PROXIES`: a client
//! talking to the service directly can write anything in them. Behind
//! trusted proxies the client is the right-most hop that is not itself a
//! trusted proxy, since each proxy appends the address it saw and only
//! what the nearest untrusted hop claims about itself is a lie we cannot
//! catch (everything left of it is that hop's own say-so).

use std::net::IpAddr;

use actix_web::http::header::{HeaderMap, HeaderName};
use actix_web::{HttpMessage, HttpRequest};

use crate::config::{ForwardedHeader, TrustedProxies, canonical};

/// The client's address, as far as the service can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The address [`super::observe`] stored for `req`, or the peer's when
    /// the middleware is not installed (unit tests of single handlers).
    pub fn of(req: &HttpRequest) -> Option<IpAddr> {
        req.extensions()
            .get::<ClientAddr>()
            .map(|client| client.0)
            .or_else(|| req.peer_addr().map(|peer| canonical(peer.ip())))
    }
}

/// The request's id (`X-Request-Id`), in every log line of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(pub String);

/// `X-Request-Id`.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The client of a request that arrived from `peer`.
pub fn client_address(
    peer: IpAddr,
    headers: &HeaderMap,
    proxies: &TrustedProxies,
    header: ForwardedHeader,
) -> IpAddr {
    let peer = canonical(peer);
    if !proxies.contains(&peer) {
        return peer;
    }
    let chain = match header {
        ForwardedHeader::XForwardedFor => x_forwarded_for(headers),
        ForwardedHeader::Forwarded => forwarded(headers),
    };
    // The nearest trusted hop so far: the answer when every hop is a
    // trusted proxy, or when a proxy wrote something that is no address
    // (`unknown`, an obfuscated name) for the hop before it.
    let mut nearest = peer;
    for hop in chain.into_iter().rev() {
        match hop {
            Some(address) if proxies.contains(&address) => nearest = address,
            Some(address) => return address,
            None => return nearest,
        }
    }
    nearest
}

/// The request id a trusted proxy sent, if it is a sane token; a client
/// that is not a proxy cannot choose the id its requests are logged by.
pub fn forwarded_request_id(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(&REQUEST_ID)?.to_str().ok()?.trim();
    let sane = (1..=128).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    sane.then(|| value.to_owned())
}

/// A fresh request id (32 hex digits, like nginx's `$request_id`).
pub fn new_request_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// Every hop of all `X-Forwarded-For` headers, left to right.
fn x_forwarded_for(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("x-forwarded-for")
        .flat_map(|value| value.to_str().unwrap_or("?").split(','))
        .map(|hop| parse_node(hop.trim()))
        .collect()
}

/// The `for=` of every element of all `Forwarded` headers, left to right.
fn forwarded(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    headers
        .get_all("forwarded")
        .flat_map(|value| value.to_str().unwrap_or("for=?").split(','))
        .map(|element| {
            let node = element.split(';').find_map(|pair| {
                let (name, value) = pair.trim().split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| value.trim().trim_matches('"'))
            });
            // An element without `for=` says nothing about the client:
            // treat it as an unusable hop, never skip it.
            node.and_then(parse_node)
        })
        .collect()
}

/// `203.0.113.7`, `203.0.113.7:4711`, `[2001:db8::1]:4711` or
/// `2001:db8::1`; anything else (`unknown`, `_hidden`) is no address.
fn parse_node(node: &str) -> Option<IpAddr> {
    if let Ok(address) = node.parse::<IpAddr>() {
        return Some(canonical(address));
    }
    if let Some(rest) = node.strip_prefix('[') {
        let (address, _) = rest.split_once(']')?;
        return address.parse::<IpAddr>().ok().map(canonical);
    }
    let (address, port) = node.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    address.parse::<IpAddr>().ok().map(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn ip(raw: &str) -> IpAddr {
        raw.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let spoofed = headers(&[
            ("x-forwarded-for", "198.51.100.1"),
            ("forwarded", "for=198.51.100.2"),
        ]);
        for header in [ForwardedHeader::XForwardedFor, ForwardedHeader::Forwarded] {
            let none = TrustedProxies::default();
            assert_eq!(
                client_address(ip("203.0.113.9"), &spoofed, &none, header),
                ip("203.0.113.9")
            );
            let other = TrustedProxies::parse("10.0.0.0/8").unwrap();
            assert_eq!(
                client_address(ip("203.0.113.9"), &spoofed, &other, header),
                ip("203.0.113.9")
            );
        }
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client put a fake first hop; nginx appended the real one.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.7, 10.0.0.2")]);
        let found = client_address(
            ip("10.0.0.1"),
            &chain,
            &proxies,
            ForwardedHeader::XForwardedFor,
        );
        assert_eq!(found, ip("203.0.113.7"));
        // Several headers are one list, in order.
        let split = headers(&[
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.8"),
        ]);
        assert_eq!(
            client_address(
                ip("10.0.0.1"),
                &split,
                &proxies,
                ForwardedHeader::XForwardedFor
            ),
            ip("203.0.113.8")
        );
        // Only the configured header counts.
        let other = headers(&[("forwarded", "for=203.0.113.7")]);
        assert_eq!(
            client_address(
                ip("10.0.0.1"),
                &other,
                &proxies,
                ForwardedHeader::XForwardedFor
            ),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn forwarded_elements_are_read_with_quotes_ports_and_ipv6() {
        let proxies = TrustedProxies::parse("10.0.0.0/8").unwrap();
        let chain = headers(&[(
            "forwarded",
            r#"for=1.1.1.1;proto=https, For="[2001:db8::7]:4711";by=10.0.0.2, for=10.0.0.3"#,
        )]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &chain, &proxies, ForwardedHeader::Forwarded),
            ip("2001:db8::7")
        );
        let hidden = headers(&[("forwarded", "for=_hidden, for=10.0.0.3")]);
        assert_eq!(
            client_address(
                ip("10.0.0.1"),
                &hidden,
                &proxies,
                ForwardedHeader::Forwarded
            ),
            ip("10.0.0.3")
        );
        let mapped = headers(&[("x-forwarded-for", "::ffff:203.0.113.7, 203.0.113.5:80")]);
        assert_eq!(
            client_address(
                ip("::ffff:10.0.0.1"),
                &mapped,
                &proxies,
                ForwardedHeader::XForwardedFor
            ),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn request_ids_must_be_short_plain_tokens() {
        assert_eq!(
            forwarded_request_id(&headers(&[("x-request-id", "7f3a-01.b:c_d")])),
            Some("7f3a-01.b:c_d".into())
        );
        for bad in ["", "a b", "<script>", "é"] {
            let mut map = HeaderMap::new();
            if let Ok(value) = HeaderValue::from_str(bad) {
                map.insert(REQUEST_ID.clone(), value);
            }
            assert_eq!(forwarded_request_id(&map), None, "{bad}");
        }
        assert_eq!(new_request_id().len(), 32);
    }
}
