//! The editable JSON form of a listing: the body of `POST /v1/listings`,
//! the document a `PATCH` merge patch applies to, the snapshots of the audit
//! trail and the items of the JSON export. Unlike the read view it is not
//! localized: it holds the text of every locale.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::Listing;
use crate::domain::editing::{ListingDraft, TextDraft};

/// A point on the map (WGS 84).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationDocument {
    /// Degrees north, -90 to 90.
    #[schema(example = 37.5172)]
    pub latitude: Option<f64>,
    /// Degrees east, -180 to 180.
    #[schema(example = 127.0473)]
    pub longitude: Option<f64>,
}

/// Capacity facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityDocument {
    /// Number of rooms.
    pub rooms: Option<i64>,
    /// Smallest group a room is for.
    pub people_min: Option<i64>,
    /// Largest group a room is for.
    pub people_max: Option<i64>,
    /// Longest use per person per day, in hours (0 to 24).
    pub max_hours_per_day: Option<i64>,
    /// Teams admitted.
    pub teams: Option<i64>,
}

/// Residency period of an incubator.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResidencyDocument {
    /// One period, in months.
    pub months: Option<i64>,
    /// Longest stay with extensions, in months.
    pub max_months: Option<i64>,
}

/// A listing's text in one locale; also the body of
/// `PUT /v1/listings/{id}/content/{locale}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextDocument {
    /// The place's name (required).
    #[schema(example = "Seoul Global Center")]
    pub name: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// What the place is and how to use it.
    pub summary: Option<String>,
    /// Who may use it, in words.
    pub eligibility: Option<String>,
}

/// A listing with the text of every locale. Every field may be omitted;
/// validation names each missing required one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ListingDocument {
    /// Stable slug (lowercase words joined by hyphens); required.
    #[schema(example = "seoul-global-center")]
    pub id: Option<String>,
    /// The publisher's own id: the upsert key of imports.
    pub external_id: Option<String>,
    /// `real_estate`, `job_cafe`, `incubator` or `contact_point`; required.
    #[schema(example = "contact_point")]
    pub category: Option<String>,
    /// City code (see `GET /v1/cities`); required.
    #[schema(example = "seoul")]
    pub city: Option<String>,
    /// District code within the city.
    #[schema(example = "jung")]
    pub district: Option<String>,
    /// Where it is: both coordinates or neither.
    pub location: Option<LocationDocument>,
    /// True when `location` is the district's centre, not the place.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub location_approximate: bool,
    /// Phone in international form.
    #[schema(example = "+82-2-2075-4112")]
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Web address (http or https).
    #[schema(example = "https://global.seoul.go.kr")]
    pub website: Option<String>,
    /// BCP 47 codes of the languages staff speak.
    #[schema(example = json!(["en", "ja"]))]
    pub languages: Vec<String>,
    /// OpenStreetMap `opening_hours` expression.
    #[schema(example = "Mo-Fr 09:00-18:00")]
    pub opening_hours: Option<String>,
    /// Youngest age admitted.
    pub min_age: Option<i64>,
    /// Oldest age admitted.
    pub max_age: Option<i64>,
    /// When applications open (RFC 3339).
    pub application_opens_at: Option<String>,
    /// When applications close (RFC 3339), after they open.
    pub application_closes_at: Option<String>,
    /// Capacity facts.
    pub capacity: Option<CapacityDocument>,
    /// Residency period.
    pub residency: Option<ResidencyDocument>,
    /// Source document of the facts.
    pub source: Option<String>,
    /// True for generated sample data.
    pub sample: bool,
    /// Date the facts were last checked (YYYY-MM-DD).
    pub verified_at: Option<String>,
    /// Text by locale (`en` required).
    pub texts: BTreeMap<String, TextDocument>,
}

impl From<TextDocument> for TextDraft {
    fn from(text: TextDocument) -> Self {
        TextDraft {
            name: text.name,
            address: text.address,
            summary: text.summary,
            eligibility: text.eligibility,
        }
    }
}

impl From<TextDraft> for TextDocument {
    fn from(text: TextDraft) -> Self {
        TextDocument {
            name: text.name,
            address: text.address,
            summary: text.summary,
            eligibility: text.eligibility,
        }
    }
}

