-- No query looks dossiers up by the applicant's phone (the citizen look-up goes by code, then
-- compares the phone), so its index only slowed every insert and every history import.
DROP INDEX dossiers_phone;
