//! `GET /embed/listings`: the directory as a self-contained HTML page for
//! city web sites to show in an `<iframe>`.
//!
//! It takes the filters of `GET /v1/listings` (same parsing, same query,
//! same views) plus `lang`, `theme` and `accent`. Nothing is loaded from
//! elsewhere: style and script are inline and allowed by their SHA-256
//! hashes in the Content-Security-Policy, whose `frame-ancestors` lists the
//! sites allowed to frame the page (`EMBED_FRAME_ANCESTORS`).
//!
//! Errors are HTML too, in the widget's look, with the status and the
//! localized title and detail of the API's problem for the same mistake:
//! an iframe cannot show a JSON problem usefully.

mod links;
pub mod messages;
mod page;
pub mod theme;

use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use utoipa::IntoParams;

use super::error::{ApiError, DetailArg, ErrorCode};
use super::http::base_url;
use super::labels::Labels;
use super::listings::{ListingQuery, listing_page};
use super::locale::{AlreadyLocalized, RequestLocale};
use super::params;
use super::respond::{CacheKey, Rendered, cached_body};
use crate::app::state::AppState;
use crate::config::FrameAncestors;
use crate::domain::ListingFilter;
use crate::i18n::{FluentArgs, FluentValue, Locales};
use links::Links;
use theme::{Palette, Rgb, Theme};

/// The widget's own query parameters (beside the listing filters).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmbedQuery {
    /// `light` (default) or `dark`.
    #[param(value_type = Option<params::ThemeName>, inline, example = "dark")]
    theme: Option<String>,
    /// Accent colour for links, the header rule and the focus ring, as hex
    /// (`1a73e8`, or `%231a73e8`). Adjusted darker (light theme) or lighter
    /// (dark theme) when it would not reach a 4.5:1 contrast.
    #[param(value_type = Option<params::HexColour>, inline, example = "1a73e8")]
    accent: Option<String>,
}

/// A validated theme and accent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Appearance {
    theme: Theme,
    accent: Option<Rgb>,
}

impl Appearance {
    fn parse(query: &EmbedQuery) -> Result<Self, ApiError> {
        let given = |value: &Option<String>| value.clone().filter(|v| !v.trim().is_empty());
        let theme = given(&query.theme)
            .map(|raw| Theme::parse(&raw))
            .transpose()?
            .unwrap_or_default();
        let accent = given(&query.accent)
            .map(|raw| Rgb::parse(&raw))
            .transpose()?;
        Ok(Appearance { theme, accent })
    }

    /// The parameters that reproduce this appearance in a link.
    fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if self.theme != Theme::default() {
            params.push(("theme", self.theme.code().to_owned()));
        }
        if let Some(accent) = self.accent {
            params.push((
                "accent",
                accent.to_string().trim_start_matches('#').to_owned(),
            ));
        }
        params
    }

    fn stylesheet(&self) -> String {
        page::stylesheet(&Palette::new(self.theme, self.accent).css_variables(self.theme))
    }
}

/// The listings as an embeddable, self-contained HTML page.
#[utoipa::path(
    tag = "embed",
    params(
        ListingQuery,
        EmbedQuery,
        ("lang" = Option<String>, Query, description = "Page locale (overrides `Accept-Language`), e.g. `ja`"),
    ),
    responses(
        (status = 200, description = "The widget: HTML with inline style and script only", body = String, content_type = "text/html"),
        (status = 400, description = "A parameter is invalid: the localized error as an HTML page", body = String, content_type = "text/html"),
    )
)]
#[get("/embed/listings")]
#[tracing::instrument(skip(state, req, locale, frame_ancestors))]
pub(crate) async fn get_listing_widget(
    state: web::Data<AppState>,
    req: HttpRequest,
    locale: RequestLocale,
    frame_ancestors: web::Data<FrameAncestors>,
) -> HttpResponse {
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let parsed = serde_urlencoded::from_str::<EmbedQuery>(req.query_string())
        .map_err(|_| ApiError::new(ErrorCode::InvalidParameter))
        .and_then(|query| Appearance::parse(&query));
    // A bad theme still gets an error page, in the default look.
    let appearance = parsed.as_ref().copied().unwrap_or_default();
    let style = appearance.stylesheet();
    let rendered = match parsed {
        Ok(appearance) => render(&state, &req, &labels, &style, appearance).await,
        Err(error) => Err(error),
    };
    let (status, body) = match rendered {
        Ok(body) => (StatusCode::OK, body),
        Err(error) => {
            let reset = Links::new(None, locale.0.tag(), &appearance).page(None);
            let body = error_body(&error, &locales, &labels, &reset, &style);
            (error.code.status(), body)
        }
    };
    let mut response = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .body(body);
    if let Ok(csp) = HeaderValue::from_str(&content_security_policy(&style, &frame_ancestors)) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if !status.is_success() {
        response.extensions_mut().insert(AlreadyLocalized);
    }
    response
}

