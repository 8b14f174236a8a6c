//! Shapes of contact details. Deliberately permissive about what is
//! published (any country, hyphens or spaces) and strict about what cannot
//! be dialled or opened.

/// `+` country code, then digit groups joined by single hyphens or spaces:
/// 7 to 15 digits in all (E.164), e.g. `+82-2-2075-4112`.
pub(crate) fn is_phone(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix('+') else {
        return false;
    };
    let groups: Vec<&str> = rest.split(['-', ' ']).collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && !rest.starts_with('0')
        && (7..=15).contains(&digits)
}

/// `local@domain.tld` as RFC 5321 allows it unquoted: an ASCII dot-atom
/// before the `@`, an ASCII host name after it, at most 254 characters.
/// Quoted local parts, comments, Unicode look-alikes (`sеoul.go.kr` with a
/// Cyrillic `е`) and invisible characters are refused, so an address is
/// what it looks like; an internationalised domain is written in its
/// `xn--` form.
pub(crate) fn is_email(raw: &str) -> bool {
    let Some((local, domain)) = raw.split_once('@') else {
        return false;
    };
    const ATEXT: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    raw.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || ATEXT.contains(&b))
        })
        && is_host(domain)
        && domain.contains('.')
}

/// An `http` or `https` URL with a host name, without spaces.
pub(crate) fn is_web_url(raw: &str) -> bool {
    let Some(rest) = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => host,
        _ => authority,
    };
    raw.len() <= 2000
        && !raw.contains(|c: char| c.is_whitespace() || c.is_control())
        && is_host(host)
        && (host.contains('.') || host == "localhost")
}

/// An ASCII host name (letters, digits, hyphens): a Unicode name must be
/// given in its `xn--` form, so that look-alike letters cannot pose as
/// another site.
fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_phone_numbers_pass_and_undiallable_ones_do_not() {
        for good in [
            "+82-2-2075-4112",
            "+82-2-718-1170",
            "+44 28 9032 0202",
            "+8221234567",
        ] {
            assert!(is_phone(good), "{good}");
        }
        for bad in [
            "02-2075-4112",
            "+82--2-1234",
            "+82-2-",
            "+82-2-abcd-1234",
            "+1",
            "+0-123-4567",
            "",
        ] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn emails_and_urls_need_a_host() {
        assert!(is_email("apply@seoulgsc.com"));
        assert!(is_email("first.last+tag@xn--9n2bp8q.kr"));
        for bad in [
            "apply",
            "@x.com",
            "a@b",
            "a b@x.com",
            "a@-x.com",
            "\"a@b\"@x.com",
            "a..b@x.com",
            ".a@x.com",
            "a(comment)@x.com",
            "a@s\u{435}oul.go.kr",
            "a\u{202e}moc@x.com",
            "a@x.com\u{200b}",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for good in [
            "http://seoulgsc.com",
            "https://global.seoul.go.kr/en/x?y=1",
            "http://localhost:8080/",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "seoulgsc.com",
            "ftp://x.com",
            "http://",
            "http://exa mple.com",
            "javascript:alert(1)",
            "https://s\u{435}oul.go.kr/",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }
}
