//! `GET /v1/listings.ics`: application windows as an RFC 5545 calendar, so
//! residents can subscribe to deadlines. One all-day event per listing with
//! a window, in the city's dates: the whole window when both ends are
//! known, else the opening day or the deadline day; the exact times are in
//! the description. Summaries and descriptions are in the request locale.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Days, NaiveDate, Utc};
use chrono_tz::Tz;

use super::handlers::{ListingQuery, zone_of};
use super::hours;
use crate::api::error::{ApiError, Problem};
use crate::api::heavy::HeavyWork;
use crate::api::http::base_url;
use crate::api::labels::Labels;
use crate::api::locale::RequestLocale;
use crate::api::respond::{CacheKey, Rendered, cached_body_off_thread};
use crate::app::state::AppState;
use crate::domain::{Listing, ListingFilter};
use crate::i18n::Locale;

/// The calendar's media type.
pub const MEDIA_TYPE: &str = "text/calendar; charset=utf-8";

/// Fluent ids used here, for the completeness test.
pub const MESSAGE_IDS: &[&str] = &[
    "ics-calendar-name",
    "ics-window",
    "ics-opening",
    "ics-deadline",
    "ics-opens-at",
    "ics-closes-at",
];

/// Escapes a TEXT value (RFC 5545 §3.3.11).
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends a content line folded at 75 octets (RFC 5545 §3.1), never
/// inside a UTF-8 sequence, with CRLF endings.
pub fn push_line(out: &mut String, line: &str) {
    let mut budget = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > budget {
            out.push_str("\r\n ");
            // The leading space counts towards the next line's 75 octets.
            budget = 74;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

fn date_value(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn utc_value(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Writes one listing's event, if it has a window.
fn push_event(out: &mut String, listing: &Listing, zone: Tz, labels: &Labels<'_>, base: &str) {
    let Some(window) = listing.application_window else {
        return;
    };
    let local = |at: DateTime<Utc>| at.with_timezone(&zone);
    let name = listing
        .text_for(labels.locale().tag())
        .map_or_else(|| listing.id.to_string(), |t| t.name.to_owned());
    let moment = |id: &str, at: DateTime<Utc>| {
        labels.with_texts(
            id,
            &[
                ("date", &hours::date(at, zone, labels)),
                ("time", &local(at).format("%H:%M").to_string()),
                ("zone", zone.name()),
            ],
        )
    };
    let (first, last, summary_id) = match (window.opens_at, window.closes_at) {
        (Some(opens), Some(closes)) => (opens, closes, "ics-window"),
        (Some(opens), None) => (opens, opens, "ics-opening"),
        (None, Some(closes)) => (closes, closes, "ics-deadline"),
        (None, None) => return,
    };
    let description: Vec<String> = [
        window.opens_at.map(|at| moment("ics-opens-at", at)),
        window.closes_at.map(|at| moment("ics-closes-at", at)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let start = local(first).date_naive();
    // DTEND of an all-day event is the day after the last (exclusive).
    let end = local(last)
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap_or(start);
    let language = labels.locale().tag();
    let url = listing
        .website
        .clone()
        .unwrap_or_else(|| format!("{base}/v1/listings/{}", listing.id));
    push_line(out, "BEGIN:VEVENT");
    push_line(
        out,
        &format!(
            "UID:{}.application-window@foreign-resident-directory",
            listing.id
        ),
    );
    // The listing's own change time, not the request's: the same data gives
    // the same bytes, so ETags and calendar clients' caches hold.
    push_line(out, &format!("DTSTAMP:{}", utc_value(listing.updated_at)));
    push_line(
        out,
        &format!("LAST-MODIFIED:{}", utc_value(listing.updated_at)),
    );
    push_line(out, &format!("DTSTART;VALUE=DATE:{}", date_value(start)));
    push_line(out, &format!("DTEND;VALUE=DATE:{}", date_value(end)));
    let summary = labels.with_texts(summary_id, &[("name", &name)]);
    push_line(
        out,
        &format!("SUMMARY;LANGUAGE={language}:{}", escape(&summary)),
    );
    push_line(
        out,
        &format!(
            "DESCRIPTION;LANGUAGE={language}:{}",
            escape(&description.join("\n"))
        ),
    );
    push_line(out, &format!("URL:{url}"));
    push_line(out, "TRANSP:TRANSPARENT");
    push_line(out, "END:VEVENT");
}

/// Application windows as an iCalendar feed.
#[utoipa::path(
    tag = "listings",
    params(ListingQuery, ("lang" = Option<String>, Query, description = "Locale of summaries and descriptions, e.g. `ko`")),
    responses(
        (status = 200, description = "An RFC 5545 calendar: one all-day event per listing with an application window \
(all matching listings: `limit` and `cursor` are validated but do not page)",
            body = String, content_type = "text/calendar"),
        (status = 400, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/listings.ics")]
#[tracing::instrument(skip(state, locale, req))]
pub(crate) async fn list_listing_events(
    state: web::Data<AppState>,
    heavy: web::Data<HeavyWork>,
    query: web::Query<ListingQuery>,
    locale: RequestLocale,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let mut filter = ListingFilter::parse(query.params(), state.reference())?;
    filter.cursor = None;
    let base = base_url(&req);
    let key = CacheKey::for_filter("ics", &filter, &base, locale.0.tag());
    let app = state.get_ref().clone();
    let locale = locale.0;
    let rendered = cached_body_off_thread(&state, &heavy, key, move || {
        Ok(Rendered {
            body: calendar(&app, filter, &locale, &base).into(),
            next_cursor: None,
            etag: None,
        })
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type(MEDIA_TYPE)
        .body(rendered.body))
}

/// The calendar of every application window the filter matches.
fn calendar(state: &AppState, mut filter: ListingFilter, locale: &Locale, base: &str) -> String {
    let locales = state.locales();
    let labels = Labels::new(&locales, locale);
    let hits = {
        let catalog = state.catalog().read();
        filter.limit = u32::try_from(catalog.len()).unwrap_or(u32::MAX);
        catalog.query(&filter, locale.tag(), labels.now).hits
    };
    let mut out = String::new();
    push_line(&mut out, "BEGIN:VCALENDAR");
    push_line(&mut out, "VERSION:2.0");
    push_line(
        &mut out,
        "PRODID:-//Foreign-resident services directory//Application windows//EN",
    );
    push_line(&mut out, "CALSCALE:GREGORIAN");
    push_line(&mut out, "METHOD:PUBLISH");
    push_line(
        &mut out,
        &format!("X-WR-CALNAME:{}", escape(&labels.text("ics-calendar-name"))),
    );
    for hit in &hits {
        let zone = zone_of(state, &hit.listing.city);
        push_event(&mut out, &hit.listing, zone, &labels, base);
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "서울".repeat(40));
        push_line(&mut out, &line);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "{i}: {} octets", l.len());
            assert_eq!(i > 0, l.starts_with(' '));
        }
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }
}
