//! The plain weekly part of an OpenStreetMap `opening_hours` expression:
//! "these weekdays, from this time to that time". It is what other formats
//! can carry (HSDS schedules, schema.org `OpeningHoursSpecification`); an
//! expression that says more (months, weeks, sun times, comments, days
//! closed by weekday) yields nothing rather than something wrong. Closing
//! on public holidays (`PH off`) is dropped: the formats have no holiday
//! calendar, and every consumer also gets the raw expression.

use chrono::Weekday;
use opening_hours_syntax::extended_time::ExtendedTime;
use opening_hours_syntax::rules::day::{HolidayKind, WeekDayRange};
use opening_hours_syntax::rules::time::{Time, TimeSpan};
use opening_hours_syntax::rules::{RuleKind, RuleOperator, RuleSequence};

/// Open on these weekdays from `opens` to `closes` (local time, minutes
/// after midnight; `closes` may be 1440 for midnight at the end of the day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeeklyHours {
    /// The weekdays, Monday first.
    pub days: Vec<Weekday>,
    /// Opening time, minutes after midnight.
    pub opens: u16,
    /// Closing time, minutes after midnight.
    pub closes: u16,
}

impl WeeklyHours {
    /// `HH:MM` of a minute of the day (`24:00` for the end of the day).
    pub fn clock(minutes: u16) -> String {
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }
}

fn minutes(time: ExtendedTime) -> u16 {
    u16::from(time.hour()) * 60 + u16::from(time.minute())
}

fn weekdays(rule: &RuleSequence) -> Option<Vec<Weekday>> {
    let selector = &rule.day_selector;
    if !selector.year.is_empty() || !selector.monthday.is_empty() || !selector.week.is_empty() {
        return None;
    }
    if selector.weekday.is_empty() {
        return Some(all_days());
    }
    let mut days = Vec::new();
    for range in &selector.weekday {
        let WeekDayRange::Fixed {
            range,
            offset: 0,
            nth_from_start,
            nth_from_end,
        } = range
        else {
            return None;
        };
        if nth_from_start.contains(&false) || nth_from_end.contains(&false) {
            return None;
        }
        // Ranges may wrap past Sunday (`Sa-Mo`).
        let mut day = *range.start();
        loop {
            if !days.contains(&day) {
                days.push(day);
            }
            if day == *range.end() {
                break;
            }
            day = day.succ();
        }
    }
    days.sort_by_key(|d| d.num_days_from_monday());
    Some(days)
}

fn all_days() -> Vec<Weekday> {
    let mut day = Weekday::Mon;
    (0..7)
        .map(|_| {
            let this = day;
            day = day.succ();
            this
        })
        .collect()
}

fn span(span: &TimeSpan) -> Option<(u16, u16)> {
    if span.open_end || span.repeats.is_some() {
        return None;
    }
    match (span.range.start, span.range.end) {
        (Time::Fixed(start), Time::Fixed(end)) if start < end => {
            Some((minutes(start), minutes(end)))
        }
        _ => None,
    }
}

fn only_public_holidays(rule: &RuleSequence) -> bool {
    let selector = &rule.day_selector;
    !selector.weekday.is_empty()
        && selector.weekday.iter().all(|range| {
            matches!(
                range,
                WeekDayRange::Holiday {
                    kind: HolidayKind::Public,
                    ..
                }
            )
        })
}

/// The weekly hours of `expression`, or `None` when it is invalid or says
/// more than weekly hours can (see the module documentation).
pub fn weekly_hours(expression: &str) -> Option<Vec<WeeklyHours>> {
    let parsed = opening_hours_syntax::parse(expression).ok()?;
    let mut hours = Vec::new();
    for rule in &parsed.rules {
        if rule.operator == RuleOperator::Fallback || !rule.comment.is_empty() {
            return None;
        }
        match rule.kind {
            RuleKind::Closed if only_public_holidays(rule) => continue,
            RuleKind::Closed | RuleKind::Unknown => return None,
            RuleKind::Open => {}
        }
        // A later rule replaces earlier ones on its days; only
        // additive rules (`,`) or disjoint days keep the meaning simple.
        let days = weekdays(rule)?;
        if rule.operator == RuleOperator::Normal
            && hours
                .iter()
                .any(|h: &WeeklyHours| h.days.iter().any(|d| days.contains(d)))
        {
            return None;
        }
        if rule.time_selector.spans.is_empty() {
            hours.push(WeeklyHours {
                days,
                opens: 0,
                closes: 24 * 60,
            });
            continue;
        }
        for time in &rule.time_selector.spans {
            let (opens, closes) = span(time)?;
            hours.push(WeeklyHours {
                days: days.clone(),
                opens,
                closes,
            });
        }
    }
    (!hours.is_empty()).then_some(hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Weekday::*;

    #[test]
    fn weekday_rules_with_fixed_times_are_weekly_hours() {
        let hours = weekly_hours("Mo-Fr 09:00-12:00,13:00-18:00; Sa 10:00-14:00; PH off").unwrap();
        assert_eq!(
            hours,
            vec![
                WeeklyHours {
                    days: vec![Mon, Tue, Wed, Thu, Fri],
                    opens: 540,
                    closes: 720
                },
                WeeklyHours {
                    days: vec![Mon, Tue, Wed, Thu, Fri],
                    opens: 780,
                    closes: 1080
                },
                WeeklyHours {
                    days: vec![Sat],
                    opens: 600,
                    closes: 840
                },
            ]
        );
        assert_eq!(
            weekly_hours("Sa-Mo 10:00-16:00").unwrap()[0].days,
            vec![Mon, Sat, Sun]
        );
        assert_eq!(WeeklyHours::clock(1440), "24:00");
    }

    #[test]
    fn anything_richer_yields_nothing() {
        for expression in [
            "2017 Oct 31 10:00-17:00",
            "Mo-Fr 09:00-18:00; We off",
            "Mo-Fr 09:00-18:00; Fr 10:00-12:00",
            "Mo[1] 10:00-12:00",
            "Mo-Fr sunrise-sunset",
            "Mo-Fr 09:00+",
            "Mo-Fr 09:00-18:00 \"by appointment\"",
            "not hours",
        ] {
            assert_eq!(weekly_hours(expression), None, "{expression}");
        }
    }
}
