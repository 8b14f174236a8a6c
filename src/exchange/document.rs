//! The editable JSON form of a listing: the body of `POST /v1/listings`,
//! the document a `PATCH` merge patch applies to, the snapshots of the audit
//! trail and the items of the JSON export. Unlike the read view it is not
//! localized: it holds the text of every locale.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::Listing;
use crate::domain::editing::{ListingDraft, TextDraft};

pub(crate) mod schema;
pub use schema::ListingPatch;

/// A point on the map (WGS 84).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LocationDocument {
    /// Degrees north, -90 to 90.
    #[schema(value_type = f64, required = true, minimum = -90, maximum = 90, example = 37.5172)]
    pub latitude: Option<f64>,
    /// Degrees east, -180 to 180.
    #[schema(value_type = f64, required = true, minimum = -180, maximum = 180, example = 127.0473)]
    pub longitude: Option<f64>,
}

/// Capacity facts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityDocument {
    /// Number of rooms.
    #[schema(minimum = 0, maximum = 1_000_000)]
    #[serde(default, deserialize_with = "whole_number")]
    pub rooms: Option<i64>,
    /// Smallest group a room is for.
    #[schema(minimum = 0, maximum = 1_000_000)]
    #[serde(default, deserialize_with = "whole_number")]
    pub people_min: Option<i64>,
    /// Largest group a room is for, at least `people_min`.
    #[schema(minimum = 0, maximum = 1_000_000)]
    #[serde(default, deserialize_with = "whole_number")]
    pub people_max: Option<i64>,
    /// Longest use per person per day, in hours (0 to 24).
    #[schema(minimum = 0, maximum = 24)]
    #[serde(default, deserialize_with = "whole_number")]
    pub max_hours_per_day: Option<i64>,
    /// Teams admitted.
    #[schema(minimum = 0, maximum = 1_000_000)]
    #[serde(default, deserialize_with = "whole_number")]
    pub teams: Option<i64>,
}

/// Residency period of an incubator.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResidencyDocument {
    /// One period, in months.
    #[schema(minimum = 1, maximum = 600)]
    #[serde(default, deserialize_with = "whole_number")]
    pub months: Option<i64>,
    /// Longest stay with extensions, in months, at least `months`.
    #[schema(minimum = 1, maximum = 600)]
    #[serde(default, deserialize_with = "whole_number")]
    pub max_months: Option<i64>,
}

/// A listing's text in one locale; also the body of
/// `PUT /v1/listings/{id}/content/{locale}`. Text is stored in Unicode NFC
/// and trimmed; control characters and bidirectional overrides are refused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextDocument {
    /// The place's name (required, not blank).
    #[schema(value_type = String, required = true, min_length = 1, max_length = 300, example = "Seoul Global Center")]
    pub name: Option<String>,
    /// Postal address.
    #[schema(max_length = 500)]
    pub address: Option<String>,
    /// What the place is and how to use it.
    #[schema(max_length = 4000)]
    pub summary: Option<String>,
    /// Who may use it, in words.
    #[schema(max_length = 4000)]
    pub eligibility: Option<String>,
}

/// A listing with the text of every locale. Every field may be omitted;
/// validation names each missing required one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ListingDocument {
    /// Stable slug (lowercase words joined by hyphens); required.
    #[schema(schema_with = schema::listing_id, required = true)]
    pub id: Option<String>,
    /// The publisher's own id: the upsert key of imports.
    #[schema(max_length = 120)]
    pub external_id: Option<String>,
    /// `real_estate`, `job_cafe`, `incubator` or `contact_point`; required.
    #[schema(schema_with = schema::category, required = true)]
    pub category: Option<String>,
    /// City code (see `GET /v1/cities`); required.
    #[schema(schema_with = schema::city, required = true)]
    pub city: Option<String>,
    /// District code of the city (see `GET /v1/cities/{city}/districts`).
    #[schema(pattern = "^$|^[a-z][a-z0-9_-]*$", max_length = 64, example = "jung")]
    pub district: Option<String>,
    /// Where it is: both coordinates or neither.
    pub location: Option<LocationDocument>,
    /// True when `location` is the district's centre, not the place.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub location_approximate: bool,
    /// Phone in international form: `+`, the country code, then groups of
    /// digits joined by single hyphens or spaces, 7 to 15 digits in all.
    #[schema(schema_with = schema::phone)]
    pub phone: Option<String>,
    /// E-mail address: an unquoted ASCII local part at an ASCII host name
    /// (an internationalised domain in its `xn--` form).
    #[schema(schema_with = schema::email)]
    pub email: Option<String>,
    /// Web address (http or https) at an ASCII host name.
    #[schema(schema_with = schema::website)]
    pub website: Option<String>,
    /// BCP 47 codes of the languages staff speak.
    #[schema(schema_with = schema::languages)]
    pub languages: Vec<String>,
    /// OpenStreetMap `opening_hours` expression (the server parses it: one
    /// it cannot read is refused with a 422).
    #[schema(max_length = 500, example = "Mo-Fr 09:00-18:00")]
    pub opening_hours: Option<String>,
    /// Youngest age admitted.
    #[schema(minimum = 0, maximum = 150)]
    #[serde(default, deserialize_with = "whole_number")]
    pub min_age: Option<i64>,
    /// Oldest age admitted, at least `min_age`.
    #[schema(minimum = 0, maximum = 150)]
    #[serde(default, deserialize_with = "whole_number")]
    pub max_age: Option<i64>,
    /// When applications open (RFC 3339).
    #[schema(format = DateTime)]
    pub application_opens_at: Option<String>,
    /// When applications close (RFC 3339), after they open.
    #[schema(format = DateTime)]
    pub application_closes_at: Option<String>,
    /// Capacity facts.
    pub capacity: Option<CapacityDocument>,
    /// Residency period.
    pub residency: Option<ResidencyDocument>,
    /// Source document of the facts.
    #[schema(max_length = 500)]
    pub source: Option<String>,
    /// True for generated sample data.
    pub sample: bool,
    /// Date the facts were last checked (YYYY-MM-DD).
    #[schema(format = Date)]
    pub verified_at: Option<String>,
    /// Text by shipped locale (see `GET /v1/locales`); `en` required.
    #[schema(schema_with = schema::texts, required = true)]
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

/// A whole number as JSON has it: `39` or `39.0` (JSON Schema's `integer`
/// takes both), never `39.5`.
fn whole_number<'de, D>(deserializer: D) -> Result<Option<i64>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::de::Error;

    // Beyond 2^53 a float is no longer exact.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let Some(number) = Option::<serde_json::Number>::deserialize(deserializer)? else {
        return Ok(None);
    };
    number
        .as_i64()
        .or_else(|| {
            number
                .as_f64()
                .filter(|value| value.fract() == 0.0 && value.abs() <= EXACT)
                .map(|value| value as i64)
        })
        .map(Some)
        .ok_or_else(|| D::Error::custom(format!("{number} is not a whole number")))
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

    #[test]
    fn a_whole_number_may_be_written_with_a_zero_fraction() {
        let parsed: ListingDocument =
            serde_json::from_str(r#"{"min_age": 18.0, "max_age": 39}"#).unwrap();
        assert_eq!((parsed.min_age, parsed.max_age), (Some(18), Some(39)));
        assert!(serde_json::from_str::<ListingDocument>(r#"{"min_age": 18.5}"#).is_err());
        let capacity: CapacityDocument = serde_json::from_str(r#"{"rooms": 4.0}"#).unwrap();
        assert_eq!((capacity.rooms, capacity.teams), (Some(4), None));
    }
}
