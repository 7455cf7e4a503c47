-- Give the elevated role of common/elevate.sql back: the last change of every changeset (and rollback) that
-- elevates. Online, COMMIT ends SET LOCAL anyway; in an offline script (updateSQL) run as one transaction
-- (psql --single-transaction) this is what keeps the next changeset from running as the elevated role.
SET LOCAL ROLE NONE;
