//! Opening hours and application windows in words, in the response locale
//! ("Mon–Fri 09:00–18:00" / "月〜金 9:00〜18:00").
//!
//! Weekday rules with fixed times, public holidays and `off` are described;
//! anything richer (months, weeks, sun times, comments, fallbacks) is left
//! undescribed rather than described wrongly: the raw expression is always
//! in `opening_hours`.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use opening_hours_syntax::extended_time::ExtendedTime;
use opening_hours_syntax::rules::day::{WeekDayRange, Weekday};
use opening_hours_syntax::rules::time::{Time, TimeSpan};
use opening_hours_syntax::rules::{OpeningHoursExpression, RuleKind, RuleOperator, RuleSequence};

use crate::api::labels::Labels;
use crate::domain::ApplicationWindow;

/// Fluent ids used here, for the completeness test.
pub const MESSAGE_IDS: &[&str] = &[
    "hours-weekday-mo",
    "hours-weekday-tu",
    "hours-weekday-we",
    "hours-weekday-th",
    "hours-weekday-fr",
    "hours-weekday-sa",
    "hours-weekday-su",
    "hours-public-holidays",
    "hours-every-day",
    "hours-day-range",
    "hours-day-separator",
    "hours-time",
    "hours-time-range",
    "hours-time-separator",
    "hours-all-day",
    "hours-rule-open",
    "hours-rule-closed",
    "hours-rule-separator",
    "hours-state-open",
    "hours-state-closed",
    "hours-state-unknown",
    "application-closes-in",
    "application-opens-in",
    "application-closed-on",
    "application-open-no-deadline",
    "date-ymd",
];

fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "hours-weekday-mo",
        Weekday::Tue => "hours-weekday-tu",
        Weekday::Wed => "hours-weekday-we",
        Weekday::Thu => "hours-weekday-th",
        Weekday::Fri => "hours-weekday-fr",
        Weekday::Sat => "hours-weekday-sa",
        Weekday::Sun => "hours-weekday-su",
    }
}

fn days(rule: &RuleSequence, labels: &Labels<'_>) -> Option<String> {
    let selector = &rule.day_selector;
    if !selector.year.is_empty() || !selector.monthday.is_empty() || !selector.week.is_empty() {
        return None;
    }
    if selector.weekday.is_empty() {
        return Some(labels.text("hours-every-day"));
    }
    let parts = selector
        .weekday
        .iter()
        .map(|range| match range {
            WeekDayRange::Fixed {
                range,
                offset: 0,
                nth_from_start,
                nth_from_end,
            } if !nth_from_start.contains(&false) && !nth_from_end.contains(&false) => {
                let first = labels.text(weekday(*range.start()));
                if range.start() == range.end() {
                    Some(first)
                } else {
                    let last = labels.text(weekday(*range.end()));
                    Some(
                        labels.with_texts("hours-day-range", &[("first", &first), ("last", &last)]),
                    )
                }
            }
            WeekDayRange::Holiday {
                kind: opening_hours_syntax::rules::day::HolidayKind::Public,
                offset: 0,
            } => Some(labels.text("hours-public-holidays")),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some(parts.join(&labels.text("hours-day-separator")))
}

fn time(at: ExtendedTime, labels: &Labels<'_>) -> String {
    let (hour, minute) = (at.hour(), at.minute());
    labels.with_texts(
        "hours-time",
        &[
            ("h", &hour.to_string()),
            ("hh", &format!("{hour:02}")),
            ("mm", &format!("{minute:02}")),
        ],
    )
}

fn span(span: &TimeSpan, labels: &Labels<'_>) -> Option<String> {
    if span.open_end || span.repeats.is_some() {
        return None;
    }
    let (Time::Fixed(start), Time::Fixed(end)) = (span.range.start, span.range.end) else {
        return None;
    };
    if start == ExtendedTime::MIDNIGHT_00 && end == ExtendedTime::MIDNIGHT_24 {
        return Some(labels.text("hours-all-day"));
    }
    let (start, end) = (time(start, labels), time(end, labels));
    Some(labels.with_texts("hours-time-range", &[("start", &start), ("end", &end)]))
}

/// The expression in words, or `None` when it uses syntax described only
/// by the raw expression.
pub fn describe(expression: &OpeningHoursExpression, labels: &Labels<'_>) -> Option<String> {
    let mut rules = Vec::new();
    for rule in &expression.rules {
        if rule.operator == RuleOperator::Fallback || !rule.comment.is_empty() {
            return None;
        }
        let days = days(rule, labels)?;
        let text = match rule.kind {
            RuleKind::Open => {
                let times = rule
                    .time_selector
                    .spans
                    .iter()
                    .map(|s| span(s, labels))
                    .collect::<Option<Vec<_>>>()?
                    .join(&labels.text("hours-time-separator"));
                labels.with_texts("hours-rule-open", &[("days", &days), ("times", &times)])
            }
            RuleKind::Closed => labels.with_texts("hours-rule-closed", &[("days", &days)]),
            RuleKind::Unknown => return None,
        };
        rules.push(text);
    }
    (!rules.is_empty()).then(|| rules.join(&labels.text("hours-rule-separator")))
}

/// A date in the locale's form. Numbers are passed as text, with
/// zero-padded forms (`$month2`, `$day2`) for locales that write them.
pub fn date(at: DateTime<Utc>, zone: Tz, labels: &Labels<'_>) -> String {
    let local = at.with_timezone(&zone).date_naive();
    let (year, month, day) = (local.year(), local.month(), local.day());
    labels.with_texts(
        "date-ymd",
        &[
            ("year", &year.to_string()),
            ("month", &month.to_string()),
            ("day", &day.to_string()),
            ("month2", &format!("{month:02}")),
            ("day2", &format!("{day:02}")),
        ],
    )
}

/// "Applications close in 3 days" and its kin, counted in the city's days.
pub fn window_phrase(window: &ApplicationWindow, zone: Tz, labels: &Labels<'_>) -> String {
    let today = labels.now.with_timezone(&zone).date_naive();
    let days_until = |at: DateTime<Utc>| (at.with_timezone(&zone).date_naive() - today).num_days();
    match (window.opens_at, window.closes_at) {
        (Some(opens), _) if labels.now < opens => {
            labels.counted("application-opens-in", &[("days", days_until(opens))])
        }
        (_, Some(closes)) if labels.now > closes => {
            let on = date(closes, zone, labels);
            labels.with_texts("application-closed-on", &[("date", &on)])
        }
        (_, Some(closes)) => {
            labels.counted("application-closes-in", &[("days", days_until(closes))])
        }
        (_, None) => labels.text("application-open-no-deadline"),
    }
}
