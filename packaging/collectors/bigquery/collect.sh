#!/bin/sh
# Sightline BigQuery collector: writes one capture folder of metadata exports.
#   collect.sh PROJECT REGION OUT_DIR [storage|tables]
# Creates OUT_DIR/PROJECT/<UTC time>/ with the table inventory (storage, the default:
# table_storage.json from one region-wide query; tables: tables-<dataset>.json from each
# dataset's __TABLES__, which also lists views), columns.json and jobs.json, then prints the
# folder. Use one inventory kind, not both: each gives row counts and bytes. Needs the Google Cloud
# SDK's `bq`, authenticated (gcloud auth login, or a service account with BigQuery Metadata
# Viewer + Resource Viewer on the project). A failed query leaves no partial file behind.
set -eu
[ $# -eq 3 ] || [ $# -eq 4 ] || { echo "usage: $0 PROJECT REGION OUT_DIR [storage|tables]" >&2; exit 1; }
INVENTORY=${4:-storage}
PROJECT=$1
REGION=$2
HERE=$(cd "$(dirname "$0")" && pwd)
OUT="$3/$PROJECT/$(date -u +%Y-%m-%dT%H%M%SZ)"
# Written under a temporary name and renamed when complete: an import running meanwhile never
# sees half a capture.
WORK="$3/$PROJECT/.incomplete-$(date -u +%Y%m%d%H%M%S)-$$"
mkdir -p "$WORK"

# bq prints only 100 rows unless told otherwise.
BQ="bq query --project_id=$PROJECT --use_legacy_sql=false --format=json --max_rows=100000000 --quiet"

run() { # run SQL_FILE OUT_NAME [DATASET]
    sed -e "s/\${PROJECT}/$PROJECT/g" -e "s/\${REGION}/$REGION/g" -e "s/\${DATASET}/${3:-}/g" "$HERE/$1" \
        | $BQ > "$WORK/$2"
}

if [ "$INVENTORY" = tables ]; then
    datasets=$(bq query --project_id="$PROJECT" --use_legacy_sql=false --format=csv --max_rows=100000 --quiet \
        "SELECT schema_name FROM \`$PROJECT\`.\`region-$REGION\`.INFORMATION_SCHEMA.SCHEMATA
         WHERE NOT STARTS_WITH(schema_name, '_') ORDER BY schema_name" | tail -n +2)
    for ds in $datasets; do
        run tables.sql "tables-$ds.json" "$ds"
    done
else
    run table_storage.sql table_storage.json
fi
run columns.sql columns.json
run jobs.sql jobs.json
mv "$WORK" "$OUT"
echo "$OUT"
