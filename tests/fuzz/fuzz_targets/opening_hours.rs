//! An OpenStreetMap `opening_hours` expression, as writers send it: it
//! parses or is refused, and a parsed one answers "open now?", "next
//! change" and the weekly table without panicking.
#![no_main]

use std::sync::LazyLock;

use foreign_resident_directory::catalog::{Locality, Schedule};
use foreign_resident_directory::domain::weekly::weekly_hours;
use libfuzzer_sys::fuzz_target;

static SEOUL: LazyLock<Locality> = LazyLock::new(|| Locality::new("Asia/Seoul", "KR"));

fuzz_target!(|expression: &str| {
    if expression.len() > 512 {
        return;
    }
    if let Ok(schedule) = Schedule::parse(expression, &SEOUL) {
        let now = chrono::Utc::now();
        let _ = schedule.state(now);
        let _ = schedule.open_until(now);
        let _ = weekly_hours(expression);
    }
});
