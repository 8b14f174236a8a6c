ALTER TABLE listing_audit DROP COLUMN import_id;
DROP TABLE imports;
