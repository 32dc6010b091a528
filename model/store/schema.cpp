#include "schema.h"

namespace sightline::schema {

namespace {
// Version 1: every entity of DESIGN.md. Times are integer milliseconds since the epoch, UTC.
constexpr std::string_view kV1 = R"SQL(
CREATE TABLE snapshot (
    id INTEGER PRIMARY KEY,
    format TEXT NOT NULL,
    source_path TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    captured_at INTEGER,
    imported_at INTEGER NOT NULL,
    asset_count INTEGER NOT NULL DEFAULT 0,
    edge_count INTEGER NOT NULL DEFAULT 0,
    column_count INTEGER NOT NULL DEFAULT 0,
    observation_count INTEGER NOT NULL DEFAULT 0,
    summary TEXT
);

-- One row per (snapshot, reporting source) so that retirement can be decided per source.
CREATE TABLE snapshot_source (
    snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, source)
) WITHOUT ROWID;

CREATE TABLE asset (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    platform TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    tags TEXT,
    owner TEXT,
    team TEXT,
    channel TEXT,
    url TEXT,
    database_name TEXT,
    schema_name TEXT,
    systems TEXT,
    first_snapshot INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
    last_snapshot INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
    retired_snapshot INTEGER REFERENCES snapshot(id) ON DELETE SET NULL
);
CREATE INDEX asset_kind ON asset(kind);

-- Which source reported an asset, and in which snapshot it last did.
CREATE TABLE asset_report (
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    first_snapshot INTEGER NOT NULL,
    last_snapshot INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (asset_id, source)
) WITHOUT ROWID;
CREATE INDEX asset_report_source ON asset_report(source, last_snapshot);

CREATE TABLE asset_column (
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT,
    ordinal INTEGER NOT NULL,
    description TEXT,
    PRIMARY KEY (asset_id, name)
) WITHOUT ROWID;

CREATE TABLE schema_version (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    snapshot_id INTEGER REFERENCES snapshot(id) ON DELETE CASCADE,
    captured_at INTEGER,
    columns TEXT NOT NULL,
    columns_hash TEXT NOT NULL
);
CREATE INDEX schema_version_asset ON schema_version(asset_id, captured_at);

CREATE TABLE edge (
    id INTEGER PRIMARY KEY,
    from_asset INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    to_asset INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    first_snapshot INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
    last_snapshot INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
    retired_snapshot INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
    UNIQUE (from_asset, to_asset)
);
CREATE INDEX edge_to ON edge(to_asset);

CREATE TABLE edge_report (
    edge_id INTEGER NOT NULL REFERENCES edge(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    first_snapshot INTEGER NOT NULL,
    last_snapshot INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edge_id, source)
) WITHOUT ROWID;
CREATE INDEX edge_report_source ON edge_report(source, last_snapshot);

CREATE TABLE column_edge (
    id INTEGER PRIMARY KEY,
    from_asset INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    from_column TEXT NOT NULL,
    to_asset INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    to_column TEXT NOT NULL,
    transformation TEXT,
    snapshot_id INTEGER REFERENCES snapshot(id) ON DELETE SET NULL,
    UNIQUE (from_asset, from_column, to_asset, to_column)
);

CREATE TABLE observation (
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    column_name TEXT NOT NULL DEFAULT '',
    metric TEXT NOT NULL,
    at INTEGER NOT NULL,
    value REAL,
    snapshot_id INTEGER REFERENCES snapshot(id) ON DELETE CASCADE,
    PRIMARY KEY (asset_id, metric, column_name, at)
) WITHOUT ROWID;

CREATE TABLE incident_group (
    id INTEGER PRIMARY KEY,
    root_asset INTEGER REFERENCES asset(id) ON DELETE SET NULL,
    explanation TEXT,
    created_at INTEGER NOT NULL
);

CREATE TABLE incident (
    id INTEGER PRIMARY KEY,
    detector TEXT NOT NULL,
    kind TEXT NOT NULL,
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    column_name TEXT,
    detected_at INTEGER NOT NULL,
    window_start INTEGER NOT NULL,
    window_end INTEGER NOT NULL,
    expected_low REAL,
    expected_high REAL,
    observed REAL,
    observed_text TEXT,
    score REAL,
    direction TEXT,
    severity TEXT NOT NULL DEFAULT 'SEV-3',
    status TEXT NOT NULL DEFAULT 'open',
    assignee TEXT,
    snoozed_until INTEGER,
    group_id INTEGER REFERENCES incident_group(id) ON DELETE SET NULL,
    training_start INTEGER,
    training_end INTEGER,
    excluded_points TEXT,
    explanation TEXT NOT NULL,
    fingerprint TEXT UNIQUE
);
CREATE INDEX incident_asset ON incident(asset_id);
CREATE INDEX incident_status ON incident(status);

-- Append-only audit trail of every change a person or Sightline made to an incident.
CREATE TABLE incident_event (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    comment TEXT
);
CREATE INDEX incident_event_incident ON incident_event(incident_id, at);

CREATE TABLE annotation (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    until INTEGER,
    text TEXT NOT NULL,
    author TEXT,
    exclude_from_training INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX annotation_asset ON annotation(asset_id, at);
)SQL";
// Version 2: outcomes of runs/tests/freshness checks, and aliases by which inputs name assets.
constexpr std::string_view kV2 = R"SQL(
CREATE TABLE run_result (
    id INTEGER PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    snapshot_id INTEGER REFERENCES snapshot(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    column_name TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    at INTEGER NOT NULL,
    duration REAL,
    message TEXT,
    UNIQUE (asset_id, kind, name, column_name, at)
);
CREATE INDEX run_result_asset ON run_result(asset_id, at);

CREATE TABLE asset_alias (
    alias TEXT PRIMARY KEY,
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE
) WITHOUT ROWID;
)SQL";
// Version 3: observations clustered by UTC day. Version 1 kept them in one b-tree ordered by
// series (asset, metric, column, time): a daily capture adds one point to every series, so it
// dirtied nearly every page of the table and each import rewrote the whole history (122 MB of
// WAL for one capture of 50,000 tables after 20 days). Keyed by (day, asset, metric, column, at)
// a capture lands in its own day's region and writes only its own pages; one series is read by
// one seek per day that has observations (observation_day lists them). The `observation` view
// keeps the version-1 columns for readers and adds the day condition, so that a query by
// (asset_id, metric, column_name) seeks per day instead of scanning. Writers use
// observation_point and observation_day. No foreign keys: a cascade by asset or snapshot would
// scan the table per deleted row; snapshot removal deletes points explicitly.
// `day` is `at / 86400000` (integer division, as C++ and SQLite both truncate).
constexpr std::string_view kV3 = R"SQL(
CREATE TABLE observation_point (
    day INTEGER NOT NULL,
    asset_id INTEGER NOT NULL,
    metric TEXT NOT NULL,
    column_name TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL,
    value REAL,
    snapshot_id INTEGER,
    PRIMARY KEY (day, asset_id, metric, column_name, at)
) WITHOUT ROWID;
INSERT INTO observation_point (day, asset_id, metric, column_name, at, value, snapshot_id)
    SELECT at / 86400000, asset_id, metric, column_name, at, value, snapshot_id FROM observation
    ORDER BY 1, 2, 3, 4, 5;
CREATE TABLE observation_day (day INTEGER PRIMARY KEY);
INSERT INTO observation_day (day) SELECT DISTINCT day FROM observation_point;
DROP TABLE observation;
-- Reports move to the new snapshot every capture: indexed by last_snapshot, each capture moved
-- every entry of the index (25 of 54 ms a day for 50,000 tables); retiring scans one source's
-- reports instead.
DROP INDEX asset_report_source;
CREATE INDEX asset_report_source ON asset_report(source);
DROP INDEX edge_report_source;
CREATE INDEX edge_report_source ON edge_report(source);
CREATE VIEW observation AS
    SELECT asset_id, column_name, metric, at, value, snapshot_id, day FROM observation_point
    WHERE day IN (SELECT day FROM observation_day);
-- Code and tests written against version 1 may still insert into, update or delete from
-- `observation`: the triggers keep both tables right. (Inside a trigger the outer statement's
-- conflict clause wins, so the day is added by a NOT EXISTS, not by OR IGNORE.)
CREATE TRIGGER observation_insert INSTEAD OF INSERT ON observation
BEGIN
    INSERT INTO observation_day (day) SELECT NEW.at / 86400000
        WHERE NOT EXISTS (SELECT 1 FROM observation_day WHERE day = NEW.at / 86400000);
    INSERT INTO observation_point (day, asset_id, metric, column_name, at, value, snapshot_id)
        VALUES (NEW.at / 86400000, NEW.asset_id, NEW.metric, coalesce(NEW.column_name, ''), NEW.at, NEW.value,
                NEW.snapshot_id);
END;
CREATE TRIGGER observation_update INSTEAD OF UPDATE OF value, snapshot_id ON observation
BEGIN
    UPDATE observation_point SET value = NEW.value, snapshot_id = NEW.snapshot_id
        WHERE day = OLD.day AND asset_id = OLD.asset_id AND metric = OLD.metric AND column_name = OLD.column_name
        AND at = OLD.at;
END;
CREATE TRIGGER observation_delete INSTEAD OF DELETE ON observation
BEGIN
    DELETE FROM observation_point
        WHERE day = OLD.day AND asset_id = OLD.asset_id AND metric = OLD.metric AND column_name = OLD.column_name
        AND at = OLD.at;
END;
)SQL";
// Version 4: "train as new normal" restarts a series' baseline (model/detect/feedback.h).
constexpr std::string_view kV4 = R"SQL(
CREATE TABLE training_baseline (
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    metric TEXT NOT NULL DEFAULT '',
    column_name TEXT NOT NULL DEFAULT '',
    since INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (asset_id, metric, column_name)
) WITHOUT ROWID;
)SQL";
// Version 5: asset.merge_hash, a hash of the row's mergeable columns (kind .. systems, see
// WorkspaceWriter::mergeHash) set by the import writer. The writer loaded and hashed those 13
// columns of every asset on every import (12 % of a daily capture of 50,000 tables) to tell an
// unchanged asset from a changed one; it now loads (key, id, merge_hash). Any other change of
// those columns clears the hash (the trigger), so that the writer merges such a row field by
// field again instead of trusting a stale hash.
constexpr std::string_view kV5 = R"SQL(
ALTER TABLE asset ADD COLUMN merge_hash INTEGER;
CREATE TRIGGER asset_merge_hash_stale AFTER UPDATE OF kind, platform, name, description, tags, owner, team,
    channel, url, database_name, schema_name, systems ON asset
    WHEN NEW.merge_hash IS OLD.merge_hash AND NEW.merge_hash IS NOT NULL
