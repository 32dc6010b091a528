#pragma once

#include <string>

namespace sightline {

// One kind of entity that sources report, with the table of its reports: assets (asset,
// asset_report) or edges (edge, edge_report). A report is an interval of its source's snapshots
// (schema v6): first_snapshot .. last_snapshot, or open (last_snapshot NULL, retired 0) while
// the source's latest snapshot still reports it. Names are fixed text, never input.
struct ReportedEntity
{
    std::string table;
    std::string reportTable;
    std::string idColumn;

    // " FROM <reports> r WHERE r.<id> = <table>.id": the reports of the row a statement updates.
    std::string reportsOfRow() const
    {
        return " FROM " + reportTable + " r WHERE r." + idColumn + " = " + table + ".id";
    }

    static const ReportedEntity& assets()
    {
        static const ReportedEntity e {"asset", "asset_report", "asset_id"};
        return e;
    }
    static const ReportedEntity& edges()
    {
        static const ReportedEntity e {"edge", "edge_report", "edge_id"};
        return e;
    }
};

} // namespace sightline
