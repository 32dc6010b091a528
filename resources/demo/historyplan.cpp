#include "historyplan.h"

#include "demoestate.h"
#include "manifestjson.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace demo {

namespace {

const char* const kRawProject = "wheelhouse-raw";
const char* const kProject = "wheelhouse-analytics";

// Hours in UTC (the UK's time in autumn, give or take an hour). Buyers browse in the evening and
// at weekends; dealers and back offices work on weekdays in office hours.
constexpr double kConsumerHour[24] = {0.35, 0.2, 0.12, 0.1,  0.1, 0.15, 0.35, 0.6, 0.8,  0.95, 1.05, 1.1,
                                      1.15, 1.1, 1.05, 1.05, 1.1, 1.2,  1.35, 1.5, 1.55, 1.4,  1.0,  0.6};
constexpr double kBusinessHour[24] = {0.05, 0.03, 0.02, 0.02, 0.03, 0.08, 0.3, 0.8, 1.4, 1.7, 1.8,  1.7,
                                      1.5,  1.6,  1.7,  1.6,  1.4,  1.1,  0.7, 0.4, 0.3, 0.2, 0.12, 0.08};
constexpr double kConsumerDay[7] = {0.95, 0.93, 0.94, 0.96, 1.0, 1.1, 1.12};
constexpr double kBusinessDay[7] = {1.08, 1.07, 1.06, 1.05, 1.0, 0.92, 0.82};

// The hour profiles, damped: a capture every 6 hours sums six hours, and replication batches
// and the streaming loader's buffers smooth what reaches BigQuery.
double hourShare(bool consumer, int hour)
{
    const double* profile = consumer ? kConsumerHour : kBusinessHour;
    auto damped = [profile](int h) { return 0.85 + 0.15 * profile[h]; };
    double sum = 0;
    for (int h = 0; h < 24; ++h)
        sum += damped(h);
    return damped(hour) / sum;
}

double dayFactor(bool consumer, Millis t)
{
    return (consumer ? kConsumerDay : kBusinessDay)[weekday(t)];
}

Millis dayOf(Millis t)
{
    return t - ((t % kDay) + kDay) % kDay;
}

struct RawSpec
{
    const char* dataset;
    const char* table;
    Cadence cadence;
    int hour;
    int minute;
    double rows0;
    double perDay;
    double bytesPerRow;
    bool consumer;
    Millis created;
};

struct ModelSpec
{
    const char* name;
    double rows0;
    double perDay;
    double bytesPerRow;
    double fluctuation = 0; // > 0: rebuilt around rows0 (± this share) instead of growing
};

// clang-format off
const RawSpec kRaw[] = {
    {"listings_db", "listings", Cadence::Stream, 0, 47, 2870000, 5200, 410, false, utc(2021, 3, 2, 9, 14)},
    {"listings_db", "listing_images", Cadence::Stream, 0, 47, 24600000, 61000, 160, false, utc(2021, 3, 2, 9, 14)},
    {"listings_db", "listing_status_events", Cadence::Stream, 0, 47, 13900000, 27000, 120, false, utc(2021, 3, 2, 9, 15)},
    {"listings_db", "price_history", Cadence::Stream, 0, 47, 7750000, 16500, 90, false, utc(2021, 3, 2, 9, 15)},
    {"listings_db", "vehicles", Cadence::Stream, 0, 47, 2810000, 5100, 230, false, utc(2021, 3, 2, 9, 15)},
    {"salesforce", "accounts", Cadence::Every6h, 0, 40, 8412, 40, 520, false, utc(2020, 11, 17, 14, 2)},
    {"salesforce", "contracts", Cadence::Every6h, 0, 40, 21390, 40, 180, false, utc(2020, 11, 17, 14, 2)},
    {"salesforce", "users", Cadence::Every6h, 0, 41, 35140, 60, 210, false, utc(2020, 11, 17, 14, 3)},
    {"leads_service", "leads", Cadence::Stream, 0, 52, 6120000, 21500, 150, true, utc(2022, 1, 11, 10, 40)},
    {"leads_service", "lead_messages", Cadence::Stream, 0, 52, 31400000, 88000, 140, true, utc(2022, 1, 11, 10, 40)},
    {"leads_service", "test_drive_bookings", Cadence::Stream, 0, 52, 905000, 2700, 130, true, utc(2022, 1, 11, 10, 41)},
    {"stripe", "charges", Cadence::Daily, 2, 5, 1240000, 1450, 260, false, utc(2020, 6, 8, 2, 5)},
    {"stripe", "invoices", Cadence::Daily, 2, 5, 612000, 700, 300, false, utc(2020, 6, 8, 2, 5)},
    {"stripe", "refunds", Cadence::Daily, 2, 6, 38400, 45, 180, false, utc(2020, 6, 8, 2, 6)},
    {"stripe", "subscriptions", Cadence::Daily, 2, 6, 19800, 9, 240, false, utc(2020, 6, 8, 2, 6)},
    {"snowplow", "pageviews", Cadence::Stream, 0, 58, 1930000000, 6400000, 420, true, utc(2019, 5, 21, 8, 0)},
    {"snowplow", "searches", Cadence::Stream, 0, 58, 611000000, 2150000, 300, true, utc(2019, 5, 21, 8, 0)},
    {"snowplow", "listing_impressions", Cadence::Stream, 0, 58, 9800000000, 41000000, 110, true, utc(2019, 5, 21, 8, 0)},
    // A weekday-only batch (the provider's API is priced per weekday run); perDay is per run.
    {"valuations", "valuation_quotes", Cadence::Weekday, 4, 30, 36140000, 96000, 190, false, utc(2022, 9, 5, 4, 30)},
    {"valuations", "vehicle_registry", Cadence::Weekday, 4, 34, 4100000, 3800, 150, false, utc(2022, 9, 5, 4, 34)},
};

// Models, seeds and snapshots that hold rows (views hold none); perDay is per run for dbt jobs.
const ModelSpec kModels[] = {
    {"make_model_mapping", 4812, 0, 90}, {"uk_postcode_regions", 124, 0, 40}, {"dealer_tiers", 4, 0, 40},
    {"dealers_snapshot", 11930, 6, 300}, {"listing_prices_snapshot", 9400000, 31000, 60},
    {"int_vehicles_enriched", 2810000, 5100, 180}, {"int_listing_lifecycle", 2870000, 5200, 90},
    {"int_listing_price_changes", 1930000, 3900, 60}, {"int_price_positioning", 412000, 0, 80, 0.004},
    {"int_dealer_contracts_current", 8150, 0, 110, 0.001}, {"int_dealer_billing", 598000, 700, 120},
    {"int_sessions", 402000000, 1350000, 140}, {"int_listing_engagement_daily", 388000000, 395000, 60},
    {"int_leads_enriched", 6120000, 21500, 110}, {"fct_listings", 2870000, 5200, 210},
    {"dim_vehicles", 2810000, 5100, 90}, {"fct_listing_daily_performance", 371000000, 395000, 80},
    {"mart_stock_health", 1860, 0, 90}, {"mart_price_indicator", 3412, 0, 110, 0.002}, {"dim_dealers", 8150, 0, 260, 0.001},
    {"fct_leads", 6120000, 21500, 150}, {"fct_test_drives", 905000, 2700, 110},
    {"mart_dealer_performance", 196000, 270, 120}, {"mart_lead_funnel", 3960, 4, 70},
    {"fct_dealer_invoices", 598000, 700, 130}, {"fct_payments", 1240000, 1450, 120},
    {"mart_dealer_revenue", 187400, 270, 90}, {"fct_sessions", 402000000, 1350000, 150},
    {"fct_searches", 611000000, 2150000, 120}, {"mart_search_demand", 1420000, 2300, 70},
    {"mart_marketplace_kpis_daily", 1512, 1, 100},
};
// clang-format on

bool hasTag(const NodeSpec& node, const std::string& tag)
{
    for (const auto& t : split(node.tags, ','))
        if (t == tag)
            return true;
    return false;
}

} // namespace

