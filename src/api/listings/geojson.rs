//! RFC 7946 output of a listing page, for map embeds: the same page as
//! JSON, as a FeatureCollection whose features carry the listing views as
//! properties.

use serde::Serialize;
use utoipa::ToSchema;

use super::views::{ListingPageView, ListingView};

/// The media type of GeoJSON (RFC 7946).
pub(super) const MEDIA_TYPE: &str = "application/geo+json";

/// A point geometry: `[longitude, latitude]`.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct PointGeometry {
    /// Always `Point`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Longitude, latitude (RFC 7946 order).
    pub coordinates: [f64; 2],
}

/// One listing as a feature; `geometry` is null when its location is unknown.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct Feature {
    /// Always `Feature`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The listing id.
    pub id: String,
    /// Where it is.
    pub geometry: Option<PointGeometry>,
    /// The listing, as in JSON responses.
    pub properties: ListingView,
}

/// A page of listings as a FeatureCollection, with the page's cursor and
/// total as foreign members.
#[derive(Debug, Serialize, ToSchema)]
pub(super) struct FeatureCollection {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The listings of the page.
    pub features: Vec<Feature>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// Listings matching the filters, over all pages.
    pub total: i64,
}

impl From<ListingPageView> for FeatureCollection {
    fn from(page: ListingPageView) -> Self {
        let features = page
            .items
            .into_iter()
            .map(|view| Feature {
                kind: "Feature",
                id: view.id.clone(),
                geometry: view.location.as_ref().map(|at| PointGeometry {
                    kind: "Point",
                    coordinates: [at.longitude, at.latitude],
                }),
                properties: view,
            })
            .collect();
        FeatureCollection {
            kind: "FeatureCollection",
            features,
            next_cursor: page.next_cursor,
            total: page.total,
        }
    }
}
