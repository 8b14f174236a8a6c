DROP TABLE data_version;
DROP TABLE listing_audit;
DROP TABLE api_keys;
DROP INDEX listings_external_id;
ALTER TABLE listings DROP COLUMN external_id;
ALTER TABLE listings DROP COLUMN version;
