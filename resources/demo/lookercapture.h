#pragma once

#include "historyplan.h"
#include "manifestjson.h"

namespace demo {

// What the Looker collector saves at time t (packaging/collectors/looker): its capture record,
// the dashboards with their tiles' queries, the explores with the tables behind them
// (sql_table_name, joins) and the users owning the dashboards, as Looker API 4.0 returns them.
Json lookerCapture(Millis t);

} // namespace demo
