//! `/v1/locales`: which locales the API speaks, and for translators how
//! far each has come and what the live reloader last did.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::labels::Labels;
use super::locale::RequestLocale;
use super::required_messages::translators;
use crate::app::state::AppState;
use crate::i18n::{FluentArgs, FluentValue, messages};

/// A locale the API can answer in.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct LocaleView {
    /// BCP 47 tag, usable as `?lang=` or in `Accept-Language`.
    #[schema(example = "ja")]
    pub code: String,
    /// The locale's name in itself.
    #[schema(example = "日本語")]
    pub name: String,
    /// True for the locale used when no other matches.
    pub default: bool,
    /// Share of the source locale's (`en`) messages this locale translates,
    /// in percent, one decimal; the rest are served in English.
    #[schema(example = 96.5)]
    pub completeness: f64,
    /// Source messages this locale translates.
    #[schema(example = 127)]
    pub messages_translated: usize,
    /// Messages in the source locale.
    #[schema(example = 127)]
    pub messages_total: usize,
    /// `completeness` in words, in the response locale.
    #[schema(example = "96.5% translated")]
    pub completeness_label: String,
    /// Listings with a text field (name, address, summary, eligibility)
    /// that English has and this locale lacks: see
    /// `GET /v1/translations/missing?locale=`.
    #[schema(example = 3)]
    pub listings_lacking_text: usize,
    /// `listings_lacking_text` in words, in the response locale.
    #[schema(example = "3 listings lack text")]
    pub listings_lacking_text_label: String,
}

/// A reload of the locale files that was refused: the previous files stay
/// in service until the problem is fixed.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct RejectedReloadView {
    /// When it was refused.
    pub at: DateTime<Utc>,
    /// Why: `file:line:column: message`, or `folder: message`.
    #[schema(example = json!(["locales/ja/directory.ftl:12:15: Expected a token starting with \"}\""]))]
    pub errors: Vec<String>,
}

/// Every locale.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct LocaleListView {
    /// In tag order.
    pub items: Vec<LocaleView>,
    /// When the locale files in service were loaded (start-up or the last
    /// accepted live reload).
    pub reloaded_at: DateTime<Utc>,
    /// The last refused reload since start-up, if any.
    pub last_rejected_reload: Option<RejectedReloadView>,
}

/// List the locales responses can be localized in, with translation
/// progress and the live reloader's state.
#[utoipa::path(
    tag = "reference",
    params(("lang" = Option<String>, Query, description = "Locale of the labels, e.g. `ja`")),
    responses((status = 200, description = "Every shipped locale", body = LocaleListView))
)]
#[get("/locales")]
#[tracing::instrument(skip(state, locale))]
pub(crate) async fn list_locales(
    state: web::Data<AppState>,
    locale: RequestLocale,
) -> web::Json<LocaleListView> {
    let locales = state.locales();
    let labels = Labels::new(&locales, &locale.0);
    let items = locales
        .all()
        .iter()
        .map(|each| {
            let (translated, total) = locales.completeness(each);
            let completeness = percent(translated, total);
            let lacking = state.catalog().read().listings_lacking_text(each.tag());
            let mut args = FluentArgs::new();
            args.set("percent", FluentValue::from(completeness));
            let completeness_label =
                locales.format(&locale.0, translators::COMPLETENESS, Some(&args));
            let lacking_count = i64::try_from(lacking).unwrap_or(i64::MAX);
            LocaleView {
                code: each.tag().to_owned(),
                name: locales.format(each, messages::LOCALE_NAME, None),
                default: each == locales.source(),
                completeness,
                messages_translated: translated,
                messages_total: total,
                completeness_label,
                listings_lacking_text: lacking,
                listings_lacking_text_label: labels.counted(
                    translators::LISTINGS_LACKING_TEXT,
                    &[("count", lacking_count)],
                ),
            }
        })
        .collect();
    let status = state.reload_status().read().clone();
    web::Json(LocaleListView {
        items,
        reloaded_at: status.loaded_at,
        last_rejected_reload: status.last_rejected.map(|rejected| RejectedReloadView {
            at: rejected.at,
            errors: rejected.errors,
        }),
    })
}

/// `part / whole` in percent, rounded down to one decimal so that 100.0
/// means complete.
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    (part as f64 * 1000.0 / whole as f64).floor() / 10.0
}
