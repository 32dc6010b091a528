#pragma once

// The demo's ~60 days of history as events: when each warehouse table changed and how many rows
// it held after the change. genhistory.cpp samples these at capture times and writes them in the
// formats the importers read. Deterministic: times and noise come from fixed dates and hashes.

#include <cstdint>
#include <string>
#include <vector>

namespace demo {

using Millis = std::int64_t;

constexpr Millis kHour = 3600 * 1000;
constexpr Millis kDay = 24 * kHour;

// ms since the epoch of a UTC civil time.
Millis utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0, int millis = 0);
// 0 Monday … 6 Sunday.
int weekday(Millis t);
// Deterministic noise in [0, 1) from a name and a number.
double noise(const std::string& name, std::int64_t n);

// The history's span: the first and last capture (the last is just before the manifest's time).
Millis historyStart();
Millis historyEnd();
constexpr Millis kCaptureEvery = 6 * kHour;

// The injected incidents, at fixed times (the tests assert them).
namespace incident {
// (1) A legitimate clean-up: 150,000 quotes priced by a retired valuation model deleted.
Millis quotesCleanup();
constexpr double kQuotesDeleted = 150000;
// (2) The Stripe load (Fivetran) fails at 02:04 and lands at 13:41; finance models wait for it.
Millis stripeLateDay();
Millis stripeLateLoad();
Millis financeLateRun();
// (3) fct_listings loses price_drop_count in the daily run of this day.
Millis columnDropRun();
// (4) listing_impressions' increment collapses (iOS release stopped impression events).
Millis impressionsCollapseStart();
Millis impressionsCollapseEnd();
} // namespace incident

enum class Pattern
{
    Append, // grows with every load (events, logs, CDC replicas that only insert)
    Rebuild, // dbt table: rewritten by every run, its size drifts slowly
    Static, // written once (seeds)
    View, // no rows of its own; redefined by every dbt run
};

enum class Cadence
{
    Stream, // continuous replication / streaming: a change every hour at `minute`
    Every6h, // Fivetran every 6 hours at `minute`
    Daily, // once a day at hour:minute
    Weekday, // Monday to Friday at hour:minute
    DbtMain, // the daily dbt build (05:00)
    DbtFinance, // the finance dbt build, after the Stripe load
    DbtHourly, // the hourly dbt job for sessions and searches
    Never,
};

struct Event
{
    Millis at;
    double rows;
};

struct TablePlan
{
    std::string project;
    std::string dataset;
    std::string table;
    Pattern pattern = Pattern::Append;
    Cadence cadence = Cadence::Never;
    int hour = 0;
    int minute = 0;
    double rows0 = 0; // rows at the start of the history
    double perDay = 0; // rows added per (average) day
    double bytesPerRow = 100;
    double fluctuation = 0; // Rebuild: rows vary around rows0 by this share instead of growing
    bool consumer = false; // weekday/hour profile of buyers (weekend peaks) or businesses (weekdays)
    Millis created = 0;
    std::vector<Event> events; // sorted; the first is the state at the start
    // dbt node run by a dbt job: its unique id, materialization and run offset within the job
    std::string uniqueId;
    std::string materialized;
    int runOffsetSeconds = 0;
};

// Every table of both projects with its events over the history.
std::vector<TablePlan> planTables();
// The start of the dbt job a node ran in on the day of t (main 05:00, finance 05:18 or late).
Millis dbtJobStart(Cadence cadence, Millis day);

// The last event at or before t; nullptr before the first.
const Event* stateAt(const TablePlan& plan, Millis t);
// The event at exactly t (a run of that table), or nullptr.
const Event* eventAt(const TablePlan& plan, Millis t);

} // namespace demo
