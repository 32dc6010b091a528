#include "logging.h"

Q_LOGGING_CATEGORY(lcStore, "sightline.model.store", QtWarningMsg)
Q_LOGGING_CATEGORY(lcImport, "sightline.model.import", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLineage, "sightline.model.lineage", QtWarningMsg)
Q_LOGGING_CATEGORY(lcLayout, "sightline.model.layout", QtWarningMsg)