BEGIN
    UPDATE asset SET merge_hash = NULL WHERE id = NEW.id;
END;
)SQL";
// Version 6: "reported by the latest snapshot of its source" is a NULL last_snapshot. Every
// capture used to move last_snapshot of every report and every asset and edge to the new
// snapshot: 100,000 row updates a day for 50,000 tables, and their pages in the WAL, to say
// nothing had changed (a third of a capture's import time). Now a report is an interval: open
// (last_snapshot NULL, retired 0) while each snapshot of its source reports it, closed (the last
// snapshot that did, retired 1) when one no longer does. An import writes only what opens or
// closes. asset/edge.last_snapshot likewise: NULL while current, else the last snapshot that
// reported it. The (source, last_snapshot) index finds a source's open reports without reading
// the table, and no longer moves with every capture.
constexpr std::string_view kV6 = R"SQL(
CREATE TABLE asset_report_v6 (
    asset_id INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    first_snapshot INTEGER NOT NULL,
    last_snapshot INTEGER,
    retired INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (asset_id, source)
) WITHOUT ROWID;
INSERT INTO asset_report_v6 (asset_id, source, first_snapshot, last_snapshot, retired)
    SELECT asset_id, source, first_snapshot, CASE WHEN retired = 0 THEN NULL ELSE last_snapshot END, retired
    FROM asset_report;
