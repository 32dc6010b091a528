#pragma once

// The bundled demo estate: a small used-car marketplace ("Wheelhouse") as its dbt project sees
// it. Plain constant tables; gendemomanifest.cpp turns them into a real dbt manifest.json.

#include <span>

namespace demo {

// A team owns assets and is paged on one alert channel. channelKey says which meta key carries
// the channel, because real projects use several spellings.
struct Team
{
    const char* id;
    const char* name;
    const char* owner;
    const char* email;
    const char* channel;
    const char* channelKey;
};

// A dbt source: one BigQuery dataset filled by one loader.
struct SourceSpec
{
    const char* name;
    const char* schema;
    const char* loader;
    const char* team;
    const char* description;
};

// Columns are written "name:TYPE,name:TYPE"; descriptions come from a shared glossary.
struct TableSpec
{
    const char* source;
    const char* name;
    const char* tags; // comma separated
    const char* description;
    const char* columns;
};

enum class NodeType
{
    Model,
    Seed,
    Snapshot,
};

// A model, seed or snapshot. deps are "ref:name" or "source:source_name.table", comma separated.
// metaStyle: 'c' owner/team/channel in config.meta, 'm' only in the legacy node meta,
// 'g' only through the dbt group's owner (team and channel still in config.meta).
struct NodeSpec
{
    NodeType type;
    const char* name;
    const char* schema;
    const char* materialized;
    const char* team;
    const char* group;
    char metaStyle;
    const char* tags;
    const char* description;
    const char* columns;
    const char* deps;
};

// A dbt exposure; Looker dashboards have a numeric id that forms their URL.
struct ExposureSpec
{
    const char* name;
    const char* label;
    const char* type;
    const char* url;
    const char* team;
    const char* maturity;
    const char* tags;
    const char* description;
    const char* deps;
};

struct GlossaryEntry
{
    const char* column;
    const char* description;
};

std::span<const Team> teams();
std::span<const SourceSpec> sources();
std::span<const TableSpec> sourceTables();
std::span<const NodeSpec> nodes();
std::span<const ExposureSpec> exposures();
std::span<const GlossaryEntry> glossary();

} // namespace demo