Millis utc(int year, int month, int day, int hour, int minute, int second, int millis)
{
    // Howard Hinnant's days_from_civil.
    year -= month <= 2;
    const int era = (year >= 0 ? year : year - 399) / 400;
    const unsigned yoe = unsigned(year - era * 400);
    const unsigned doy = unsigned((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const Millis days = Millis(era) * 146097 + Millis(doe) - 719468;
    return days * kDay + Millis(hour) * kHour + Millis(minute) * 60000 + Millis(second) * 1000 + millis;
}

int weekday(Millis t)
{
    const Millis days = dayOf(t) / kDay; // 1970-01-01 was a Thursday (3)
    return int(((days + 3) % 7 + 7) % 7);
}

double noise(const std::string& name, std::int64_t n)
{
    // FNV-1a over the name, then splitmix64 with the number.
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : name)
        h = (h ^ std::uint8_t(c)) * 1099511628211ULL;
    std::uint64_t z = h + std::uint64_t(n) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return double(z >> 11) / double(1ULL << 53);
}

Millis historyStart()
{
    return utc(2026, 9, 25);
}

Millis historyEnd()
{
    return utc(2026, 11, 24, 6);
}

namespace incident {
Millis quotesCleanup()
{
    return utc(2026, 11, 21, 10, 14, 27, 318); // a Saturday: no load that day, the drop stands alone
}
Millis stripeLateDay()
{
    return utc(2026, 11, 16); // a Monday, the first close of the month's invoices
}
Millis stripeLateLoad()
{
    return utc(2026, 11, 16, 13, 41, 12);
}
Millis financeLateRun()
{
    return utc(2026, 11, 16, 13, 55);
}
Millis columnDropRun()
{
    return utc(2026, 11, 11);
}
Millis impressionsCollapseStart()
{
    return utc(2026, 11, 22, 8);
}
Millis impressionsCollapseEnd()
{
    return utc(2026, 11, 23, 10);
}
} // namespace incident

Millis dbtJobStart(Cadence cadence, Millis day)
{
    day = dayOf(day);
    if (cadence == Cadence::DbtFinance)
        return day == incident::stripeLateDay() ? incident::financeLateRun() : day + 5 * kHour + 18 * 60000;
    return day + 5 * kHour;
}

namespace {

// The times a table changes between from and to, with the rows each change adds (or the rows a
// rebuild leaves, for Rebuild).
void generate(TablePlan& p, Millis from, Millis to)
{
    const std::string name = p.dataset + '.' + p.table;
    // A table rebuilt around a level starts at its top (the rebuilds before the history too): its
    // first change is a decrease, so its history never looks like one that only grows.
    double rows = std::round(p.rows0 * (1 + p.fluctuation));
    p.events.push_back({std::max(p.created, from - kDay), rows});
    auto add = [&](Millis at, double increment) {
        if (p.pattern == Pattern::Rebuild && p.fluctuation > 0) {
            // A snapshot of something that comes and goes (live stock, current contracts).
            const double level = at < from ? 1.0 : 2 * noise(name + "#r", at / kHour) - 1;
            rows = std::round(p.rows0 * (1 + p.fluctuation * level));
        } else if (p.pattern == Pattern::Rebuild && p.perDay < 10) {
            rows += p.perDay; // a row per day, per device …: exact
        } else if (p.pattern != Pattern::Static && p.pattern != Pattern::View) {
            // Appended, or rebuilt from sources that only grow: either way the rows grow with the day.
            rows += std::round(increment);
        }
        p.events.push_back({at, rows});
    };
    const std::int64_t firstDay = from / kDay - 1;
    const std::int64_t lastDay = to / kDay;
    for (std::int64_t d = firstDay; d <= lastDay; ++d) {
        const Millis day = d * kDay;
        switch (p.cadence) {
        case Cadence::Stream:
            for (int h = 0; h < 24; ++h) {
                const Millis at = day + h * kHour + p.minute * 60000 + Millis(noise(name, d * 24 + h) * 50000);
                double inc = p.perDay * hourShare(p.consumer, h) * dayFactor(p.consumer, at)
                    * (0.9 + 0.2 * noise(name + "#i", d * 24 + h));
                if (p.table == "listing_impressions" && at >= incident::impressionsCollapseStart()
                    && at < incident::impressionsCollapseEnd())
                    inc *= 0.12;
                add(at, inc);
            }
            break;
        case Cadence::Every6h:
            for (int h = 0; h < 24; h += 6) {
                const Millis at = day + h * kHour + p.minute * 60000 + Millis(noise(name, d * 24 + h) * 90000);
                add(at, p.perDay / 4 * dayFactor(p.consumer, at) * (0.85 + 0.3 * noise(name + "#i", d * 24 + h)));
            }
            break;
        case Cadence::Daily:
        case Cadence::Weekday: {
            if (p.cadence == Cadence::Weekday && weekday(day) >= 5)
                break;
            Millis at = day + p.hour * kHour + p.minute * 60000 + Millis(noise(name, d) * 150000);
            if (p.dataset == "stripe" && day == incident::stripeLateDay())
                at = incident::stripeLateLoad() + Millis(noise(name, d) * 40000);
            const double scale = p.cadence == Cadence::Weekday ? 1.0 : dayFactor(p.consumer, day);
            add(at, p.perDay * scale * (0.94 + 0.12 * noise(name + "#i", d)));
            break;
        }
        case Cadence::DbtMain:
        case Cadence::DbtFinance: {
            const Millis at = dbtJobStart(p.cadence, day) + p.runOffsetSeconds * 1000 + Millis(noise(name, d) * 20000);
            double inc = p.perDay * dayFactor(true, day) * (0.96 + 0.08 * noise(name + "#i", d));
            if ((p.table == "fct_listing_daily_performance" || p.table == "int_listing_engagement_daily")
                && day == dayOf(incident::impressionsCollapseEnd()))
                inc *= 0.16; // the day the impressions were missing
            add(at, inc);
            break;
        }
        case Cadence::DbtHourly:
            for (int h = 0; h < 24; ++h) {
                const Millis at = day + h * kHour + 15 * 60000 + p.runOffsetSeconds * 1000;
                add(at,
                    p.perDay * hourShare(true, (h + 23) % 24) * dayFactor(true, at)
                        * (0.92 + 0.16 * noise(name + "#i", d * 24 + h)));
            }
            break;
        case Cadence::Never:
            break;
        }
    }
    std::erase_if(p.events, [&](const Event& e) { return e.at > to; });
    if (p.table == "valuation_quotes") {
        // The clean-up: every later state holds 150,000 rows fewer.
        const Millis at = incident::quotesCleanup();
        auto it = std::find_if(p.events.begin(), p.events.end(), [at](const Event& e) { return e.at > at; });
        const double before = std::prev(it)->rows;
        for (auto later = it; later != p.events.end(); ++later)
            later->rows -= incident::kQuotesDeleted;
        p.events.insert(it, {at, before - incident::kQuotesDeleted});
    }
}

} // namespace

std::vector<TablePlan> planTables()
{
    std::vector<TablePlan> plans;
    const Millis from = historyStart();
    const Millis to = historyEnd();
    for (const auto& r : kRaw) {
        TablePlan p;
        p.project = kRawProject;
        p.dataset = r.dataset;
        p.table = r.table;
        p.pattern = Pattern::Append;
        p.cadence = r.cadence;
        p.hour = r.hour;
        p.minute = r.minute;
        p.rows0 = r.rows0;
        p.perDay = r.perDay;
        p.bytesPerRow = r.bytesPerRow;
        p.consumer = r.consumer;
        p.created = r.created;
        generate(p, from, to);
        plans.push_back(std::move(p));
    }
    std::map<std::string, const ModelSpec*> specs;
    for (const auto& m : kModels)
        specs[m.name] = &m;
    int mainIndex = 0;
    int financeIndex = 0;
    int hourlyIndex = 0;
    for (const auto& node : nodes()) {
        const std::string materialized = node.materialized;
        if (materialized == "ephemeral")
            continue;
        TablePlan p;
        p.project = kProject;
        p.dataset = node.schema;
        p.table = node.name;
        p.materialized = materialized;
        const char* type = node.type == NodeType::Seed ? "seed"
            : node.type == NodeType::Snapshot          ? "snapshot"
                                                       : "model";
        p.uniqueId = std::string(type) + ".wheelhouse." + node.name;
        p.created = utc(2025, 2, 3, 10, 0) + Millis(noise(node.name, 1) * 200) * kDay;
        const auto spec = specs.find(node.name);
        if (spec != specs.end()) {
            p.rows0 = spec->second->rows0;
            p.perDay = spec->second->perDay;
            p.bytesPerRow = spec->second->bytesPerRow;
            p.fluctuation = spec->second->fluctuation;
        }
        if (node.type == NodeType::Seed) {
            p.pattern = Pattern::Static;
            p.cadence = Cadence::Never;
            p.created = utc(2026, 8, 14, 9, 31, 5);
        } else if (hasTag(node, "hourly")) {
            p.pattern = Pattern::Append;
            p.cadence = Cadence::DbtHourly;
            p.runOffsetSeconds = 20 + 90 * hourlyIndex++;
        } else {
            p.pattern = materialized == "view"                                  ? Pattern::View
                : (materialized == "incremental" || materialized == "snapshot") ? Pattern::Append
                                                                                : Pattern::Rebuild;
            p.cadence = hasTag(node, "finance") ? Cadence::DbtFinance : Cadence::DbtMain;
            p.runOffsetSeconds = p.cadence == Cadence::DbtFinance ? 15 + 55 * financeIndex++ : 25 + 38 * mainIndex++;
        }
        generate(p, from, to);
        plans.push_back(std::move(p));
    }
    return plans;
}

const Event* stateAt(const TablePlan& plan, Millis t)
{
    auto it = std::upper_bound(plan.events.begin(), plan.events.end(), t,
                               [](Millis at, const Event& e) { return at < e.at; });
    return it == plan.events.begin() ? nullptr : &*std::prev(it);
}

const Event* eventAt(const TablePlan& plan, Millis t)
{
    const Event* e = stateAt(plan, t);
    return e && e->at == t ? e : nullptr;
}

} // namespace demo