DROP TABLE asset_report;
ALTER TABLE asset_report_v6 RENAME TO asset_report;
CREATE INDEX asset_report_source ON asset_report(source, last_snapshot);
CREATE TABLE edge_report_v6 (
    edge_id INTEGER NOT NULL REFERENCES edge(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    first_snapshot INTEGER NOT NULL,
    last_snapshot INTEGER,
    retired INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edge_id, source)
) WITHOUT ROWID;
INSERT INTO edge_report_v6 (edge_id, source, first_snapshot, last_snapshot, retired)
    SELECT edge_id, source, first_snapshot, CASE WHEN retired = 0 THEN NULL ELSE last_snapshot END, retired
    FROM edge_report;
DROP TABLE edge_report;
ALTER TABLE edge_report_v6 RENAME TO edge_report;
CREATE INDEX edge_report_source ON edge_report(source, last_snapshot);
UPDATE asset SET last_snapshot = NULL WHERE retired_snapshot IS NULL;
UPDATE edge SET last_snapshot = NULL WHERE retired_snapshot IS NULL;
)SQL";
} // namespace

const std::vector<std::string_view>& migrations()
{
    static const std::vector<std::string_view> list = {kV1, kV2, kV3, kV4, kV5, kV6};
    return list;
}

} // namespace sightline::schema
