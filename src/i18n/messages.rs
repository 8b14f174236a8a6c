//! The Fluent message ids the code uses, in one place, so that a test can
//! check each exists in every shipped locale.

use crate::domain::Category;
use crate::domain::listing::WindowStatus;

/// Message id of a category's label.
pub fn category(category: Category) -> String {
    format!("category-{}", category.code())
}

/// Message id of a city's name.
pub fn city(code: &str) -> String {
    format!("city-{code}")
}

/// Message id of a district's name.
pub fn district(city: &str, code: &str) -> String {
    format!("district-{city}-{code}")
}

/// Message id of a spoken language's name (`language-ja`).
pub fn language(code: &str) -> String {
    format!("language-{code}")
}

/// Message id of an application window status.
pub fn window_status(status: WindowStatus) -> String {
    format!("application-window-{}", status.code())
}

/// A locale's own name for itself ("日本語").
pub const LOCALE_NAME: &str = "locale-name";
/// "{ $count } listings", plural-aware.
pub const LISTING_COUNT: &str = "listing-count";
/// "{ $count } districts", plural-aware.
pub const DISTRICT_COUNT: &str = "district-count";
/// An age range ("Ages 18 to 39").
pub const AGE_RANGE: &str = "eligibility-age-range";
/// A lower age bound only ("Aged 18 or over").
pub const AGE_MIN: &str = "eligibility-age-min";
/// An upper age bound only ("Aged 39 or under").
pub const AGE_MAX: &str = "eligibility-age-max";
/// Capacity in rooms ("About 60 study rooms").
pub const CAPACITY_ROOMS: &str = "capacity-rooms";
/// Group size a room is for ("for 2 to 10 people").
pub const CAPACITY_PEOPLE: &str = "capacity-people";
/// Daily limit ("up to 3 hours a day").
pub const CAPACITY_HOURS: &str = "capacity-hours-per-day";
/// Teams admitted ("20 teams").
pub const CAPACITY_TEAMS: &str = "capacity-teams";
/// A residency period ("6 months").
pub const RESIDENCY_MONTHS: &str = "residency-months";
/// The longest total residency ("up to 36 months with extensions").
pub const RESIDENCY_MAX_MONTHS: &str = "residency-max-months";

/// Every fixed id above, for the completeness test.
pub const FIXED: &[&str] = &[
    LOCALE_NAME,
    LISTING_COUNT,
    DISTRICT_COUNT,
    AGE_RANGE,
    AGE_MIN,
    AGE_MAX,
    CAPACITY_ROOMS,
    CAPACITY_PEOPLE,
    CAPACITY_HOURS,
    CAPACITY_TEAMS,
    RESIDENCY_MONTHS,
    RESIDENCY_MAX_MONTHS,
];

/// Every window status, for the completeness test.
pub const WINDOW_STATUSES: [WindowStatus; 3] = [
    WindowStatus::Upcoming,
    WindowStatus::Open,
    WindowStatus::Closed,
];
