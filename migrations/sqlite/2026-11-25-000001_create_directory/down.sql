DROP TABLE listing_translations;
DROP TABLE listing_languages;
DROP TABLE listings;
DROP TABLE districts;
DROP TABLE cities;
