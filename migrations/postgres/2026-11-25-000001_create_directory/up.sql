-- Reference data: cities and their districts. Their names are localized in
-- the Fluent files (city-<code>, district-<city>-<code>), not here, so that a
-- new locale is a folder under locales/ and never a data migration.
CREATE TABLE cities (
    code TEXT PRIMARY KEY NOT NULL,
    country_code TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE districts (
    city_code TEXT NOT NULL REFERENCES cities (code),
    code TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (city_code, code)
);

CREATE TABLE listings (
    id TEXT PRIMARY KEY NOT NULL,
    category TEXT NOT NULL CHECK (category IN ('real_estate', 'job_cafe', 'incubator', 'contact_point')),
    city_code TEXT NOT NULL REFERENCES cities (code),
    district_code TEXT,
    latitude DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
    longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
    phone TEXT,
    email TEXT,
    website TEXT,
    opening_hours TEXT,
    min_age INTEGER,
    max_age INTEGER,
    application_opens_at TIMESTAMP,
    application_closes_at TIMESTAMP,
    capacity_rooms INTEGER,
    capacity_people_min INTEGER,
    capacity_people_max INTEGER,
    max_hours_per_day INTEGER,
    capacity_teams INTEGER,
    residency_months INTEGER,
    max_residency_months INTEGER,
    source TEXT NOT NULL,
    sample BOOLEAN NOT NULL DEFAULT FALSE,
    verified_at DATE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    deleted_at TIMESTAMP,
    FOREIGN KEY (city_code, district_code) REFERENCES districts (city_code, code),
    CHECK (application_opens_at IS NULL OR application_closes_at IS NULL
           OR application_opens_at < application_closes_at)
);

-- Every filter of GET /v1/listings pages by id: composite indexes that end
-- in id keep a filtered page an index range scan.
CREATE INDEX listings_category_id ON listings (category, id);
CREATE INDEX listings_city_district_id ON listings (city_code, district_code, id);

-- Languages spoken by staff (BCP 47), one row each so that the language
-- filter is an index lookup, not a scan of a list column.
CREATE TABLE listing_languages (
    listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    language_code TEXT NOT NULL,
    PRIMARY KEY (listing_id, language_code)
);
CREATE INDEX listing_languages_language ON listing_languages (language_code, listing_id);

-- Free text per locale. A locale may lack a row or a field: reads fall back
-- to English field by field.
CREATE TABLE listing_translations (
    listing_id TEXT NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
    locale TEXT NOT NULL,
    name TEXT NOT NULL,
    address TEXT,
    summary TEXT,
    eligibility TEXT,
    PRIMARY KEY (listing_id, locale)
);
