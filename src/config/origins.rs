//! Lists of web origins in the configuration: who may call the non-public
//! API from a browser (CORS) and which sites may frame the widget (CSP
//! `frame-ancestors`). Both are parsed strictly at start-up, because a typo
//! here fails silently in browsers: a header the browser ignores, or a CSP
//! directive another directive's text leaked into.

use std::fmt;

/// Splits a list given as commas and/or whitespace.
fn items(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|item| !item.is_empty())
}

/// A host name or IP literal, optionally with `*.` in front when `wildcard`.
fn valid_host(host: &str, wildcard: bool) -> bool {
    let host = match host.strip_prefix("*.") {
        Some(rest) if wildcard => rest,
        _ => host,
    };
    if let Some(ipv6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !ipv6.is_empty() && ipv6.chars().all(|c| c.is_ascii_hexdigit() || c == ':');
    }
    !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// Splits `scheme://host[:port]` and checks each part; `wildcard` allows
/// `*.` before the host and `*` as the port (CSP source syntax).
fn valid_origin(raw: &str, wildcard: bool) -> Result<(), String> {
    let (scheme, rest) = raw
        .split_once("://")
        .ok_or_else(|| format!("`{raw}` is not an origin like https://www.example.org"))?;
    if scheme != "https" && scheme != "http" {
        return Err(format!("`{raw}`: only http and https origins are allowed"));
    }
    if rest.contains('/') || rest.contains('?') || rest.contains('#') {
        return Err(format!("`{raw}`: an origin has no path, query or fragment"));
    }
    let (host, port) = match rest.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => (host, Some(port)),
        _ => (rest, None),
    };
    let port_ok = port
        .is_none_or(|port| (wildcard && port == "*") || port.parse::<u16>().is_ok_and(|p| p > 0));
    if !port_ok || !valid_host(host, wildcard) {
        return Err(format!(
            "`{raw}` is not a valid origin (lowercase host, optional port)"
        ));
    }
    Ok(())
}

/// Origins allowed to make non-public (non-GET) cross-origin requests
/// (`CORS_ALLOWED_ORIGINS`). Public GETs answer every origin regardless.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins(Vec<String>);

impl AllowedOrigins {
    /// Reads `https://a.example, https://b.example:8443`; empty means none.
    /// `*` is refused: a write API open to every site is never intended.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut origins = Vec::new();
        for item in items(raw) {
            if item == "*" {
                return Err("`*` is not allowed: list the origins that may write".into());
            }
            valid_origin(item, false)?;
            origins.push(item.to_owned());
        }
        Ok(AllowedOrigins(origins))
    }

    /// True when `origin` (an `Origin` header's value) is listed.
    pub fn allows(&self, origin: &str) -> bool {
        self.0.iter().any(|allowed| allowed == origin)
    }
}

/// Sites allowed to show the widget in a frame (`EMBED_FRAME_ANCESTORS`),
/// as CSP `frame-ancestors` sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameAncestors(Vec<String>);

impl Default for FrameAncestors {
    /// Only the service's own pages: a city site must be listed explicitly.
    fn default() -> Self {
        FrameAncestors(vec!["'self'".into()])
    }
}

impl FrameAncestors {
    /// Reads CSP sources: `'self'`, `'none'` (alone), `*`, `https:`, or
    /// origins such as `https://www.seoul.go.kr` and `https://*.busan.go.kr`.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let mut sources = Vec::new();
        for item in items(raw) {
            match item {
                "'self'" | "*" | "https:" | "http:" => {}
                "'none'" => {}
                _ => valid_origin(item, true)?,
            }
            sources.push(item.to_owned());
        }
        if sources.is_empty() {
            return Err("list at least one source, or 'none' to forbid framing".into());
        }
        if sources.len() > 1 && sources.iter().any(|s| s == "'none'") {
            return Err("'none' cannot be combined with other sources".into());
        }
        Ok(FrameAncestors(sources))
    }
}

impl fmt::Display for FrameAncestors {
    /// The sources as they go into the CSP directive.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_origins_are_exact_origins() {
        let origins =
            AllowedOrigins::parse("https://admin.example.org, http://127.0.0.1:3000").unwrap();
        assert!(origins.allows("https://admin.example.org"));
        assert!(origins.allows("http://127.0.0.1:3000"));
        assert!(!origins.allows("https://evil.example.org"));
        assert_eq!(
            AllowedOrigins::parse("").unwrap(),
            AllowedOrigins::default()
        );
        for bad in [
            "*",
            "example.org",
            "https://example.org/",
            "ftp://example.org",
            "https://Example.org",
            "https://*.example.org",
            "https://example.org:0",
            "https://example.org;script-src",
        ] {
            assert!(AllowedOrigins::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn frame_ancestors_accept_csp_sources_and_refuse_injection() {
        let sources =
            FrameAncestors::parse("'self' https://www.seoul.go.kr,https://*.busan.go.kr").unwrap();
        assert_eq!(
            sources.to_string(),
            "'self' https://www.seoul.go.kr https://*.busan.go.kr"
        );
        assert_eq!(
            FrameAncestors::parse("'none'").unwrap().to_string(),
            "'none'"
        );
        assert_eq!(FrameAncestors::default().to_string(), "'self'");
        for bad in [
            "",
            "'none' 'self'",
            "'unsafe-inline'",
            "https://a.example; script-src *",
            "https://a.example/path",
            "javascript:alert(1)",
        ] {
            assert!(FrameAncestors::parse(bad).is_err(), "{bad}");
        }
    }
}
