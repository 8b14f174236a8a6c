//! Opening hours (OpenStreetMap `opening_hours` syntax), evaluated with the
//! `opening-hours` crate in the city's own time zone and with its country's
//! public holidays (`PH`), whose embedded table covers Korea's lunar
//! holidays (Seollal, Chuseok, Buddha's Birthday) through 2076.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use opening_hours::localization::{Country, TzLocation};
use opening_hours::{Context, OpeningHours, RuleKind};

/// Where a place's hours are evaluated: time zone and holiday calendar.
#[derive(Debug, Clone)]
pub struct Locality {
    zone: Tz,
    country: Option<Country>,
}

impl Locality {
    /// A city's locality from its IANA zone and ISO country code; an unknown
    /// zone falls back to UTC and an unknown country to no holidays.
    pub fn new(time_zone: &str, country_code: &str) -> Self {
        Locality {
            zone: time_zone.parse().unwrap_or(Tz::UTC),
            country: Country::from_str(country_code).ok(),
        }
    }

    /// The time zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }
}

/// A parsed schedule bound to its locality.
#[derive(Debug)]
pub struct Schedule {
    hours: OpeningHours<TzLocation<Tz>>,
    zone: Tz,
}

/// Why an expression was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidHours(pub String);

/// The state of a schedule at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    /// Open.
    Open,
    /// Closed.
    Closed,
    /// The expression says the state is unknown (e.g. "by appointment").
    Unknown,
}

impl Schedule {
    /// Parses an expression for a locality.
    pub fn parse(expression: &str, locality: &Locality) -> Result<Self, InvalidHours> {
        let hours =
            OpeningHours::from_str(expression).map_err(|error| InvalidHours(error.to_string()))?;
        let mut context = Context::default();
        if let Some(country) = locality.country {
            context = context.with_holidays(country.holidays());
        }
        Ok(Schedule {
            hours: hours.with_context(context.with_locale(TzLocation::new(locality.zone))),
            zone: locality.zone,
        })
    }

    /// The parsed expression, for describing it in words.
    pub fn expression(
        &self,
    ) -> std::sync::Arc<opening_hours_syntax::rules::OpeningHoursExpression> {
        self.hours.get_expression()
    }

    /// The state at `at`.
    pub fn state(&self, at: DateTime<Utc>) -> OpenState {
        match self.hours.state(at.with_timezone(&self.zone)).0 {
            RuleKind::Open => OpenState::Open,
            RuleKind::Closed => OpenState::Closed,
            RuleKind::Unknown => OpenState::Unknown,
        }
    }

    /// When the state next changes after `at`, if within the calendar.
    pub fn next_change(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.hours
            .next_change(at.with_timezone(&self.zone))
            .map(|t| t.with_timezone(&Utc))
    }

    /// Whether it is open at `now`, and until when (unix seconds) that
    /// holds: the next change, re-checked at least hourly in case a change
    /// lies past the window the crate searches.
    pub fn open_until(&self, now: DateTime<Utc>) -> (bool, i64) {
        let seconds = now.timestamp();
        let open = self.state(now) == OpenState::Open;
        let until = self
            .next_change(now)
            .map_or(i64::MAX, |t| t.timestamp())
            .min(seconds + 3600);
        (open, until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn seoul() -> Locality {
        Locality::new("Asia/Seoul", "KR")
    }

    fn kst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Asia::Seoul
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn hours_are_read_in_the_citys_time_zone() {
        let schedule = Schedule::parse("Mo-Fr 09:00-18:00", &seoul()).unwrap();
        // Tuesday 2026-11-24 09:30 in Seoul is 00:30 UTC.
        assert_eq!(schedule.state(kst(2026, 11, 24, 9, 30)), OpenState::Open);
        assert_eq!(schedule.state(kst(2026, 11, 24, 8, 59)), OpenState::Closed);
        assert_eq!(
            schedule.next_change(kst(2026, 11, 24, 9, 30)),
            Some(kst(2026, 11, 24, 18, 0))
        );
    }

    #[test]
    fn korean_lunar_holidays_close_a_ph_off_schedule() {
        let schedule = Schedule::parse("Mo-Fr 09:00-18:00; PH off", &seoul()).unwrap();
        // Chuseok: Thursday 2026-09-24 and Friday 2026-09-25.
        assert_eq!(schedule.state(kst(2026, 9, 24, 11, 0)), OpenState::Closed);
        assert_eq!(schedule.state(kst(2026, 9, 23, 11, 0)), OpenState::Open);
        // Seollal 2027: Monday 2027-02-08.
        assert_eq!(schedule.state(kst(2027, 2, 8, 11, 0)), OpenState::Closed);
    }

    #[test]
    fn the_state_holds_until_the_next_change() {
        let schedule = Schedule::parse("Mo-Su 10:00-12:00", &seoul()).unwrap();
        let (open, until) = schedule.open_until(kst(2026, 11, 25, 10, 30));
        assert!(open);
        assert_eq!(
            until,
            kst(2026, 11, 25, 11, 30).timestamp(),
            "capped at an hour"
        );
        let (open, until) = schedule.open_until(kst(2026, 11, 25, 11, 45));
        assert!(open);
        assert_eq!(until, kst(2026, 11, 25, 12, 0).timestamp());
    }

    #[test]
    fn nonsense_is_refused() {
        assert!(Schedule::parse("whenever we like", &seoul()).is_err());
    }
}