impl ListingDocument {
    /// The document of a stored listing.
    pub fn from_listing(listing: &Listing, external_id: Option<&str>) -> Self {
        ListingDocument::from(ListingDraft::from_listing(listing, external_id))
    }

    /// The document as compact JSON, for the audit trail.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl From<ListingDraft> for ListingDocument {
    fn from(d: ListingDraft) -> Self {
        let location =
            (d.latitude.is_some() || d.longitude.is_some()).then_some(LocationDocument {
                latitude: d.latitude,
                longitude: d.longitude,
            });
        let capacity = CapacityDocument {
            rooms: d.capacity_rooms,
            people_min: d.capacity_people_min,
            people_max: d.capacity_people_max,
            max_hours_per_day: d.max_hours_per_day,
            teams: d.capacity_teams,
        };
        let residency = ResidencyDocument {
            months: d.residency_months,
            max_months: d.max_residency_months,
        };
        ListingDocument {
            id: d.id,
            external_id: d.external_id,
            category: d.category,
            city: d.city,
            district: d.district,
            location,
            location_approximate: d.location_approximate,
            phone: d.phone,
            email: d.email,
            website: d.website,
            languages: d.languages,
            opening_hours: d.opening_hours,
            min_age: d.min_age,
            max_age: d.max_age,
            application_opens_at: d.application_opens_at,
            application_closes_at: d.application_closes_at,
            capacity: (capacity != CapacityDocument::default()).then_some(capacity),
            residency: (residency != ResidencyDocument::default()).then_some(residency),
            source: d.source,
            sample: d.sample,
            verified_at: d.verified_at,
            texts: d.texts.into_iter().map(|(k, v)| (k, v.into())).collect(),
        }
    }
}

impl From<ListingDocument> for ListingDraft {
    fn from(d: ListingDocument) -> Self {
        let location = d.location.unwrap_or_default();
        let capacity = d.capacity.unwrap_or_default();
        let residency = d.residency.unwrap_or_default();
        ListingDraft {
            id: d.id,
            external_id: d.external_id,
            category: d.category,
            city: d.city,
            district: d.district,
            latitude: location.latitude,
            longitude: location.longitude,
            location_approximate: d.location_approximate,
            phone: d.phone,
            email: d.email,
            website: d.website,
            languages: d.languages,
            opening_hours: d.opening_hours,
            min_age: d.min_age,
            max_age: d.max_age,
            application_opens_at: d.application_opens_at,
            application_closes_at: d.application_closes_at,
            capacity_rooms: capacity.rooms,
            capacity_people_min: capacity.people_min,
            capacity_people_max: capacity.people_max,
            max_hours_per_day: capacity.max_hours_per_day,
            capacity_teams: capacity.teams,
            residency_months: residency.months,
            max_residency_months: residency.max_months,
            source: d.source,
            sample: d.sample,
            verified_at: d.verified_at,
            texts: d.texts.into_iter().map(|(k, v)| (k, v.into())).collect(),
        }
    }
}

/// Applies an RFC 7396 JSON Merge Patch to `target`: objects merge member
/// by member, `null` removes a member, anything else replaces.
pub fn merge_patch(target: &mut serde_json::Value, patch: &serde_json::Value) {
    use serde_json::Value;
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(serde_json::Map::new());
    }
    if let Value::Object(target) = target {
        for (name, value) in patch {
            if value.is_null() {
                target.remove(name);
            } else {
                merge_patch(target.entry(name.clone()).or_insert(Value::Null), value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merge_patch_follows_rfc_7396_examples() {
        let mut doc = json!({"a": "b", "c": {"d": "e", "f": "g"}});
        merge_patch(&mut doc, &json!({"a": "z", "c": {"f": null}}));
        assert_eq!(doc, json!({"a": "z", "c": {"d": "e"}}));
        let mut doc = json!({"a": ["b"]});
        merge_patch(&mut doc, &json!({"a": "c"}));
        assert_eq!(doc, json!({"a": "c"}));
        let mut doc = json!({"e": null});
        merge_patch(&mut doc, &json!({"a": {"bb": {"ccc": null}}}));
        assert_eq!(doc, json!({"e": null, "a": {"bb": {}}}));
    }
}
