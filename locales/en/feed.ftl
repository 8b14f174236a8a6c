# Verification reports: what anyone may send about a listing, and the
# editors' queue.

report-received = Thank you. An editor will check your report.

problem-title-report-not-found = Report not found
problem-detail-report-not-found = No report has the id “{ $id }”.
problem-detail-report-resolved = This report has already been resolved.
problem-detail-report-listing-busy = The listing keeps changing while you resolve this report; try again in a moment.
