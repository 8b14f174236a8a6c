//! Opening hours (OpenStreetMap `opening_hours` syntax), evaluated with the
//! `opening-hours` crate in the city's own time zone and with its country's
//! public holidays (`PH`), whose embedded table covers Korea's lunar
//! holidays (Seollal, Chuseok, Buddha's Birthday) through 2076.

use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

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

/// A parsed schedule bound to its locality, with a cache of its state
/// "now" that stays valid until the next change, so that `open_now` over a
/// large directory evaluates almost nothing.
#[derive(Debug)]
pub struct Schedule {
    hours: OpeningHours<TzLocation<Tz>>,
    zone: Tz,
    cached_open: AtomicBool,
    /// Unix seconds until which `cached_open` holds; `i64::MIN`: not computed.
    cached_until: AtomicI64,
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
            cached_open: AtomicBool::new(false),
            cached_until: AtomicI64::new(i64::MIN),
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

    /// Whether it is open at `now`, from the cache while it is valid. Call
    /// only with the current time: the cache assumes time moves forward.
    pub fn is_open_now(&self, now: DateTime<Utc>) -> bool {
        let seconds = now.timestamp();
        if seconds < self.cached_until.load(Ordering::Acquire) {
            return self.cached_open.load(Ordering::Relaxed);
        }
        let open = self.state(now) == OpenState::Open;
        let until = self
            .next_change(now)
            .map_or(i64::MAX, |t| t.timestamp())
            // Re-check at least hourly, in case a change lies past the
            // window the crate searches.
            .min(seconds + 3600);
        self.cached_open.store(open, Ordering::Relaxed);
        self.cached_until.store(until, Ordering::Release);
        open
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
    fn the_now_cache_agrees_with_a_fresh_evaluation() {
        let schedule = Schedule::parse("Mo-Su 10:00-12:00", &seoul()).unwrap();
        for hour in [9, 10, 11, 12, 13] {
            let at = kst(2026, 11, 25, hour, 30);
            assert_eq!(
                schedule.is_open_now(at),
                schedule.state(at) == OpenState::Open,
                "{hour}"
            );
        }
    }

    #[test]
    fn nonsense_is_refused() {
        assert!(Schedule::parse("whenever we like", &seoul()).is_err());
    }
}
