-- discarded_obs_raw_mv, version of revision f6d5a4c2e901 (head): the ids of observations carrying at least
-- one native or PCIC flag whose discard is true (NULL discard, or no flag, counts as false). The daily and
-- precipitation matviews of this revision read their "good" observations as those not listed here, so
-- refresh this one before them. Its unique index (discarded_obs_raw_mv_pkey) allows REFRESH ... CONCURRENTLY.
CREATE MATERIALIZED VIEW IF NOT EXISTS ${schemaName}.discarded_obs_raw_mv AS
SELECT obs.obs_raw_id
  FROM ${schemaName}.obs_raw AS obs
  LEFT JOIN ${schemaName}.obs_raw_native_flags AS onf ON onf.obs_raw_id = obs.obs_raw_id
  LEFT JOIN ${schemaName}.meta_native_flag AS nf ON nf.native_flag_id = onf.native_flag_id
  LEFT JOIN ${schemaName}.obs_raw_pcic_flags AS opf ON opf.obs_raw_id = obs.obs_raw_id
  LEFT JOIN ${schemaName}.meta_pcic_flag AS pf ON pf.pcic_flag_id = opf.pcic_flag_id
 GROUP BY obs.obs_raw_id
HAVING bool_or(coalesce(nf.discard, false)) OR bool_or(coalesce(pf.discard, false))
WITH DATA;
