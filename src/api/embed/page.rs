//! The widget's HTML, written with maud, which escapes every value it
//! interpolates: text from the data (names, addresses, even a name like
//! `<script>`) can only ever become text. Only the two constants below and
//! the palette's hex colours are inserted unescaped.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::links::Links;
use super::messages as m;
use crate::api::labels::Labels;
use crate::api::listings::views::{ListingPageView, ListingView};
use crate::domain::{Category, ListingFilter};
use crate::i18n::messages::LISTING_COUNT;

/// The one inline script: reports the document's height to the framing
/// page whenever it changes, so the host can size the iframe. The height
/// is not secret, hence the `*` target origin; the host checks the source.
pub(super) const SCRIPT: &str = "(function(){if(window.parent===window||!window.ResizeObserver)return;\
var last=0;new ResizeObserver(function(){var h=Math.ceil(document.documentElement.getBoundingClientRect().height);\
if(h!==last){last=h;window.parent.postMessage({type:\"directory-embed:height\",height:h},\"*\");}})\
.observe(document.documentElement);})();";

/// Layout and typography; the colours come from the palette's variables.
const BASE_CSS: &str = "*{box-sizing:border-box}\
html{background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,sans-serif}\
body{margin:0;padding:1rem}\
a{color:var(--accent);text-underline-offset:.15em}\
a:focus-visible{outline:3px solid var(--accent);outline-offset:2px;border-radius:2px}\
.skip{position:absolute;left:-9999px;top:0}\
.skip:focus{left:1rem;top:.5rem;background:var(--bg);padding:.25rem .5rem}\
header{border-bottom:4px solid var(--accent);margin-bottom:1rem}\
h1{font-size:1.35rem;margin:0}\
.count,.meta,.note{color:var(--muted)}\
.count{margin:.25rem 0 .5rem}\
nav ul,.listings,.langs{list-style:none;padding:0;margin:0}\
nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1.25rem;padding:.25rem 0 .75rem}\
nav a[aria-current]{font-weight:700;text-decoration:none}\
.listing{border:1px solid var(--border);border-radius:8px;padding:.75rem 1rem;margin:0 0 .75rem}\
.listing h2{font-size:1.1rem;margin:0}\
.meta{margin:0 0 .5rem}\
.note{font-size:.9rem;margin:.25rem 0}\
.summary{margin:.25rem 0 .5rem}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0}\
dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}\
.langs li{display:inline}.langs li+li::before{content:\" · \"}\
.pages ul{padding-top:.5rem}\
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}";

/// The stylesheet of one rendering: palette variables, then the layout.
pub(super) fn stylesheet(variables: &str) -> String {
    format!("{variables}{BASE_CSS}")
}

/// Writing direction of a locale: right-to-left for the scripts that need
/// it, so a future Arabic or Hebrew locale lays out correctly.
pub(super) fn direction(tag: &str) -> &'static str {
    let language = tag.split('-').next().unwrap_or_default();
    match language {
        "ar" | "he" | "fa" | "ur" | "ps" | "dv" | "yi" | "ckb" | "sd" | "ug" => "rtl",
        _ => "ltr",
    }
}

/// A link that leaves the widget: opens a new tab and says so.
fn outbound(href: &str, text: &str, labels: &Labels<'_>) -> Markup {
    html! {
        a href=(href) target="_blank" rel="noopener noreferrer" {
            (text) span.visually-hidden { " (" (labels.text(m::NEW_TAB)) ")" }
        }
    }
}

/// The whole document around `content`; `alternates` are `(hreflang,
/// absolute URL)` pairs of the same page in the other locales.
fn document(
    labels: &Labels<'_>,
    style: &str,
    heading: &str,
    alternates: &[(String, String)],
    content: Markup,
) -> Markup {
    let tag = labels.locale().tag();
    html! {
        (DOCTYPE)
        html lang=(tag) dir=(direction(tag)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (heading) }
                @for (hreflang, href) in alternates {
                    link rel="alternate" hreflang=(hreflang) href=(href);
                }
                style { (PreEscaped(style)) }
            }
            body {
                a.skip href="#results" { (labels.text(m::SKIP_TO_RESULTS)) }
                (content)
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
}

/// A page of listings.
pub(super) fn listing_page(
    labels: &Labels<'_>,
    links: &Links,
    alternates: &[(String, String)],
    style: &str,
    filter: &ListingFilter,
    page: &ListingPageView,
) -> Markup {
    let title = labels.text(m::TITLE);
    let content = html! {
        header {
            h1 { (title) }
            p.count { (labels.counted(LISTING_COUNT, &[("count", page.total)])) }
            nav aria-label=(labels.text(m::CATEGORIES)) {
                ul {
                    li { a href=(links.category(None)) aria-current=[filter.category.is_none().then_some("page")] { (labels.text(m::ALL_CATEGORIES)) } }
                    @for category in Category::ALL {
                        li {
                            a href=(links.category(Some(category)))
                                aria-current=[(filter.category == Some(category)).then_some("page")] {
                                (labels.category(category).name)
                            }
                        }
                    }
                }
            }
        }
        main #results tabindex="-1" {
            @if page.items.is_empty() {
                p { (labels.text(m::NO_RESULTS)) }
            } @else {
                ul.listings {
                    @for item in &page.items { li.listing { (listing(item, labels)) } }
                }
            }
            @if page.next_cursor.is_some() || filter.cursor.is_some() {
                nav.pages aria-label=(labels.text(m::PAGES)) {
                    ul {
                        @if filter.cursor.is_some() {
                            li { a href=(links.page(None)) { (labels.text(m::FIRST_PAGE)) } }
                        }
                        @if let Some(cursor) = &page.next_cursor {
                            li { a href=(links.page(Some(cursor))) rel="next" { (labels.text(m::NEXT_PAGE)) } }
                        }
                    }
                }
            }
        }
    };
    document(labels, style, &title, alternates, content)
}

