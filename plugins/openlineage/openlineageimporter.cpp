#include "openlineageimporter.h"

#include "oleventreader.h"
#include "olimport.h"

#include <QRegularExpression>

#include <algorithm>

namespace sightline {

QString OpenLineageImporter::formatId() const
{
    return QStringLiteral("openlineage");
}

QString OpenLineageImporter::displayName() const
{
    return QStringLiteral("OpenLineage run events");
}

Detection OpenLineageImporter::detect(const QByteArray& head) const
{
    // By the shape of the first event: its eventTime and run/job are what makes it a run event.
    // The head may end inside that event (Marquez's event_large.json has 120 KB of Spark plan
    // before "job"), so what is missing from it counts for less than what is there.
    const openlineage::HeadScan scan = openlineage::scanHead(head);
    if (!scan.eventTime || !(scan.run || scan.job))
        return {};
    int confidence = 25;
    confidence += scan.eventType ? 20 : 0;
    confidence += scan.run ? 20 : 0;
    confidence += scan.job ? 20 : 0;
    confidence += scan.producer || scan.inputsOrOutputs ? 5 : 0;
    // The producer, schemaURL and every facet's _schemaURL name the spec's home.
    confidence += head.toLower().contains("openlineage") ? 25 : 0;

    Detection d;
    d.confidence = std::min(confidence, 100);
    static const QRegularExpression spec(QStringLiteral(R"(openlineage\.io/spec/(\d+-\d+-\d+)/OpenLineage\.json)"));
    const auto m = spec.match(QString::fromUtf8(head));
    if (m.hasMatch())
        d.version = m.captured(1);
    return d;
}

void OpenLineageImporter::import(const ImportContext& context, ImportSink& sink) const
{
    openlineage::EventImport(context, sink).run();
}

} // namespace sightline
