DROP INDEX listings_deleted_at;
DROP INDEX listings_updated_at;
