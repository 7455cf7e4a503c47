-- View obs_with_flags, revision 84b7fc2596d5: observations with their variable and the history's station.
-- Despite its name it carries no flag information.
CREATE OR REPLACE VIEW ${schemaName}.obs_with_flags AS
SELECT
    var.vars_id,
    var.network_id,
    var.unit,
    var.standard_name,
    var.cell_method,
    var.net_var_name,
    hist.station_id,
    obs.obs_raw_id,
    obs.obs_time,
    obs.mod_time,
    obs.datum
FROM ${schemaName}.obs_raw AS obs
JOIN ${schemaName}.meta_vars AS var ON var.vars_id = obs.vars_id
JOIN ${schemaName}.meta_history AS hist ON hist.history_id = obs.history_id;