/// The page of listings, through the response cache.
async fn render(
    state: &AppState,
    req: &HttpRequest,
    labels: &Labels<'_>,
    style: &str,
    appearance: Appearance,
) -> Result<Bytes, ApiError> {
    let query = serde_urlencoded::from_str::<ListingQuery>(req.query_string())
        .map_err(|_| ApiError::new(ErrorCode::InvalidParameter))?;
    let filter = ListingFilter::parse(query.params(), state.reference())?;
    let tag = labels.locale().tag();
    // Alternates are absolute (search engines ask for that), so the host is
    // part of the rendering.
    let here = format!("{}{}", base_url(req), req.path());
    let key = CacheKey::for_filter("embed", &filter, &(&appearance, &here), tag);
    let rendered = cached_body(state, key, || {
        // Locales fetched here, not the caller's: they must be at least as
        // new as the cache key's generation (see `cached_body`).
        let locales = state.locales();
        let labels = &Labels::new(&locales, labels.locale());
        let page = listing_page(state, &filter, labels.locale());
        let links = Links::new(Some(&filter), tag, &appearance);
        let mut alternates: Vec<(String, String)> = state
            .locales()
            .all()
            .iter()
            .filter(|other| other.tag() != tag)
            .map(|other| {
                let href = format!("{here}{}", links.alternate(Some(other.tag())));
                (other.tag().to_owned(), href)
            })
            .collect();
        alternates.push((
            "x-default".into(),
            format!("{here}{}", links.alternate(None)),
        ));
        let html =
            page::listing_page(labels, &links, &alternates, style, &filter, &page).into_string();
        Ok::<_, ApiError>(Rendered {
            body: Bytes::from(html),
            next_cursor: None,
            etag: None,
        })
    })?;
    Ok(rendered.body)
}

/// The error page, with the same localized title and detail as the
/// problem+json the API answers for the same mistake.
fn error_body(
    error: &ApiError,
    locales: &Locales,
    labels: &Labels<'_>,
    reset: &str,
    style: &str,
) -> Bytes {
    let mut args = FluentArgs::new();
    for (name, value) in &error.args {
        match value {
            DetailArg::Text(text) => args.set(*name, FluentValue::from(text.as_str())),
            DetailArg::Number(number) => args.set(*name, FluentValue::from(*number)),
        }
    }
    let title = locales.format(labels.locale(), &error.code.title_id(), None);
    let detail = locales.format(labels.locale(), &error.detail_id, Some(&args));
    Bytes::from(page::error_page(labels, reset, style, &title, &detail).into_string())
}

/// `'sha256-…'` of an inline block, as CSP expects it.
fn hash_source(content: &str) -> String {
    format!(
        "'sha256-{}'",
        STANDARD.encode(Sha256::digest(content.as_bytes()))
    )
}

/// Nothing may load but the page itself; only our own style and script
/// run; only the configured sites may frame it.
fn content_security_policy(style: &str, frame_ancestors: &FrameAncestors) -> String {
    format!(
        "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'; \
         frame-ancestors {frame_ancestors}",
        hash_source(style),
        hash_source(page::SCRIPT),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_the_hashed_inline_blocks() {
        let policy = content_security_policy("a{}", &FrameAncestors::default());
        assert!(
            policy.starts_with("default-src 'none'; style-src 'sha256-"),
            "{policy}"
        );
        assert!(policy.ends_with("frame-ancestors 'self'"), "{policy}");
        assert!(!policy.contains("unsafe"), "{policy}");
        // echo -n 'a{}' | openssl dgst -sha256 -binary | base64
        assert!(
            policy.contains("style-src 'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='"),
            "{policy}"
        );
    }

    #[test]
    fn appearance_round_trips_through_links() {
        let query = EmbedQuery {
            theme: Some("dark".into()),
            accent: Some("#1A73E8".into()),
        };
        let appearance = Appearance::parse(&query).unwrap();
        assert_eq!(
            appearance.params(),
            vec![
                ("theme", "dark".to_owned()),
                ("accent", "1a73e8".to_owned())
            ]
        );
        let blank = EmbedQuery {
            theme: Some(" ".into()),
            accent: None,
        };
        assert_eq!(Appearance::parse(&blank).unwrap(), Appearance::default());
    }
}
