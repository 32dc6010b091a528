#include "lookercapture.h"

#include "demoestate.h"

#include <cstdio>
#include <string>

namespace demo {

namespace {

struct ExploreSpec
{
    const char* name;
    const char* label;
    const char* table; // project.dataset.table
    const char* joins; // comma separated tables
};

struct TileSpec
{
    const char* title;
    const char* explore;
    const char* fields; // comma separated
};

struct DashboardSpec
{
    int id;
    const char* exposure; // the dbt exposure that documents it
    const char* folder;
    const char* team; // owner: the team's lead
    int views;
    std::initializer_list<TileSpec> tiles;
};

// clang-format off
const ExploreSpec kExplores[] = {
    {"dealer_revenue", "Dealer Revenue", "wheelhouse-analytics.marts_finance.mart_dealer_revenue", "wheelhouse-analytics.marts_dealers.dim_dealers"},
    {"dealer_invoices", "Dealer Invoices", "wheelhouse-analytics.marts_finance.fct_dealer_invoices", "wheelhouse-analytics.marts_dealers.dim_dealers"},
    {"payments", "Payments", "wheelhouse-analytics.marts_finance.fct_payments", ""},
    {"dealer_performance", "Dealer Performance", "wheelhouse-analytics.marts_dealers.mart_dealer_performance", "wheelhouse-analytics.marts_dealers.dim_dealers"},
    {"lead_funnel", "Lead Funnel", "wheelhouse-analytics.marts_dealers.mart_lead_funnel", ""},
    {"leads", "Leads", "wheelhouse-analytics.marts_dealers.fct_leads", "wheelhouse-analytics.marts_dealers.dim_dealers"},
    {"marketplace_kpis", "Marketplace KPIs", "wheelhouse-analytics.marts_consumer.mart_marketplace_kpis_daily", ""},
    {"stock_health", "Stock Health", "wheelhouse-analytics.marts_listings.mart_stock_health", ""},
    {"listings", "Listings", "wheelhouse-analytics.marts_listings.fct_listings", "wheelhouse-analytics.marts_listings.dim_vehicles,wheelhouse-analytics.marts_dealers.dim_dealers"},
    {"price_indicator", "Price Indicator", "wheelhouse-analytics.marts_listings.mart_price_indicator", ""},
    {"search_demand", "Search Demand", "wheelhouse-analytics.marts_consumer.mart_search_demand", ""},
};

const DashboardSpec kDashboards[] = {
    {101, "dealer_revenue_overview", "Finance", "finance", 4210, {
        {"Revenue by month", "dealer_revenue", "mart_dealer_revenue.month,mart_dealer_revenue.total_revenue_gbp"},
        {"Revenue by package", "dealer_revenue", "mart_dealer_revenue.product_package,mart_dealer_revenue.total_revenue_gbp"},
        {"Cost per lead by region", "dealer_revenue", "dim_dealers.region,mart_dealer_revenue.average_cost_per_lead_gbp"}}},
    {102, "finance_monthly_billing", "Finance", "finance", 1875, {
        {"Invoiced vs collected", "dealer_invoices", "fct_dealer_invoices.billing_month,fct_dealer_invoices.total_invoiced_gbp,fct_dealer_invoices.total_collected_gbp"},
        {"Refunds", "payments", "fct_payments.created_month,fct_payments.total_refunded_gbp"}}},
    {214, "dealer_performance_scorecard", "Dealer Success", "dealers", 2930, {
        {"Leads and views", "dealer_performance", "mart_dealer_performance.month,mart_dealer_performance.total_leads,mart_dealer_performance.total_detail_views"},
        {"Response time", "dealer_performance", "dim_dealers.dealer_name,mart_dealer_performance.median_response_minutes"}}},
    {215, "lead_funnel", "Consumer", "consumer", 1210, {
        {"Funnel", "lead_funnel", "mart_lead_funnel.activity_date,mart_lead_funnel.total_sessions,mart_lead_funnel.total_leads"},
        {"Leads by channel", "leads", "fct_leads.lead_channel,fct_leads.count"}}},
    {7, "marketplace_daily_kpis", "Leadership", "platform", 9480, {
        {"Sessions", "marketplace_kpis", "mart_marketplace_kpis_daily.kpi_date,mart_marketplace_kpis_daily.sessions"},
        {"Live stock", "marketplace_kpis", "mart_marketplace_kpis_daily.kpi_date,mart_marketplace_kpis_daily.live_listings"},
        {"Revenue", "marketplace_kpis", "mart_marketplace_kpis_daily.kpi_date,mart_marketplace_kpis_daily.revenue_gbp"}}},
    {318, "stock_health", "Listings", "listings", 1540, {
        {"Ageing stock", "stock_health", "mart_stock_health.segment,mart_stock_health.aged_over_60_days"},
        {"Price drops before sale", "listings", "fct_listings.region,fct_listings.average_price_drop_count"}}},
    {402, "price_indicator_monitor", "Pricing", "pricing", 860, {
        {"Price ratings", "price_indicator", "mart_price_indicator.make,mart_price_indicator.great_price_share,mart_price_indicator.high_price_share"}}},
    {511, "search_demand_explorer", "Consumer", "consumer", 640, {
        {"Searches per listing", "search_demand", "mart_search_demand.make,mart_search_demand.model,mart_search_demand.searches_per_listing"}}},
};
// clang-format on

std::string lookerTime(Millis t)
{
    // Looker writes "2026-11-24T06:00:00.000+00:00".
    const Millis days = t / kDay;
    const Millis ms = t % kDay;
    const Millis z = days + 719468;
    const Millis era = z / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03d+00:00", int(yoe + era * 400 + (m <= 2)), m,
                  d, int(ms / kHour), int(ms / 60000 % 60), int(ms / 1000 % 60), int(ms % 1000));
    return buffer;
}

int userId(const std::string& teamId)
{
    int id = 11;
    for (const auto& t : teams()) {
        if (teamId == t.id)
            return id;
        ++id;
    }
    return 0;
}

const ExposureSpec* exposure(const std::string& name)
{
    for (const auto& e : exposures())
        if (name == e.name)
            return &e;
    return nullptr;
}

} // namespace

