#include "demoestate.h"

namespace demo {

namespace {

// clang-format off
constexpr Team kTeams[] = {
    {"listings", "Listings Data", "Priya Shah", "priya.shah@wheelhouse.example", "#data-listings-alerts", "alert_channel"},
    {"dealers", "Dealer Insights", "Tom Okafor", "tom.okafor@wheelhouse.example", "#data-dealers-alerts", "alert_channel"},
    {"finance", "Finance Analytics", "Hannah Kowalski", "hannah.kowalski@wheelhouse.example", "#data-finance-alerts", "alert_channel"},
    {"consumer", "Consumer Insights", "Marcus Bell", "marcus.bell@wheelhouse.example", "#data-consumer-alerts", "slack_channel"},
    {"pricing", "Pricing Science", "Aisha Rahman", "aisha.rahman@wheelhouse.example", "#pricing-alerts", "slack_channel"},
    {"platform", "Data Platform", "Jonas Lindqvist", "jonas.lindqvist@wheelhouse.example", "#data-platform-alerts", "alert_channel"},
};

constexpr SourceSpec kSources[] = {
    {"listings_db", "listings_db", "Datastream (Cloud SQL for PostgreSQL)", "listings",
     "Tables of the listings service, replicated from its PostgreSQL database every 15 minutes."},
    {"dealer_crm", "salesforce", "Fivetran (Salesforce)", "dealers",
     "The dealer CRM: accounts, contracts and users of the retailer portal."},
    {"leads_service", "leads_service", "Datastream (Cloud SQL for PostgreSQL)", "consumer",
     "Enquiries from buyers to dealers: calls, e-mails, chats and test-drive bookings."},
    {"stripe", "stripe", "Fivetran (Stripe)", "finance",
     "Billing of dealer subscriptions and pay-per-lead products."},
    {"snowplow", "snowplow", "Snowplow BigQuery Loader", "consumer",
     "Behavioural events from the website and the iOS and Android apps."},
    {"valuations", "valuations", "Cloud Run job (valuation provider API)", "pricing",
     "Retail and trade valuations and the vehicle registry lookups behind them."},
};

constexpr TableSpec kSourceTables[] = {
    {"listings_db", "listings", "pii,tier-1", "One row per advert placed on the marketplace, as the listings service stores it.",
     "listing_id:STRING,dealer_id:STRING,vehicle_id:STRING,status:STRING,asking_price_pence:INT64,mileage:INT64,postcode:STRING,created_at:TIMESTAMP,updated_at:TIMESTAMP,_datastream_ingested_at:TIMESTAMP"},
    {"listings_db", "listing_images", "", "Photos attached to a listing, in display order.",
     "image_id:STRING,listing_id:STRING,position:INT64,storage_url:STRING,uploaded_at:TIMESTAMP"},
    {"listings_db", "listing_status_events", "", "Every status change of a listing (draft, live, reserved, sold, withdrawn).",
     "event_id:STRING,listing_id:STRING,from_status:STRING,to_status:STRING,changed_at:TIMESTAMP,changed_by:STRING"},
    {"listings_db", "price_history", "", "Asking-price changes made by dealers or by automatic re-pricing.",
     "price_change_id:STRING,listing_id:STRING,old_price_pence:INT64,new_price_pence:INT64,changed_at:TIMESTAMP"},
    {"listings_db", "vehicles", "", "The vehicle behind a listing, as the dealer described it.",
     "vehicle_id:STRING,vrm:STRING,make:STRING,model:STRING,variant:STRING,fuel_type:STRING,transmission:STRING,body_type:STRING,first_registered:DATE,engine_size_cc:INT64"},
    {"dealer_crm", "accounts", "pii", "Salesforce accounts of retailers (dealers) and dealer groups.",
     "id:STRING,name:STRING,dealer_group:STRING,billing_postcode:STRING,tier__c:STRING,created_date:TIMESTAMP,is_deleted:BOOL"},
    {"dealer_crm", "contracts", "", "Advertising contracts between Wheelhouse and a dealer.",
     "id:STRING,account_id:STRING,product_package:STRING,monthly_fee_pence:INT64,start_date:DATE,end_date:DATE,status:STRING"},
    {"dealer_crm", "users", "pii", "Dealer staff with a login to the retailer portal.",
     "id:STRING,account_id:STRING,email:STRING,role:STRING,last_login_date:TIMESTAMP"},
    {"leads_service", "leads", "pii,tier-1", "One row per buyer enquiry about a listing.",
     "lead_id:STRING,listing_id:STRING,dealer_id:STRING,buyer_id:STRING,lead_channel:STRING,created_at:TIMESTAMP"},
    {"leads_service", "lead_messages", "pii", "Messages exchanged within a lead conversation.",
     "message_id:STRING,lead_id:STRING,sender_type:STRING,sent_at:TIMESTAMP,body_length:INT64"},
    {"leads_service", "test_drive_bookings", "", "Test drives booked through the site.",
     "booking_id:STRING,lead_id:STRING,listing_id:STRING,booked_for:TIMESTAMP,booking_status:STRING,created_at:TIMESTAMP"},
    {"stripe", "charges", "finance", "Card and direct-debit charges.",
     "id:STRING,customer_id:STRING,amount:INT64,currency:STRING,status:STRING,created:TIMESTAMP"},
    {"stripe", "invoices", "finance", "Monthly invoices of dealer subscriptions.",
     "id:STRING,customer_id:STRING,subscription_id:STRING,amount_due:INT64,amount_paid:INT64,status:STRING,period_start:TIMESTAMP,period_end:TIMESTAMP"},
    {"stripe", "refunds", "finance", "Refunds of charges, full or partial.",
     "id:STRING,charge_id:STRING,amount:INT64,reason:STRING,created:TIMESTAMP"},
    {"stripe", "subscriptions", "finance", "Dealer subscriptions to advertising packages.",
     "id:STRING,customer_id:STRING,plan_id:STRING,status:STRING,current_period_start:TIMESTAMP,current_period_end:TIMESTAMP,cancel_at:TIMESTAMP"},
    {"snowplow", "pageviews", "", "Page and screen views; listing pages carry the listing id.",
     "event_id:STRING,domain_sessionid:STRING,domain_userid:STRING,page_urlpath:STRING,listing_id:STRING,device_class:STRING,referrer_medium:STRING,derived_tstamp:TIMESTAMP"},
    {"snowplow", "searches", "", "Searches with their filters and number of results.",
     "event_id:STRING,domain_sessionid:STRING,make:STRING,model:STRING,max_price:INT64,postcode:STRING,radius_miles:INT64,results_count:INT64,derived_tstamp:TIMESTAMP"},
    {"snowplow", "listing_impressions", "", "A listing shown in search results, with its position.",
     "event_id:STRING,domain_sessionid:STRING,listing_id:STRING,position:INT64,search_event_id:STRING,derived_tstamp:TIMESTAMP"},
    {"valuations", "valuation_quotes", "", "Retail and trade valuations of a vehicle at a mileage.",
     "quote_id:STRING,vehicle_id:STRING,vrm:STRING,mileage:INT64,retail_value_pence:INT64,trade_value_pence:INT64,valued_at:TIMESTAMP"},
    {"valuations", "vehicle_registry", "", "Registry lookups by registration mark: make, model, MOT and keepers.",
     "vrm:STRING,make:STRING,model:STRING,colour:STRING,mot_expiry:DATE,keeper_count:INT64,updated_at:TIMESTAMP"},
};

constexpr NodeSpec kNodes[] = {
    // Seeds
    {NodeType::Seed, "make_model_mapping", "seeds", "seed", "pricing", nullptr, 'c', "reference",
     "Maps the free-text makes and models dealers type to the canonical make, model and market segment.",
     "raw_make:STRING,raw_model:STRING,make:STRING,model:STRING,segment:STRING", ""},
    {NodeType::Seed, "uk_postcode_regions", "seeds", "seed", "platform", nullptr, 'c', "reference",
     "Postcode areas of the United Kingdom with their region and nation.",
     "postcode_area:STRING,region:STRING,nation:STRING", ""},
    {NodeType::Seed, "dealer_tiers", "seeds", "seed", "dealers", nullptr, 'm', "reference",
     "Dealer tiers and the number of listings each package includes.",
     "tier_code:STRING,tier_name:STRING,monthly_listing_allowance:INT64", ""},

    // Snapshots
    {NodeType::Snapshot, "dealers_snapshot", "snapshots", "snapshot", "dealers", "dealers", 'c', "scd2",
     "History of dealer attributes (name, group, tier, postcode) as type-2 slowly changing dimension.",
     "id:STRING,name:STRING,dealer_group:STRING,tier__c:STRING,billing_postcode:STRING,dbt_valid_from:TIMESTAMP,dbt_valid_to:TIMESTAMP,dbt_scd_id:STRING",
     "source:dealer_crm.accounts"},
    {NodeType::Snapshot, "listing_prices_snapshot", "snapshots", "snapshot", "pricing", "pricing", 'c', "scd2",
     "Asking price of every live listing, checked hourly, so price drops are kept even when the source overwrites them.",
     "listing_id:STRING,asking_price_pence:INT64,dbt_valid_from:TIMESTAMP,dbt_valid_to:TIMESTAMP,dbt_scd_id:STRING",
     "ref:stg_listings"},

    // Staging: one view per source table, renamed and typed
    {NodeType::Model, "stg_listings", "staging", "view", "listings", "listings", 'c', "staging,pii",
     "Listings with prices in pounds, statuses normalised and Datastream metadata removed.",
     "listing_id:STRING,dealer_id:STRING,vehicle_id:STRING,listing_status:STRING,asking_price_gbp:NUMERIC,mileage:INT64,postcode:STRING,created_at:TIMESTAMP,updated_at:TIMESTAMP",
     "source:listings_db.listings"},
    {NodeType::Model, "stg_listing_images", "staging", "view", "listings", "listings", 'c', "staging",
     "Listing photos.", "image_id:STRING,listing_id:STRING,position:INT64,uploaded_at:TIMESTAMP",
     "source:listings_db.listing_images"},
    {NodeType::Model, "stg_listing_status_events", "staging", "view", "listings", "listings", 'c', "staging",
     "Listing status changes with normalised status names.",
     "event_id:STRING,listing_id:STRING,from_status:STRING,to_status:STRING,changed_at:TIMESTAMP",
     "source:listings_db.listing_status_events"},
    {NodeType::Model, "stg_price_history", "staging", "view", "pricing", "pricing", 'c', "staging",
     "Price changes in pounds, with the size of the change.",
     "price_change_id:STRING,listing_id:STRING,old_price_gbp:NUMERIC,new_price_gbp:NUMERIC,price_change_gbp:NUMERIC,changed_at:TIMESTAMP",
     "source:listings_db.price_history"},
    {NodeType::Model, "stg_vehicles", "staging", "view", "listings", "listings", 'c', "staging",
     "Vehicles as described by dealers, with upper-cased registration marks.",
     "vehicle_id:STRING,vrm:STRING,make:STRING,model:STRING,variant:STRING,fuel_type:STRING,transmission:STRING,body_type:STRING,first_registered:DATE",
     "source:listings_db.vehicles"},
    {NodeType::Model, "stg_dealers", "staging", "view", "dealers", "dealers", 'c', "staging,pii",
     "Dealer accounts from Salesforce, deleted accounts removed.",
     "dealer_id:STRING,dealer_name:STRING,dealer_group:STRING,postcode:STRING,tier_code:STRING,created_at:TIMESTAMP",
     "source:dealer_crm.accounts"},
    {NodeType::Model, "stg_dealer_contracts", "staging", "view", "dealers", "dealers", 'c', "staging",
     "Dealer contracts with fees in pounds.",
     "contract_id:STRING,dealer_id:STRING,product_package:STRING,monthly_fee_gbp:NUMERIC,start_date:DATE,end_date:DATE,contract_status:STRING",
     "source:dealer_crm.contracts"},
    {NodeType::Model, "stg_dealer_users", "staging", "view", "dealers", "dealers", 'g', "staging,pii",
     "Retailer portal users.", "user_id:STRING,dealer_id:STRING,role:STRING,last_login_at:TIMESTAMP",
     "source:dealer_crm.users"},
    {NodeType::Model, "stg_leads", "staging", "view", "consumer", "consumer", 'c', "staging,pii",
     "Buyer enquiries.", "lead_id:STRING,listing_id:STRING,dealer_id:STRING,buyer_id:STRING,lead_channel:STRING,created_at:TIMESTAMP",
     "source:leads_service.leads"},
    {NodeType::Model, "stg_lead_messages", "staging", "view", "consumer", "consumer", 'c', "staging",
     "Messages of lead conversations, without their text.",
     "message_id:STRING,lead_id:STRING,sender_type:STRING,sent_at:TIMESTAMP",
     "source:leads_service.lead_messages"},
    {NodeType::Model, "stg_test_drive_bookings", "staging", "view", "consumer", "consumer", 'c', "staging",
     "Test-drive bookings.", "booking_id:STRING,lead_id:STRING,listing_id:STRING,booked_for:TIMESTAMP,booking_status:STRING",
     "source:leads_service.test_drive_bookings"},
    {NodeType::Model, "stg_stripe_charges", "staging", "view", "finance", "finance", 'c', "staging,finance",
     "Stripe charges in pounds.", "charge_id:STRING,customer_id:STRING,amount_gbp:NUMERIC,charge_status:STRING,created_at:TIMESTAMP",
     "source:stripe.charges"},
    {NodeType::Model, "stg_stripe_invoices", "staging", "view", "finance", "finance", 'c', "staging,finance",
     "Stripe invoices in pounds.",
     "invoice_id:STRING,customer_id:STRING,subscription_id:STRING,amount_due_gbp:NUMERIC,amount_paid_gbp:NUMERIC,invoice_status:STRING,period_start:TIMESTAMP,period_end:TIMESTAMP",
     "source:stripe.invoices"},
    {NodeType::Model, "stg_stripe_refunds", "staging", "view", "finance", "finance", 'c', "staging,finance",
     "Stripe refunds in pounds.", "refund_id:STRING,charge_id:STRING,amount_gbp:NUMERIC,reason:STRING,created_at:TIMESTAMP",
     "source:stripe.refunds"},
    {NodeType::Model, "stg_stripe_subscriptions", "staging", "view", "finance", "finance", 'm', "staging,finance",
     "Stripe subscriptions.", "subscription_id:STRING,customer_id:STRING,plan_id:STRING,subscription_status:STRING,current_period_start:TIMESTAMP,current_period_end:TIMESTAMP",
     "source:stripe.subscriptions"},
    {NodeType::Model, "stg_pageviews", "staging", "view", "consumer", "consumer", 'c', "staging",
     "Page views from web and apps, bots removed.",
     "event_id:STRING,session_id:STRING,user_id:STRING,page_path:STRING,listing_id:STRING,device_class:STRING,viewed_at:TIMESTAMP",
     "source:snowplow.pageviews"},
    {NodeType::Model, "stg_searches", "staging", "view", "consumer", "consumer", 'c', "staging",
     "Searches with their filters.", "event_id:STRING,session_id:STRING,make:STRING,model:STRING,max_price_gbp:NUMERIC,postcode_area:STRING,results_count:INT64,searched_at:TIMESTAMP",
     "source:snowplow.searches"},
    {NodeType::Model, "stg_listing_impressions", "staging", "view", "consumer", "consumer", 'c', "staging",
     "Listings shown in search results.", "event_id:STRING,session_id:STRING,listing_id:STRING,position:INT64,shown_at:TIMESTAMP",
     "source:snowplow.listing_impressions"},
    {NodeType::Model, "stg_valuation_quotes", "staging", "view", "pricing", "pricing", 'c', "staging",
     "Valuations in pounds.", "quote_id:STRING,vehicle_id:STRING,mileage:INT64,retail_value_gbp:NUMERIC,trade_value_gbp:NUMERIC,valued_at:TIMESTAMP",
     "source:valuations.valuation_quotes"},
    {NodeType::Model, "stg_vehicle_registry", "staging", "view", "pricing", "pricing", 'g', "staging",
     "Latest registry record per registration mark.", "vrm:STRING,make:STRING,model:STRING,colour:STRING,mot_expiry:DATE,keeper_count:INT64",
     "source:valuations.vehicle_registry"},

    // Intermediate
    {NodeType::Model, "int_listings_deduped", "intermediate", "ephemeral", "listings", "listings", 'c', "",
     "Latest version of each listing: Datastream can deliver a row more than once.",
     "listing_id:STRING,dealer_id:STRING,vehicle_id:STRING,listing_status:STRING,asking_price_gbp:NUMERIC,postcode:STRING",
     "ref:stg_listings"},
    {NodeType::Model, "int_vehicles_enriched", "intermediate", "table", "listings", "listings", 'c', "daily",
     "Vehicles with canonical make, model and segment and registry facts (MOT, keepers).",
     "vehicle_id:STRING,vrm:STRING,make:STRING,model:STRING,segment:STRING,fuel_type:STRING,age_years:INT64,keeper_count:INT64",
     "ref:stg_vehicles,ref:stg_vehicle_registry,ref:make_model_mapping"},
    {NodeType::Model, "int_listing_lifecycle", "intermediate", "table", "listings", "listings", 'c', "daily",
     "One row per listing with the time it went live, was reserved and sold or withdrawn.",
     "listing_id:STRING,live_at:TIMESTAMP,reserved_at:TIMESTAMP,sold_at:TIMESTAMP,withdrawn_at:TIMESTAMP,days_live:INT64",
     "ref:int_listings_deduped,ref:stg_listing_status_events"},
    {NodeType::Model, "int_listing_price_changes", "intermediate", "table", "pricing", "pricing", 'c', "daily",
     "Price drops per listing, from the price log and the hourly price snapshot.",
     "listing_id:STRING,price_drop_count:INT64,total_drop_gbp:NUMERIC,last_drop_at:TIMESTAMP",
     "ref:stg_price_history,ref:listing_prices_snapshot"},
    {NodeType::Model, "int_price_positioning", "intermediate", "table", "pricing", "pricing", 'c', "daily,tier-1",
     "Asking price against the retail valuation at the advertised mileage: the basis of the price indicator.",
     "listing_id:STRING,asking_price_gbp:NUMERIC,retail_value_gbp:NUMERIC,price_to_market_ratio:FLOAT64,price_indicator:STRING",
     "ref:int_listings_deduped,ref:stg_valuation_quotes,ref:int_vehicles_enriched"},
    {NodeType::Model, "int_dealer_contracts_current", "intermediate", "table", "dealers", "dealers", 'c', "daily",
     "The contract in force for each dealer today, with its tier.",
     "dealer_id:STRING,contract_id:STRING,product_package:STRING,tier_name:STRING,monthly_fee_gbp:NUMERIC,monthly_listing_allowance:INT64",
     "ref:stg_dealer_contracts,ref:dealer_tiers"},
    {NodeType::Model, "int_dealer_billing", "intermediate", "table", "finance", "finance", 'c', "daily,finance",
     "Invoices, charges and refunds mapped from Stripe customers to dealers.",
     "dealer_id:STRING,invoice_id:STRING,billing_month:DATE,invoiced_gbp:NUMERIC,collected_gbp:NUMERIC,refunded_gbp:NUMERIC",
     "ref:stg_stripe_invoices,ref:stg_stripe_subscriptions,ref:stg_stripe_charges,ref:stg_stripe_refunds,ref:stg_dealers"},
    {NodeType::Model, "int_sessions", "intermediate", "incremental", "consumer", "consumer", 'c', "hourly",
     "Sessions built from page views and searches.",
     "session_id:STRING,user_id:STRING,started_at:TIMESTAMP,ended_at:TIMESTAMP,pageview_count:INT64,search_count:INT64,device_class:STRING",
     "ref:stg_pageviews,ref:stg_searches"},
    {NodeType::Model, "int_listing_engagement_daily", "intermediate", "incremental", "consumer", "consumer", 'c', "daily",
     "Per listing and day: impressions in search, detail page views and leads.",
     "listing_id:STRING,activity_date:DATE,impressions:INT64,detail_views:INT64,leads:INT64",
     "ref:stg_pageviews,ref:stg_listing_impressions,ref:stg_leads"},
    {NodeType::Model, "int_leads_enriched", "intermediate", "table", "consumer", "consumer", 'c', "daily",
     "Leads with response time of the dealer and whether a test drive was booked.",
     "lead_id:STRING,listing_id:STRING,dealer_id:STRING,lead_channel:STRING,created_at:TIMESTAMP,first_response_minutes:INT64,test_drive_booked:BOOL",
     "ref:stg_leads,ref:stg_lead_messages,ref:stg_test_drive_bookings"},

    // Marts: listings
    {NodeType::Model, "fct_listings", "marts_listings", "table", "listings", "listings", 'c', "daily,tier-1",
     "One row per listing ever advertised, with its vehicle, dealer, region, lifecycle and price position. "
     "The central fact table of the marketplace.",
     "listing_id:STRING,dealer_id:STRING,vehicle_id:STRING,listing_status:STRING,asking_price_gbp:NUMERIC,price_indicator:STRING,region:STRING,live_at:TIMESTAMP,sold_at:TIMESTAMP,days_live:INT64,price_drop_count:INT64",
     "ref:int_listing_lifecycle,ref:int_vehicles_enriched,ref:int_price_positioning,ref:int_listing_price_changes,ref:uk_postcode_regions"},
    {NodeType::Model, "dim_vehicles", "marts_listings", "table", "listings", "listings", 'c', "daily",
     "Vehicle dimension: canonical make, model, segment, fuel and age.",
     "vehicle_id:STRING,make:STRING,model:STRING,segment:STRING,fuel_type:STRING,age_years:INT64",
     "ref:int_vehicles_enriched"},
    {NodeType::Model, "fct_listing_daily_performance", "marts_listings", "incremental", "listings", "listings", 'c', "daily",
     "Per live listing and day: impressions, views, leads and the click-through and lead rates.",
     "listing_id:STRING,activity_date:DATE,impressions:INT64,detail_views:INT64,leads:INT64,view_rate:FLOAT64,lead_rate:FLOAT64",
     "ref:fct_listings,ref:int_listing_engagement_daily"},
    {NodeType::Model, "mart_stock_health", "marts_listings", "table", "listings", "listings", 'c', "daily",
     "Stock on the site by segment and region: days to sell, ageing stock and listings without leads.",
     "segment:STRING,region:STRING,live_listings:INT64,median_days_to_sell:FLOAT64,aged_over_60_days:INT64,listings_without_leads:INT64",
     "ref:fct_listings,ref:fct_listing_daily_performance"},
    {NodeType::Model, "mart_price_indicator", "marts_listings", "table", "pricing", "pricing", 'c', "daily,tier-1",
     "Share of listings rated great, good, fair or high price, by make and model.",
     "make:STRING,model:STRING,listings:INT64,great_price_share:FLOAT64,good_price_share:FLOAT64,high_price_share:FLOAT64",
     "ref:fct_listings,ref:int_price_positioning"},

    // Marts: dealers
    {NodeType::Model, "dim_dealers", "marts_dealers", "table", "dealers", "dealers", 'c', "daily,tier-1",
     "Dealer dimension: current attributes, region, tier and contract.",
     "dealer_id:STRING,dealer_name:STRING,dealer_group:STRING,region:STRING,tier_name:STRING,product_package:STRING,monthly_fee_gbp:NUMERIC",
     "ref:stg_dealers,ref:dealers_snapshot,ref:int_dealer_contracts_current,ref:uk_postcode_regions"},
    {NodeType::Model, "fct_leads", "marts_dealers", "table", "dealers", "dealers", 'c', "daily,tier-1,pii",
     "One row per lead with its listing, dealer, channel and response time.",
     "lead_id:STRING,listing_id:STRING,dealer_id:STRING,lead_channel:STRING,created_at:TIMESTAMP,first_response_minutes:INT64,test_drive_booked:BOOL",
     "ref:int_leads_enriched,ref:fct_listings,ref:dim_dealers"},
    {NodeType::Model, "fct_test_drives", "marts_dealers", "table", "dealers", "dealers", 'g', "daily",
     "Test drives booked, attended and cancelled.",
     "booking_id:STRING,lead_id:STRING,dealer_id:STRING,booked_for:TIMESTAMP,booking_status:STRING",
     "ref:stg_test_drive_bookings,ref:fct_leads"},
    {NodeType::Model, "mart_dealer_performance", "marts_dealers", "table", "dealers", "dealers", 'c', "daily",
     "Monthly scorecard per dealer: stock, views, leads, response time, days to sell.",
     "dealer_id:STRING,month:DATE,live_listings:INT64,detail_views:INT64,leads:INT64,median_response_minutes:FLOAT64,median_days_to_sell:FLOAT64",
     "ref:dim_dealers,ref:fct_leads,ref:fct_listings,ref:fct_listing_daily_performance"},
    {NodeType::Model, "mart_lead_funnel", "marts_dealers", "table", "consumer", "consumer", 'c', "daily",
     "From session to search, listing view, lead and test drive, by device and channel.",
     "activity_date:DATE,device_class:STRING,sessions:INT64,sessions_with_search:INT64,sessions_with_view:INT64,leads:INT64,test_drives:INT64",
     "ref:fct_leads,ref:fct_test_drives,ref:int_sessions"},

    // Marts: finance
    {NodeType::Model, "fct_dealer_invoices", "marts_finance", "table", "finance", "finance", 'c', "daily,finance",
     "Invoices per dealer and month with amounts invoiced, collected and refunded.",
     "invoice_id:STRING,dealer_id:STRING,billing_month:DATE,invoiced_gbp:NUMERIC,collected_gbp:NUMERIC,refunded_gbp:NUMERIC",
     "ref:int_dealer_billing,ref:dim_dealers"},
    {NodeType::Model, "fct_payments", "marts_finance", "table", "finance", "finance", 'c', "daily,finance",
     "Charges net of refunds, per dealer.",
     "charge_id:STRING,dealer_id:STRING,amount_gbp:NUMERIC,refunded_gbp:NUMERIC,charge_status:STRING,created_at:TIMESTAMP",
     "ref:stg_stripe_charges,ref:stg_stripe_refunds,ref:dim_dealers"},
    {NodeType::Model, "mart_dealer_revenue", "marts_finance", "table", "finance", "finance", 'c', "daily,finance,tier-1",
     "Monthly revenue per dealer and package, with cost per lead: what the board pack and the dealer "
     "success managers look at.",
     "dealer_id:STRING,month:DATE,product_package:STRING,revenue_gbp:NUMERIC,leads:INT64,cost_per_lead_gbp:NUMERIC",
     "ref:fct_dealer_invoices,ref:fct_payments,ref:dim_dealers,ref:fct_leads"},

    // Marts: consumer
    {NodeType::Model, "fct_sessions", "marts_consumer", "incremental", "consumer", "consumer", 'c', "hourly",
     "Sessions of buyers on web and apps.",
     "session_id:STRING,user_id:STRING,started_at:TIMESTAMP,duration_seconds:INT64,pageview_count:INT64,search_count:INT64,device_class:STRING",
     "ref:int_sessions"},
    {NodeType::Model, "fct_searches", "marts_consumer", "incremental", "consumer", "consumer", 'c', "hourly",
     "Searches with their session and filters.",
     "event_id:STRING,session_id:STRING,make:STRING,model:STRING,max_price_gbp:NUMERIC,results_count:INT64,searched_at:TIMESTAMP",
     "ref:stg_searches,ref:int_sessions"},
    {NodeType::Model, "mart_search_demand", "marts_consumer", "table", "consumer", "consumer", 'c', "daily",
     "Searches against live stock by make and model: where buyers look and find little.",
     "make:STRING,model:STRING,search_date:DATE,searches:INT64,zero_result_searches:INT64,live_listings:INT64,searches_per_listing:FLOAT64",
     "ref:fct_searches,ref:dim_vehicles,ref:fct_listings"},
    {NodeType::Model, "mart_marketplace_kpis_daily", "marts_consumer", "table", "platform", nullptr, 'c', "daily,tier-1",
     "The company's daily KPIs: sessions, live stock, leads, revenue.",
     "kpi_date:DATE,sessions:INT64,live_listings:INT64,new_listings:INT64,leads:INT64,revenue_gbp:NUMERIC",
     "ref:fct_sessions,ref:fct_listings,ref:fct_leads,ref:mart_dealer_revenue"},
};

constexpr ExposureSpec kExposures[] = {
    {"dealer_revenue_overview", "Dealer Revenue Overview", "dashboard", "https://looker.example.com/dashboards/101", "finance", "high",
     "board", "Revenue per dealer, package and region; the monthly board pack is exported from it.",
     "ref:mart_dealer_revenue,ref:dim_dealers"},
    {"finance_monthly_billing", "Finance: Monthly Billing", "dashboard", "https://looker.example.com/dashboards/102", "finance", "high",
     "finance", "Invoiced, collected and refunded amounts for the month-end close.",
     "ref:fct_dealer_invoices,ref:fct_payments"},
    {"dealer_performance_scorecard", "Dealer Performance Scorecard", "dashboard", "https://looker.example.com/dashboards/214", "dealers",
     "high", "dealer-success", "Shared with dealers by their account managers every month.",
     "ref:mart_dealer_performance"},
    {"lead_funnel", "Lead Funnel", "dashboard", "https://looker.example.com/dashboards/215", "consumer", "medium", "",
     "Conversion from session to lead and test drive, by device and lead channel.",
     "ref:mart_lead_funnel,ref:fct_leads"},
    {"marketplace_daily_kpis", "Marketplace Daily KPIs", "dashboard", "https://looker.example.com/dashboards/7", "platform", "high",
     "exec", "The first dashboard the leadership team opens every morning.",
     "ref:mart_marketplace_kpis_daily"},
    {"stock_health", "Stock Health & Days to Sell", "dashboard", "https://looker.example.com/dashboards/318", "listings", "medium", "",
     "Ageing stock and days to sell by segment and region.", "ref:mart_stock_health,ref:fct_listings"},
    {"price_indicator_monitor", "Price Indicator Monitor", "dashboard", "https://looker.example.com/dashboards/402", "pricing", "medium",
     "", "Distribution of price ratings; a sudden shift usually means a valuation feed problem.",
     "ref:mart_price_indicator"},
    {"search_demand_explorer", "Search Demand Explorer", "dashboard", "https://looker.example.com/dashboards/511", "consumer", "low", "",
     "Makes and models buyers search for against what is in stock.", "ref:mart_search_demand"},
    {"price_indicator_model", "Price indicator model (training set)", "ml", "https://vertex.example.com/pipelines/price-indicator",
     "pricing", "high", "ml", "Training data of the model that rates listings from great to high price.",
     "ref:int_price_positioning,ref:dim_vehicles"},
    {"dealer_portal_insights", "Dealer portal: Insights tab", "application", "https://dealers.wheelhouse.example/insights", "dealers",
     "high", "customer-facing", "Performance figures shown to dealers in the retailer portal.",
     "ref:mart_dealer_performance,ref:fct_listing_daily_performance"},
};

constexpr GlossaryEntry kGlossary[] = {
    {"listing_id", "Identifier of the listing (advert)."},
    {"dealer_id", "Identifier of the dealer (Salesforce account id)."},
    {"vehicle_id", "Identifier of the advertised vehicle."},
    {"lead_id", "Identifier of the buyer enquiry."},
    {"session_id", "Snowplow session identifier."},
    {"vrm", "Vehicle registration mark (number plate)."},
    {"asking_price_gbp", "Asking price in pounds sterling, including VAT."},
    {"asking_price_pence", "Asking price in pence, including VAT."},
    {"mileage", "Odometer reading in miles when advertised."},
    {"postcode", "Postcode of the dealer's forecourt."},
    {"region", "Region of the United Kingdom from the postcode area."},
    {"listing_status", "draft, live, reserved, sold or withdrawn."},
    {"price_indicator", "great, good, fair or high price relative to the retail valuation."},
    {"days_live", "Days between going live and being sold or withdrawn (or today)."},
    {"lead_channel", "call, email, chat or finance application."},
    {"first_response_minutes", "Minutes until the dealer first answered the buyer."},
    {"device_class", "desktop, mobile web, iOS app or Android app."},
    {"segment", "Market segment: city car, family hatchback, SUV, executive, van ..."},
    {"revenue_gbp", "Recognised revenue in pounds, net of refunds."},
    {"tier_name", "Dealer tier: Starter, Standard, Premium or Group."},
    {"created_at", "When the row was created in the source system (UTC)."},
    {"updated_at", "When the row was last changed in the source system (UTC)."},
    {"dbt_valid_from", "Start of the validity of this version (dbt snapshot)."},
    {"dbt_valid_to", "End of the validity of this version; null for the current one (dbt snapshot)."},
};
// clang-format on

} // namespace

std::span<const Team> teams()
{
    return kTeams;
}

std::span<const SourceSpec> sources()
{
    return kSources;
}

std::span<const TableSpec> sourceTables()
{
    return kSourceTables;
}

std::span<const NodeSpec> nodes()
{
    return kNodes;
}

std::span<const ExposureSpec> exposures()
{
    return kExposures;
}

std::span<const GlossaryEntry> glossary()
{
    return kGlossary;
}

} // namespace demo
