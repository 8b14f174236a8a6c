//! OpenAPI schemas of the listing document that its field attributes
//! cannot state: closed sets built from the domain's own constants (so the
//! two cannot drift), the locale-keyed texts, and the merge patch.

use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, Object, ObjectBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

use super::{ListingDocument, TextDocument};
use crate::domain::Category;

/// A BCP 47 tag as locales and languages are given: language, then
/// optionally script and region.
pub(crate) const LANGUAGE_TAG: &str = "^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?$";

/// Phone numbers the server accepts (`shape::is_phone`), in part: `+`, a
/// country code, then three groups, 9 to 13 digits in all.
pub(crate) const PHONE: &str = r"^$|^\+[1-9][0-9]{1,2}[- ][0-9]{1,2}[- ][0-9]{3,4}[- ][0-9]{3,4}$";
/// E-mail addresses the server accepts (`shape::is_email`), in part.
pub(crate) const EMAIL: &str = r"^$|^[a-z0-9]{1,20}([._-][a-z0-9]{1,20}){0,2}@[a-z0-9]{1,30}(-[a-z0-9]{1,30})?(\.[a-z0-9]{1,30}){0,3}\.[a-z]{2,24}$";
/// Web addresses the server accepts (`shape::is_web_url`), in part.
pub(crate) const WEB_URL: &str = r"^$|^https?://[a-z0-9]{1,30}(-[a-z0-9]{1,30})?(\.[a-z0-9]{1,30}){0,3}\.[a-z]{2,24}(/[A-Za-z0-9._~%-]{0,40}){0,8}$";

/// An optional string of this pattern (patterns describe a subset of
/// what the server accepts: a value matching one is always accepted; an
/// empty one counts as absent).
fn optional(pattern: &str, max_length: usize, example: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .pattern(Some(pattern))
        .max_length(Some(max_length))
        .examples([example])
        .build()
}

pub(super) fn phone() -> Object {
    optional(PHONE, 40, "+82-2-2075-4112")
}

/// An optional e-mail address.
pub(crate) fn email() -> Object {
    optional(EMAIL, 254, "info@example.org")
}

pub(super) fn website() -> Object {
    optional(WEB_URL, 2000, "https://global.seoul.go.kr")
}

/// A language or locale tag, at most 35 characters.
pub(crate) fn language_tag() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(LANGUAGE_TAG))
        .max_length(Some(35))
        .build()
}

/// A listing id: lowercase words of letters and digits joined by hyphens.
pub(crate) const LISTING_ID: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";
/// A code of reference data (a city or district).
pub(crate) const REFERENCE_CODE: &str = "^[a-z][a-z0-9_-]*$";

/// `id`: a slug of lowercase words and digits joined by hyphens.
pub(super) fn listing_id() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(LISTING_ID))
        .max_length(Some(crate::domain::ListingId::MAX_LEN))
        .examples(["seoul-global-center"])
        .build()
}

/// `city`: a city code of the reference data (`GET /v1/cities`).
pub(super) fn city() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(REFERENCE_CODE))
        .max_length(Some(64))
        .examples(["seoul"])
        .build()
}

/// `category`: one of the category codes.
pub(super) fn category() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(Category::ALL.iter().map(|c| c.code())))
        .examples(["contact_point"])
        .build()
}

/// `languages`: language tags.
pub(super) fn languages() -> utoipa::openapi::schema::Array {
    ArrayBuilder::new()
        .items(language_tag())
        .max_items(Some(50))
        .examples([serde_json::json!(["en", "ja"])])
        .build()
}

/// `texts`: a [`TextDocument`] per locale tag, `en` (the source) required.
pub(super) fn texts() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .property_names(Some(language_tag()))
        .additional_properties(Some(AdditionalProperties::RefOr(RefOr::Ref(
            Ref::from_schema_name(TextDocument::name()),
        ))))
        .required("en")
        .build()
}

/// The body of `PATCH /v1/listings/{id}`: a JSON Merge Patch (RFC 7396)
/// of a [`ListingDocument`]. Every member is optional and `null` removes
/// one; a locale's text in `texts` may change some of its fields only.
/// Members the document does not have are refused (400).
#[derive(Debug)]
pub struct ListingPatch;

impl PartialSchema for ListingPatch {
    fn schema() -> RefOr<Schema> {
        let RefOr::T(Schema::Object(document)) = ListingDocument::schema() else {
            unreachable!("a derived struct schema is an object");
        };
        let mut patch = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "Members to change in the listing document; `null` removes one",
            ))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)));
        for (name, member) in document.properties {
            let member = if name == "texts" {
                text_patches()
            } else {
                member
            };
            patch = patch.property(name, nullable(member));
        }
        RefOr::T(Schema::Object(patch.build()))
    }
}

impl ToSchema for ListingPatch {
    fn name() -> std::borrow::Cow<'static, str> {
        "ListingPatch".into()
    }
}

/// `texts` of a patch: per locale, some text fields, or `null` to remove
/// the locale's text.
fn text_patches() -> RefOr<Schema> {
    let RefOr::T(Schema::Object(text)) = TextDocument::schema() else {
        unreachable!("a derived struct schema is an object");
    };
    let mut fields = ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    for (name, field) in text.properties {
        fields = fields.property(name, nullable(field));
    }
    RefOr::T(Schema::Object(
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property_names(Some(language_tag()))
            .additional_properties(Some(AdditionalProperties::RefOr(nullable(RefOr::T(
                Schema::Object(fields.build()),
            )))))
            .build(),
    ))
}

/// `member`, or `null`.
fn nullable(member: RefOr<Schema>) -> RefOr<Schema> {
    match member {
        RefOr::T(Schema::Object(mut object)) => {
            if let SchemaType::Type(single) = &object.schema_type {
                if *single != Type::Null {
                    object.schema_type = SchemaType::from_iter([single.clone(), Type::Null]);
                }
            }
            if let Some(values) = object.enum_values.as_mut() {
                if !values.contains(&serde_json::Value::Null) {
                    values.push(serde_json::Value::Null);
                }
            }
            RefOr::T(Schema::Object(object))
        }
        RefOr::T(Schema::OneOf(one)) if one.items.iter().any(is_null) => {
            RefOr::T(Schema::OneOf(one))
        }
        other => RefOr::T(Schema::OneOf(
            utoipa::openapi::schema::OneOfBuilder::new()
                .item(ObjectBuilder::new().schema_type(Type::Null))
                .item(other)
                .build(),
        )),
    }
}

fn is_null(schema: &RefOr<Schema>) -> bool {
    matches!(schema, RefOr::T(Schema::Object(object)) if object.schema_type == SchemaType::Type(Type::Null))
}
