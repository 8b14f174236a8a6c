//! What query and path parameters accept, for the OpenAPI document.
//!
//! Handlers take every parameter as a string and parse it themselves, so
//! that each mistake gets its own localized 400; the types here only tell
//! clients the truth about what those parsers accept, as
//! `#[param(value_type = Option<T>, inline)]`. Closed sets are built from
//! the constants the parsers use, so the two cannot drift. Patterns
//! describe a subset of what a parser accepts (it also trims blanks, for
//! instance): a value matching the pattern is always accepted.

use utoipa::openapi::schema::{KnownFormat, Object, ObjectBuilder, SchemaFormat, Type};

use crate::api::embed::theme::Theme;
use crate::domain::editing::Role;
use crate::domain::query::{MAX_QUERY_CHARS, MAX_RADIUS_M};
use crate::domain::reports::{ReportKind, ReportStatus};
use crate::domain::{Age, Category, ListingId, PageLimit, Sort, feed};
use crate::exchange::document::schema;
use crate::exchange::open_data::ImportFormat;

/// Declares types whose OpenAPI schema is the given expression (an
/// [`Object`] or any other schema), for `value_type = …, inline`.
macro_rules! value_types {
    ($($(#[doc = $doc:expr])* $name:ident = $schema:expr;)*) => {$(
        $(#[doc = $doc])*
        #[derive(Debug)]
        pub(crate) struct $name;

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::RefOr::T($schema.into())
            }
        }

        impl utoipa::ToSchema for $name {}
    )*};
}
pub(crate) use value_types;

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> Object {
    string()
        .enum_values(Some(values.into_iter().map(str::to_owned)))
        .build()
}

fn pattern(pattern: String) -> Object {
    string().pattern(Some(pattern)).build()
}

/// A whole number from `min` to `max`.
pub fn integer(min: i64, max: i64) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min))
        .maximum(Some(max))
        .build()
}

/// A string of a known format.
pub fn formatted(format: KnownFormat) -> Object {
    string()
        .format(Some(SchemaFormat::KnownFormat(format)))
        .build()
}

/// A UUID, one of `ids` when given.
pub fn uuid(ids: &[String]) -> Object {
    let schema = string().format(Some(SchemaFormat::Custom("uuid".into())));
    if ids.is_empty() {
        schema.build()
    } else {
        schema.enum_values(Some(ids.iter().cloned())).build()
    }
}

/// A latitude from -90 to 90 in decimal degrees.
const LATITUDE: &str = r"-?(90(\.0+)?|[1-8]?[0-9](\.[0-9]+)?)";
/// A longitude from -180 to 180 in decimal degrees.
const LONGITUDE: &str = r"-?(180(\.0+)?|(1[0-7][0-9]|[1-9]?[0-9])(\.[0-9]+)?)";

// The `Period` pattern stops at 9999 days and 999 weeks or months (of at
// most 31 days): every value it allows is within the parser's century.
const _: () = assert!(999 * 31 <= Age::MAX_DAYS && 9999 <= Age::MAX_DAYS);

value_types! {
    /// A category code.
    CategoryCode = one_of(Category::ALL.iter().map(|c| c.code()));
    /// A listing order.
    SortOrder = one_of(Sort::ALL.iter().map(|s| s.code()));
    /// The widget's colour theme.
    ThemeName = one_of(Theme::ALL.iter().map(|t| t.code()));
    /// `format` of `/v1/listings`.
    ListingFormat = one_of(["json", "geojson"]);
    /// `format` of the HSDS lists.
    HsdsFormat = one_of(["json", "ndjson"]);
    /// `true` or `false`.
    Flag = ObjectBuilder::new().schema_type(Type::Boolean).build();
    /// An RFC 3339 instant.
    Instant = formatted(KnownFormat::DateTime);
    /// A page size of `/v1/listings` and the lists shaped like it.
    PageSize = integer(PageLimit::MIN.into(), PageLimit::MAX.into());
    /// A page size of the change feed.
    FeedPageSize = integer(1, feed::MAX_LIMIT);
    /// A search radius in metres (decimals accepted).
    Metres = ObjectBuilder::new()
        .schema_type(Type::Number)
        .minimum(Some(1))
        .maximum(Some(MAX_RADIUS_M))
        .build();
    /// Search text, up to 200 characters.
    SearchText = string().max_length(Some(MAX_QUERY_CHARS)).build();
    /// `latitude,longitude`.
    LatLon = pattern(format!("^{LATITUDE},{LONGITUDE}$"));
    /// `west,south,east,north`.
    Viewport = pattern(format!("^{LONGITUDE},{LATITUDE},{LONGITUDE},{LATITUDE}$"));
    /// `<N>d`, `<N>w` or `<N>m`, up to a century.
    Period = pattern("^([1-9][0-9]{0,3}[dD]|[1-9][0-9]{0,2}[wWmM])$".into());
    /// A hex colour, `#` optional.
    HexColour = pattern("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$".into());
    /// A BCP 47 language tag: language, then optionally script and region.
    LanguageTag = schema::language_tag();
    /// A listing id: lowercase words of letters and digits joined by hyphens.
    ListingSlug = string()
        .pattern(Some(schema::LISTING_ID))
        .max_length(Some(ListingId::MAX_LEN))
        .build();
    /// An opaque cursor the server handed out (URL-safe base64).
    Token = pattern("^[A-Za-z0-9_-]+$".into());
    /// A code of reference data (a city or district): see `GET /v1/cities`.
    ReferenceCode = pattern(schema::REFERENCE_CODE.into());
    /// A UUID, as HSDS ids are.
    Uuid = uuid(&[]);
    /// `format` of `POST /v1/imports`.
    ImportFormatCode = one_of(ImportFormat::ALL.iter().map(|f| f.code()));
    /// A key's role.
    RoleCode = one_of(Role::ALL.iter().map(|r| r.code()));
    /// What a report says is wrong.
    ReportKindCode = one_of(ReportKind::ALL.iter().map(|k| k.code()));
    /// How an editor resolves a report: any status but `open`.
    ResolutionCode = one_of(
        ReportStatus::ALL.iter().filter(|s| **s != ReportStatus::Open).map(|s| s.code())
    );
    /// The reports queue's filter: a status, or `all`.
    ReportStatusFilter = one_of(ReportStatus::ALL.iter().map(|s| s.code()).chain(["all"]));
    /// A report id the queue handed out.
    ReportCursor = pattern("^[0-9]{1,18}$".into());
    /// An e-mail address, or nothing.
    OptionalEmail = schema::email();
    /// Text of at most 1000 characters, or nothing.
    OptionalNote = ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([Type::String, Type::Null]))
        .max_length(Some(crate::domain::reports::MAX_TEXT))
        .build();
    /// The locales a translator key may write: shipped locale tags.
    LocaleTags = utoipa::openapi::schema::ArrayBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([Type::Array, Type::Null]))
        .items(LanguageTag::schema())
        .min_items(Some(1))
        .max_items(Some(16))
        .build();
    /// A parameter no value of which is served: only empty (absent) passes.
    Unserved = string().max_length(Some(0)).build();
}
