//! `GET /v1/listings.ics`, parsed with the `icalendar` crate.

use chrono::NaiveDate;
use icalendar::{CalendarComponent, Component, DatePerhapsTime, Event};

use crate::backend_tests;
use crate::helpers::{TestApp, assert_problem, insert_listing};
use crate::interop_fixtures::{RICH, rich_listing};

/// The events of the calendar at `path`, by UID.
async fn events(app: &TestApp, path: &str) -> Vec<Event> {
    let reply = app.get(path, None).await;
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.header("content-type"), "text/calendar; charset=utf-8");
    for line in reply.text.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    assert!(
        !reply.text.replace("\r\n", "").contains('\n'),
        "CRLF line endings only"
    );
    let unfolded = icalendar::parser::unfold(&reply.text);
    let parsed = icalendar::parser::read_calendar(&unfolded).expect("RFC 5545");
    let calendar: icalendar::Calendar = parsed.into();
    calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(event) => Some(event.clone()),
            _ => None,
        })
        .collect()
}

fn find<'a>(events: &'a [Event], listing: &str) -> &'a Event {
    let uid = format!("{listing}.application-window@foreign-resident-directory");
    events
        .iter()
        .find(|e| e.get_uid() == Some(uid.as_str()))
        .unwrap_or_else(|| panic!("an event for {listing}"))
}

fn date(y: i32, m: u32, d: u32) -> Option<DatePerhapsTime> {
    Some(DatePerhapsTime::Date(
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
    ))
}

backend_tests! {
    async fn application_windows_are_all_day_events_in_the_requested_locale(app: TestApp) {
        let events = events(&app, "/v1/listings.ics?lang=ko").await;
        assert_eq!(events.len(), 5, "the five seed listings with a window");
        let center = find(&events, "seoul-global-startup-center");
        let name = app.get("/v1/listings/seoul-global-startup-center?lang=ko", None).await.json()["name"].clone();
        assert_eq!(center.get_summary(), Some(format!("신청 기간: {}", name.as_str().unwrap()).as_str()));
        // 28 Feb to 30 Mar 2018 in Seoul; DTEND is exclusive.
        assert_eq!(center.get_start(), date(2018, 2, 28));
        assert_eq!(center.get_end(), date(2018, 3, 31));
        assert_eq!(center.get_url(), Some("http://seoulgsc.com"));
        let description = center.get_description().unwrap();
        assert!(description.contains("17:00") && description.contains("Asia/Seoul"), "{description}");
        assert!(center.get_timestamp().is_some());

        // A deadline alone is a one-day event on the deadline.
        let division = find(&events, "seoul-investment-promotion-division");
        assert!(division.get_summary().unwrap().starts_with("신청 마감: "));
        assert_eq!(division.get_start(), date(2018, 5, 4));
        assert_eq!(division.get_end(), date(2018, 5, 5));

        // Same data, same bytes: UIDs and DTSTAMPs do not move.
        let again = app.get("/v1/listings.ics?lang=ko", None).await.text;
        assert_eq!(again, app.get("/v1/listings.ics?lang=ko", None).await.text);
    }

    async fn listing_filters_select_the_events_and_text_survives_escaping(app: TestApp) {
        app.change_data(insert_listing(rich_listing())).await;
        // The demo's sample call is open too; the rich listing is the other one.
        let open = events(&app, "/v1/listings.ics?accepting_applications=true").await;
        assert_eq!(open.len(), 2);
        let event = find(&open, RICH);
        // Commas and semicolons are escaped on the wire and read back as sent.
        assert_eq!(event.get_summary(), Some("Applications: Rich; Office, Seoul"));
        assert_eq!(event.get_url(), Some("https://example.org/desk"));
        let japanese = events(&app, "/v1/listings.ics?accepting_applications=true&lang=ja").await;
        assert_eq!(find(&japanese, RICH).get_summary(), Some("申請受付：リッチ窓口"));
        let none = events(&app, "/v1/listings.ics?category=real_estate").await;
        assert!(none.is_empty());

        let reply = app.get("/v1/listings.ics?accepting_applications=maybe&lang=zh-Hans", None).await;
        let problem = assert_problem(&reply, 400, "invalid_parameter");
        assert_eq!(problem["parameter"], "accepting_applications");
    }
}
