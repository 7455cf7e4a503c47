-- Take the elevated role for the rest of this changeset's transaction only (SET LOCAL ends at COMMIT).
-- Objects created after this are owned by that role, as in PyCDS.
SET LOCAL ROLE ${suRoleName};
