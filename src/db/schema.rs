#![allow(missing_docs)] // diesel::table! generates a module and a struct per table and column.
//! Diesel table definitions, shared by the SQLite and PostgreSQL migrations
//! (`migrations/<backend>/`), which must keep the same column types.

diesel::table! {
    cities (code) {
        code -> Text,
        country_code -> Text,
        time_zone -> Text,
        latitude -> Double,
        longitude -> Double,
        position -> Integer,
    }
}

diesel::table! {
    districts (city_code, code) {
        city_code -> Text,
        code -> Text,
        latitude -> Double,
        longitude -> Double,
    }
}

diesel::table! {
    listings (id) {
        id -> Text,
        category -> Text,
        city_code -> Text,
        district_code -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        website -> Nullable<Text>,
        opening_hours -> Nullable<Text>,
        min_age -> Nullable<Integer>,
        max_age -> Nullable<Integer>,
        application_opens_at -> Nullable<Timestamp>,
        application_closes_at -> Nullable<Timestamp>,
        capacity_rooms -> Nullable<Integer>,
        capacity_people_min -> Nullable<Integer>,
        capacity_people_max -> Nullable<Integer>,
        max_hours_per_day -> Nullable<Integer>,
        capacity_teams -> Nullable<Integer>,
        residency_months -> Nullable<Integer>,
        max_residency_months -> Nullable<Integer>,
        source -> Text,
        sample -> Bool,
        verified_at -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        deleted_at -> Nullable<Timestamp>,
        version -> BigInt,
        external_id -> Nullable<Text>,
        location_approximate -> Bool,
    }
}

diesel::table! {
    listing_languages (listing_id, language_code) {
        listing_id -> Text,
        language_code -> Text,
    }
}

diesel::table! {
    listing_translations (listing_id, locale) {
        listing_id -> Text,
        locale -> Text,
        name -> Text,
        address -> Nullable<Text>,
        summary -> Nullable<Text>,
        eligibility -> Nullable<Text>,
    }
}

diesel::table! {
    api_keys (id) {
        id -> BigInt,
        prefix -> Text,
        hash -> Text,
        role -> Text,
        name -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        locales -> Nullable<Text>,
    }
}

diesel::table! {
    listing_audit (id) {
        id -> BigInt,
        listing_id -> Text,
        key_id -> Nullable<BigInt>,
        action -> Text,
        at -> Timestamp,
        before -> Nullable<Text>,
        after -> Nullable<Text>,
        import_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    imports (id) {
        id -> BigInt,
        key_id -> Nullable<BigInt>,
        at -> Timestamp,
        sha256 -> Text,
        rows_read -> BigInt,
        created -> BigInt,
        updated -> BigInt,
        unchanged -> BigInt,
    }
}

diesel::table! {
    data_version (id) {
        id -> Integer,
        version -> BigInt,
    }
}

diesel::table! {
    listing_changes (id) {
        id -> BigInt,
        listing_id -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    listing_reports (id) {
        id -> BigInt,
        listing_id -> Text,
        kind -> Text,
        message -> Text,
        contact -> Nullable<Text>,
        status -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<BigInt>,
        note -> Nullable<Text>,
    }
}

diesel::table! {
    database_identity (id) {
        id -> Text,
    }
}

diesel::joinable!(districts -> cities (city_code));
diesel::joinable!(listings -> cities (city_code));
diesel::joinable!(listing_languages -> listings (listing_id));
diesel::joinable!(listing_translations -> listings (listing_id));

diesel::allow_tables_to_appear_in_same_query!(
    cities,
    districts,
    listings,
    listing_languages,
    listing_translations,
    api_keys,
    listing_audit,
    imports,
    listing_changes,
    listing_reports,
);
