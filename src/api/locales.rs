//! `/v1/locales`: which locales the API speaks.

use actix_web::{get, web};
use serde::Serialize;
use utoipa::ToSchema;

use super::state::AppState;
use crate::i18n::messages;

/// A locale the API can answer in.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocaleView {
    /// BCP 47 tag, usable as `?lang=` or in `Accept-Language`.
    #[schema(example = "ja")]
    pub code: String,
    /// The locale's name in itself.
    #[schema(example = "日本語")]
    pub name: String,
    /// True for the locale used when no other matches.
    pub default: bool,
}

/// Every locale.
#[derive(Debug, Serialize, ToSchema)]
pub struct LocaleListView {
    /// In tag order.
    pub items: Vec<LocaleView>,
}

/// List the locales responses can be localized in.
#[utoipa::path(
    tag = "reference",
    responses((status = 200, description = "Every shipped locale", body = LocaleListView))
)]
#[get("/locales")]
#[tracing::instrument(skip(state))]
pub async fn list_locales(state: web::Data<AppState>) -> web::Json<LocaleListView> {
    let locales = state.locales();
    let items = locales
        .all()
        .iter()
        .map(|locale| LocaleView {
            code: locale.tag().to_owned(),
            name: locales.format(locale, messages::LOCALE_NAME, None),
            default: locale == locales.source(),
        })
        .collect();
    web::Json(LocaleListView { items })
}
