-- Sightline collector: storage of every table of the project in one region, in one query.
-- An alternative to __TABLES__ for projects with many datasets. ${PROJECT} and ${REGION}
-- (e.g. us, eu, europe-west3) are filled in by collect.sh.
SELECT
  project_id,
  table_catalog,
  table_schema,
  table_name,
  table_type,
  creation_time,
  total_rows,
  total_logical_bytes,
  total_physical_bytes,
  storage_last_modified_time,
  deleted,
  CURRENT_TIMESTAMP() AS captured_at
FROM `${PROJECT}`.`region-${REGION}`.INFORMATION_SCHEMA.TABLE_STORAGE
WHERE NOT STARTS_WITH(table_schema, '_')   -- anonymous result and script datasets
ORDER BY table_schema, table_name
