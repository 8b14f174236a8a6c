//! Links inside the widget: every navigation keeps the reader's filters,
//! locale and appearance, so paging never drops a choice the host site made.

use crate::domain::{Category, ListingFilter, PageLimit};

use super::Appearance;

/// The widget's query parameters, as they go into its own links.
#[derive(Debug, Clone)]
pub(super) struct Links {
    params: Vec<(&'static str, String)>,
}

impl Links {
    /// The parameters of this rendering, without the cursor.
    pub(super) fn new(
        filter: Option<&ListingFilter>,
        locale: &str,
        appearance: &Appearance,
    ) -> Self {
        let mut params = Vec::new();
        if let Some(filter) = filter {
            if let Some(category) = filter.category {
                params.push(("category", category.code().to_owned()));
            }
            let optional = [
                ("city", &filter.city),
                ("district", &filter.district),
                ("language", &filter.language),
            ];
            for (name, value) in optional {
                if let Some(value) = value {
                    params.push((name, value.clone()));
                }
            }
            if filter.limit != PageLimit::DEFAULT.get() {
                params.push(("limit", filter.limit.to_string()));
            }
        }
        params.push(("lang", locale.to_owned()));
        params.extend(appearance.params());
        Links { params }
    }

    fn href(params: &[(&str, String)]) -> String {
        format!(
            "?{}",
            serde_urlencoded::to_string(params).unwrap_or_default()
        )
    }

    /// The page after `cursor`, or the first page.
    pub(super) fn page(&self, cursor: Option<&str>) -> String {
        let mut params = self.params.clone();
        if let Some(cursor) = cursor {
            params.push(("cursor", cursor.to_owned()));
        }
        Self::href(&params)
    }

    /// The first page in another locale (`None`: no `lang`, so negotiated
    /// from `Accept-Language`: the `x-default` alternate). The cursor is
    /// left out: a name-sorted cursor belongs to one locale's collation.
    pub(super) fn alternate(&self, locale: Option<&str>) -> String {
        let mut params: Vec<_> = self
            .params
            .iter()
            .filter(|(name, _)| *name != "lang")
            .cloned()
            .collect();
        if let Some(locale) = locale {
            params.push(("lang", locale.to_owned()));
        }
        Self::href(&params)
    }

    /// The first page of another category (or of all), other filters kept.
    pub(super) fn category(&self, category: Option<Category>) -> String {
        let mut params: Vec<_> = self
            .params
            .iter()
            .filter(|(name, _)| *name != "category")
            .cloned()
            .collect();
        if let Some(category) = category {
            params.insert(0, ("category", category.code().to_owned()));
        }
        Self::href(&params)
    }
}
