-- Sightline collector: one dataset's tables from the __TABLES__ meta-table (row count, bytes,
-- last change). __TABLES__ exists per dataset: collect.sh runs this once per dataset of the
-- project into the same capture folder. ${PROJECT} and ${DATASET} are filled in by collect.sh.
-- creation_time and last_modified_time stay INTEGER milliseconds since the epoch, as stored.
SELECT
  project_id,
  dataset_id,
  table_id,
  creation_time,
  last_modified_time,
  row_count,
  size_bytes,
  type,                                -- 1 table, 2 view, 3 external
  CURRENT_TIMESTAMP() AS captured_at   -- the observation time Sightline uses
FROM `${PROJECT}.${DATASET}.__TABLES__`
ORDER BY table_id
