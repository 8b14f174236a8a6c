//! The Fluent ids of the widget's own labels, all in `locales/*/embed.ftl`.
//! Labels of coded values (categories, cities, languages, window statuses)
//! and the listing count come from the API's shared messages.

/// Page title and main heading.
pub const TITLE: &str = "embed-title";
/// The skip link to the results.
pub const SKIP_TO_RESULTS: &str = "embed-skip-to-results";
/// Accessible name of the category navigation.
pub const CATEGORIES: &str = "embed-categories";
/// The "every category" entry of the navigation.
pub const ALL_CATEGORIES: &str = "embed-all-categories";
/// Term: phone number.
pub const PHONE: &str = "embed-phone";
/// Term: e-mail address.
pub const EMAIL: &str = "embed-email";
/// Term: web site.
pub const WEBSITE: &str = "embed-website";
/// Term: postal address.
pub const ADDRESS: &str = "embed-address";
/// Term: opening hours.
pub const OPENING_HOURS: &str = "embed-opening-hours";
/// Term: languages spoken by staff.
pub const LANGUAGES: &str = "embed-languages";
/// Term: application window.
pub const APPLICATIONS: &str = "embed-applications";
/// Term: map.
pub const MAP: &str = "embed-map";
/// Text of the OpenStreetMap link.
pub const MAP_LINK: &str = "embed-map-link";
/// Said of every link that opens a new tab.
pub const NEW_TAB: &str = "embed-opens-in-new-tab";
/// Note on generated stand-in listings.
pub const SAMPLE_NOTE: &str = "embed-sample-note";
/// Shown when nothing matches.
pub const NO_RESULTS: &str = "embed-no-results";
/// Accessible name of the pagination navigation.
pub const PAGES: &str = "embed-pages";
/// Link to the next page.
pub const NEXT_PAGE: &str = "embed-next-page";
/// Link back to the first page.
pub const FIRST_PAGE: &str = "embed-first-page";
/// Link from an error page to the unfiltered widget.
pub const SHOW_ALL: &str = "embed-show-all";

/// Every id above, for the completeness test.
pub const ALL: &[&str] = &[
    TITLE,
    SKIP_TO_RESULTS,
    CATEGORIES,
    ALL_CATEGORIES,
    PHONE,
    EMAIL,
    WEBSITE,
    ADDRESS,
    OPENING_HOURS,
    LANGUAGES,
    APPLICATIONS,
    MAP,
    MAP_LINK,
    NEW_TAB,
    SAMPLE_NOTE,
    NO_RESULTS,
    PAGES,
    NEXT_PAGE,
    FIRST_PAGE,
    SHOW_ALL,
];
