//! Who the service believes about the network: which peers are proxies
//! whose forwarded headers count (`TRUSTED_PROXIES`), which of those
//! headers they write, and the public address absolute URLs are built on
//! (`PUBLIC_BASE_URL`). Parsed strictly at start-up: a typo here would
//! silently trust everyone or no one.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;

/// Networks whose connections are proxies (`TRUSTED_PROXIES`): only from
/// them is the client address read from forwarded headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Reads CIDRs or single addresses, separated by commas or spaces:
    /// `10.0.0.0/8, 127.0.0.1, ::1`. Empty means none.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for item in raw
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|item| !item.is_empty())
        {
            let network = match item.parse::<IpNet>() {
                Ok(network) => network,
                Err(_) => item.parse::<IpAddr>().map(IpNet::from).map_err(|_| {
                    format!("`{item}` is not an address or CIDR like 10.0.0.0/8 or ::1/128")
                })?,
            };
            // 10.1.2.3/8 is almost certainly a typo for 10.0.0.0/8 or
            // 10.1.2.3/32: refuse rather than guess which was meant.
            if network.trunc() != network {
                return Err(format!(
                    "`{item}` has host bits set; write {} or the single address",
                    network.trunc()
                ));
            }
            networks.push(network);
        }
        Ok(TrustedProxies(networks))
    }

    /// True when `address` is one of the proxies.
    pub fn contains(&self, address: &IpAddr) -> bool {
        let address = canonical(*address);
        self.0.iter().any(|network| network.contains(&address))
    }

    /// True when no proxy is trusted (the default).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// `::ffff:10.0.0.1` is 10.0.0.1: a dual-stack listener reports IPv4 peers
/// in that form, and they must match IPv4 networks (and limits) the same.
pub fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// Which header trusted proxies write the client chain into
/// (`TRUSTED_PROXY_HEADER`). Only one counts: if both were read, a client
/// could put a fake address in the one the proxy passes through untouched.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For: client, proxy1` (nginx, HAProxy, most balancers).
    #[default]
    #[value(name = "x-forwarded-for")]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client;proto=https, for=proxy1`.
    #[value(name = "forwarded")]
    Forwarded,
}

/// The scheme, host and optional port (and path prefix) under which
/// clients reach the service (`PUBLIC_BASE_URL`), e.g.
/// `https://directory.seoul.go.kr`: the only source of the host in
/// absolute URLs of responses, so that no client-supplied `Host` or
/// `X-Forwarded-Host` reaches a (cacheable) body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicBaseUrl(String);

impl PublicBaseUrl {
    /// Reads `https://host[:port][/prefix]`; a trailing `/` is dropped.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim().trim_end_matches('/');
        let (scheme, rest) = raw
            .split_once("://")
            .ok_or_else(|| format!("`{raw}` is not a URL like https://directory.example.org"))?;
        if scheme != "https" && scheme != "http" {
            return Err(format!("`{raw}`: only http and https are allowed"));
        }
        let authority = rest.split('/').next().unwrap_or_default();
        let path = &rest[authority.len()..];
        if rest.contains(['?', '#', '@', '\\']) || path.contains("//") || path.contains("/..") {
            return Err(format!(
                "`{raw}`: give scheme, host, port and path prefix only (no query, fragment or user)"
            ));
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !port.contains(']') => (host, Some(port)),
            _ => (authority, None),
        };
        let host_ok = !host.is_empty()
            && host.chars().all(|c| {
                c.is_ascii_lowercase()
                    || c.is_ascii_digit()
                    || matches!(c, '.' | '-' | '[' | ']' | ':')
            });
        let port_ok = port.is_none_or(|port| port.parse::<u16>().is_ok_and(|p| p > 0));
        let path_ok = path
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.' | '~'));
        if !host_ok || !port_ok || !path_ok {
            return Err(format!(
                "`{raw}` is not a valid base URL (lowercase host, optional port, plain path)"
            ));
        }
        Ok(PublicBaseUrl(raw.to_owned()))
    }

    /// The base when `PUBLIC_BASE_URL` is unset: the address the service
    /// listens on, so that development works and nothing a client sends
    /// decides the host. An unspecified address (0.0.0.0) says nothing to
    /// a client, so it becomes `localhost`.
    pub fn from_listener(address: std::net::SocketAddr) -> Self {
        let host = match address.ip() {
            ip if ip.is_unspecified() => "localhost".to_owned(),
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => format!("[{v6}]"),
        };
        PublicBaseUrl(format!("http://{host}:{}", address.port()))
    }

    /// The URL without a trailing slash, ready for `format!("{base}/path")`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PublicBaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxies_are_networks_or_single_addresses() {
        let proxies = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1 ::1").unwrap();
        assert!(proxies.contains(&"10.20.30.40".parse().unwrap()));
        assert!(proxies.contains(&"127.0.0.1".parse().unwrap()));
        assert!(proxies.contains(&"::ffff:127.0.0.1".parse().unwrap()));
        assert!(proxies.contains(&"::1".parse().unwrap()));
        assert!(!proxies.contains(&"127.0.0.2".parse().unwrap()));
        assert!(!proxies.contains(&"192.168.1.1".parse().unwrap()));
        assert!(TrustedProxies::parse("").unwrap().is_empty());
        for bad in ["10.1.2.3/8", "localhost", "10.0.0.0/33", "*"] {
            assert!(TrustedProxies::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base_urls_are_plain_and_lose_their_trailing_slash() {
        assert_eq!(
            PublicBaseUrl::parse("https://directory.seoul.go.kr/")
                .unwrap()
                .as_str(),
            "https://directory.seoul.go.kr"
        );
        assert_eq!(
            PublicBaseUrl::parse("http://127.0.0.1:8080/api")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:8080/api"
        );
        for bad in [
            "directory.example.org",
            "ftp://x.example",
            "https://Evil.example",
            "https://a.example?x=1",
            "https://user@a.example",
            "https://a.example:0",
            "https://a.example/<script>",
        ] {
            assert!(PublicBaseUrl::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            PublicBaseUrl::from_listener("0.0.0.0:8080".parse().unwrap()).as_str(),
            "http://localhost:8080"
        );
        assert_eq!(
            PublicBaseUrl::from_listener("127.0.0.1:18401".parse().unwrap()).as_str(),
            "http://127.0.0.1:18401"
        );
    }
}