Json lookerCapture(Millis t)
{
    const std::string base = "https://looker.example.com";
    // Views grow between captures: a dashboard's count at the end of the history is its total.
    const double share = double(t - historyStart() + kDay) / double(historyEnd() - historyStart() + kDay);
    Json out = Json::array();
    out.push_back({{"sightline_capture", {{"captured_at", lookerTime(t)}, {"base_url", base + ":19999"}}}});
    int queryId = 5100;
    int elementId = 900;
    for (const auto& d : kDashboards) {
        const ExposureSpec* e = exposure(d.exposure);
        Json elements = Json::array();
        for (const auto& tile : d.tiles) {
            const Json query = {{"id", std::to_string(++queryId)},
                                {"model", "wheelhouse"},
                                {"view", tile.explore},
                                {"fields", split(tile.fields, ',')},
                                {"limit", "500"},
                                {"slug", "q" + std::to_string(queryId * 7919 % 100000)}};
            elements.push_back({{"id", std::to_string(++elementId)},
                                {"dashboard_id", std::to_string(d.id)},
                                {"title", tile.title},
                                {"type", "vis"},
                                {"query_id", query["id"]},
                                {"query", query}});
        }
        out.push_back({{"id", std::to_string(d.id)},
                       {"title", e ? e->label : d.exposure},
                       {"description", e ? e->description : ""},
                       {"folder", {{"id", std::to_string(20 + userId(d.team))}, {"name", d.folder}}},
                       {"user_id", std::to_string(userId(d.team))},
                       {"created_at", "2025-03-12T09:30:00.000+00:00"},
                       {"updated_at", "2026-09-02T14:12:40.000+00:00"},
                       {"last_viewed_at", lookerTime(t - 40 * 60000 - d.id * 1000)},
                       {"view_count", int(d.views * share)},
                       {"dashboard_filters", Json::array()},
                       {"dashboard_layouts", Json::array()},
                       {"dashboard_elements", elements},
                       {"deleted", false}});
    }
    for (const auto& x : kExplores) {
        Json joins = Json::array();
        for (const auto& table : split(x.joins, ',')) {
            if (table.empty())
                continue;
            const std::string name = table.substr(table.rfind('.') + 1);
            joins.push_back({{"name", name}, {"sql_table_name", "`" + table + "`"}, {"type", "left_outer"}});
        }
        out.push_back({{"id", std::string("wheelhouse::") + x.name},
                       {"name", x.name},
                       {"label", x.label},
                       {"model_name", "wheelhouse"},
                       {"view_name", x.name},
                       {"connection_name", "bigquery_prod"},
                       {"sql_table_name", std::string("`") + x.table + "` AS " + x.name},
                       {"joins", joins},
                       {"can_explain", true},
                       {"lookml_link", "/projects/wheelhouse/files/explores.lkml"}});
    }
    int id = 11;
    for (const auto& team : teams()) {
        std::string owner = team.owner;
        const auto space = owner.find(' ');
        out.push_back({{"id", std::to_string(id)},
                       {"email", team.email},
                       {"display_name", owner},
                       {"first_name", owner.substr(0, space)},
                       {"last_name", owner.substr(space + 1)},
                       {"is_disabled", false},
                       {"personal_folder_id", std::to_string(100 + id)},
                       {"home_folder_id", std::to_string(20 + id)},
                       {"group_ids", Json::array({"3"})}});
        ++id;
    }
    return out;
}

} // namespace demo