/// An error, in the widget's own look: a host page shows this in its
/// iframe, where a JSON problem would be unreadable.
pub(super) fn error_page(
    labels: &Labels<'_>,
    reset: &str,
    style: &str,
    title: &str,
    detail: &str,
) -> Markup {
    let content = html! {
        header { h1 { (labels.text(m::TITLE)) } }
        main #results tabindex="-1" {
            h2 { (title) }
            p { (detail) }
            p { a href=(reset) { (labels.text(m::SHOW_ALL)) } }
        }
    };
    document(labels, style, title, &[], content)
}

/// A `tel:` URI of a published number: digits, `+` and visual separators.
fn tel_uri(phone: &str) -> String {
    let number: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-')
        .collect();
    format!("tel:{number}")
}

/// An OpenStreetMap link: the point when known, else a search for the
/// address; none when neither is published (nothing is guessed).
fn map_link(item: &ListingView) -> Option<String> {
    if let Some(location) = &item.location {
        let (lat, lon) = (location.latitude, location.longitude);
        return Some(format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=17/{lat:.5}/{lon:.5}"
        ));
    }
    let query = serde_urlencoded::to_string([("query", item.address.as_deref()?)]).ok()?;
    Some(format!("https://www.openstreetmap.org/search?{query}"))
}

/// A web address safe to link: only http(s), so that data can never
/// smuggle in a `javascript:` URL.
fn web_link(website: &str) -> Option<&str> {
    let lower = website.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(website)
}

/// True when the listing has a fact for the description list (an empty
/// `<dl>` is announced by screen readers as an empty list).
fn has_details(item: &ListingView) -> bool {
    item.phone.is_some()
        || item.email.is_some()
        || item.website.as_deref().and_then(web_link).is_some()
        || item.address.is_some()
        || item.opening_hours.is_some()
        || !item.languages.is_empty()
        || item.application_window.is_some()
        || map_link(item).is_some()
}

fn listing(item: &ListingView, labels: &Labels<'_>) -> Markup {
    let heading_id = format!("listing-{}", item.id);
    let name_lang = (item.content_locale != labels.locale().tag()).then_some(&item.content_locale);
    html! {
        article aria-labelledby=(heading_id) {
            h2 #(heading_id) lang=[name_lang] { (item.name) }
            p.meta {
                (item.category.name) " · " (item.city.name)
                @if let Some(district) = &item.district { " · " (district.name) }
            }
            @if item.sample { p.note { (labels.text(m::SAMPLE_NOTE)) } }
            @if let Some(summary) = &item.summary { p.summary { (summary) } }
            @if has_details(item) { dl {
                @if let Some(phone) = &item.phone {
                    dt { (labels.text(m::PHONE)) }
                    dd { a href=(tel_uri(phone)) { (phone) } }
                }
                @if let Some(email) = &item.email {
                    dt { (labels.text(m::EMAIL)) }
                    dd { a href={ "mailto:" (email) } { (email) } }
                }
                @if let Some(website) = item.website.as_deref().and_then(web_link) {
                    dt { (labels.text(m::WEBSITE)) }
                    dd { (outbound(website, website, labels)) }
                }
                @if let Some(address) = &item.address {
                    dt { (labels.text(m::ADDRESS)) }
                    dd { (address) }
                }
                @if let Some(hours) = &item.opening_hours {
                    dt { (labels.text(m::OPENING_HOURS)) }
                    @match item.hours.as_ref().and_then(|h| h.description.as_ref()) {
                        Some(description) => dd {
                            (description)
                            @if let Some(state) = item.hours.as_ref().map(|h| &h.state) { " (" (state.name) ")" }
                        },
                        // The OpenStreetMap syntax itself is not translated.
                        None => dd translate="no" { (hours) },
                    }
                }
                @if !item.languages.is_empty() {
                    dt { (labels.text(m::LANGUAGES)) }
                    dd { ul.langs { @for language in &item.languages { li { (language.name) } } } }
                }
                @if let Some(window) = &item.application_window {
                    dt { (labels.text(m::APPLICATIONS)) }
                    dd { (window.phrase.as_deref().unwrap_or(&window.status.name)) }
                }
                @if let Some(href) = map_link(item) {
                    dt { (labels.text(m::MAP)) }
                    dd { (outbound(&href, &labels.text(m::MAP_LINK), labels)) }
                }
            } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_link("http://seoulgsc.com"), Some("http://seoulgsc.com"));
        assert_eq!(web_link("javascript:alert(1)"), None);
        assert_eq!(web_link("JaVaScRiPt:alert(1)"), None);
    }

    #[test]
    fn phone_links_keep_digits_plus_and_separators() {
        assert_eq!(tel_uri("+82-2-718-1170"), "tel:+82-2-718-1170");
        assert_eq!(tel_uri("+82 2 \"><x"), "tel:+822");
    }

    #[test]
    fn right_to_left_scripts_are_detected() {
        assert_eq!(direction("ja"), "ltr");
        assert_eq!(direction("zh-Hans"), "ltr");
        assert_eq!(direction("ar-EG"), "rtl");
    }
}
