//! How fresh a listing's facts are: the `verified_within` filter and the
//! `stale` flag, both measured from `verified_at` (for seed data, the date
//! of the source document).

use chrono::{Days, Months, NaiveDate};

use super::parameter::{InvalidParameter, ParameterProblem};

/// A look-back period such as `90d`, `12w` or `6m`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Age {
    /// Whole days.
    Days(u32),
    /// Whole weeks (7 days).
    Weeks(u32),
    /// Calendar months: `1m` on 31 March reaches back to 28 (or 29) February.
    Months(u32),
}

impl Age {
    /// Longest accepted period, in days: a century is past any use.
    pub const MAX_DAYS: u32 = 36_500;

    /// Parses `<N>d`, `<N>w` or `<N>m` (N from 1, at most a century), as
    /// the `verified_within` parameter.
    pub fn parse(raw: &str) -> Result<Self, InvalidParameter> {
        let malformed = || InvalidParameter::new("verified_within", ParameterProblem::Malformed);
        let raw = raw.trim();
        let unit = raw.chars().last().ok_or_else(malformed)?;
        let count: u32 = raw[..raw.len() - unit.len_utf8()]
            .parse()
            .map_err(|_| malformed())?;
        let (age, days) = match unit.to_ascii_lowercase() {
            'd' => (Age::Days(count), u64::from(count)),
            'w' => (Age::Weeks(count), u64::from(count) * 7),
            'm' => (Age::Months(count), u64::from(count) * 31),
            _ => return Err(malformed()),
        };
        if count == 0 || days > u64::from(Self::MAX_DAYS) {
            return Err(malformed());
        }
        Ok(age)
    }

    /// The earliest date still within this period before `today`.
    pub fn since(self, today: NaiveDate) -> NaiveDate {
        let earliest = match self {
            Age::Days(n) => today.checked_sub_days(Days::new(n.into())),
            Age::Weeks(n) => today.checked_sub_days(Days::new(u64::from(n) * 7)),
            Age::Months(n) => today.checked_sub_months(Months::new(n)),
        };
        earliest.unwrap_or(NaiveDate::MIN)
    }

    /// Whether a listing verified on `verified_at` is within this period.
    /// A listing never verified is not.
    pub fn includes(self, verified_at: Option<NaiveDate>, today: NaiveDate) -> bool {
        verified_at.is_some_and(|date| date >= self.since(today))
    }
}

/// Past how many days a listing's facts count as stale (`STALE_AFTER_DAYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaleAfter(pub u32);

impl Default for StaleAfter {
    /// A year: the seed documents are annual releases.
    fn default() -> Self {
        StaleAfter(365)
    }
}

impl StaleAfter {
    /// Whether facts verified on `verified_at` are stale on `today`. A
    /// listing never verified is stale: nobody vouches for it.
    pub fn is_stale(self, verified_at: Option<NaiveDate>, today: NaiveDate) -> bool {
        verified_at.is_none_or(|date| (today - date).num_days() > i64::from(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_are_days_weeks_or_calendar_months() {
        assert_eq!(Age::parse("90d"), Ok(Age::Days(90)));
        assert_eq!(Age::parse("12w"), Ok(Age::Weeks(12)));
        assert_eq!(Age::parse("6M"), Ok(Age::Months(6)));
        for bad in [
            "", "d", "90", "0d", "-3d", "1.5w", "3y", "99999d", "1200m", "９０d",
        ] {
            let error = Age::parse(bad).unwrap_err();
            assert_eq!(error.parameter, "verified_within", "{bad:?}");
        }
    }

    #[test]
    fn a_period_reaches_back_from_today_inclusively() {
        let today = day(2026, 3, 31);
        assert_eq!(Age::Days(90).since(today), day(2025, 12, 31));
        assert_eq!(Age::Weeks(1).since(today), day(2026, 3, 24));
        assert_eq!(Age::Months(1).since(today), day(2026, 2, 28));
        assert!(Age::Days(90).includes(Some(day(2025, 12, 31)), today));
        assert!(!Age::Days(90).includes(Some(day(2025, 12, 30)), today));
        assert!(!Age::Days(90).includes(None, today));
    }

    #[test]
    fn facts_go_stale_the_day_after_the_limit() {
        let stale = StaleAfter(365);
        let today = day(2026, 1, 1);
        assert!(!stale.is_stale(Some(day(2025, 1, 1)), today));
        assert!(stale.is_stale(Some(day(2024, 12, 31)), today));
        assert!(stale.is_stale(None, today));
    }
}
