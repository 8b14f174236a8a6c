DROP TABLE listing_reports;
DROP TABLE listing_changes;
