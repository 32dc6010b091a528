-- Sightline collector: yesterday's finished jobs (UTC day), for lineage (referenced_tables ->
-- destination_table), load times and bytes processed. Windows of consecutive days do not
-- overlap. The creation_time bound prunes partitions (JOBS is partitioned by creation_time);
-- the end_time bounds pick the jobs that finished yesterday, also those started the day before.
-- ${PROJECT} and ${REGION} are filled in by collect.sh.
SELECT
  job_id,
  project_id,
  user_email,
  job_type,
  statement_type,
  creation_time,
  end_time,
  state,
  destination_table,        -- RECORD: {project_id, dataset_id, table_id}
  referenced_tables,        -- REPEATED RECORD
  total_bytes_processed,
  error_result,             -- RECORD, NULL when the job succeeded
  CURRENT_TIMESTAMP() AS captured_at
FROM `${PROJECT}`.`region-${REGION}`.INFORMATION_SCHEMA.JOBS
WHERE creation_time >= TIMESTAMP_SUB(TIMESTAMP_TRUNC(CURRENT_TIMESTAMP(), DAY), INTERVAL 3 DAY)
  AND end_time >= TIMESTAMP_SUB(TIMESTAMP_TRUNC(CURRENT_TIMESTAMP(), DAY), INTERVAL 1 DAY)
  AND end_time < TIMESTAMP_TRUNC(CURRENT_TIMESTAMP(), DAY)
  AND state = 'DONE'
  AND job_type IN ('QUERY', 'LOAD', 'COPY')
  AND destination_table IS NOT NULL
ORDER BY creation_time
