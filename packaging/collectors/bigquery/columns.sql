-- Sightline collector: the physical columns of every table in one region: schema versions and
-- schema-change detection. ${PROJECT} and ${REGION} are filled in by collect.sh.
SELECT
  table_catalog,
  table_schema,
  table_name,
  column_name,
  ordinal_position,
  is_nullable,
  data_type,
  CURRENT_TIMESTAMP() AS captured_at
FROM `${PROJECT}`.`region-${REGION}`.INFORMATION_SCHEMA.COLUMNS
WHERE NOT STARTS_WITH(table_schema, '_')
ORDER BY table_schema, table_name, ordinal_position
