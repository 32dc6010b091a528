#include "importsummary.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace sightline::ui {

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("sightline::ui::ImportSummary", text);
}

QString fileDetails(const FileReport& file)
{
    QString out = QFileInfo(file.path).fileName() + u'\n';
    if (!file.skipped.isEmpty()) {
        out += QStringLiteral("    skipped: ") + file.skipped + u'\n';
        return out;
    }
    QString format = file.formatName.isEmpty() ? file.format : file.formatName;
    if (!file.version.isEmpty())
        format += QStringLiteral(" ") + file.version;
    out += QStringLiteral("    %1: %2 assets, %3 edges, %4 columns\n")
               .arg(format)
               .arg(file.assets)
               .arg(file.edges)
               .arg(file.columns);
    for (const auto& warning : file.warnings)
        out += QStringLiteral("    warning: ") + warning + u'\n';
    return out;
}
} // namespace

ImportSummary summarize(const ImportReport& report)
{
    ImportSummary summary;
    int assets = 0, edges = 0, files = 0, warnings = 0, skipped = 0;
    for (const auto& f : report.files) {
        if (f.skipped.isEmpty()) {
            ++files;
            assets += f.assets;
            edges += f.edges;
            warnings += int(f.warnings.size());
        } else {
            ++skipped;
        }
    }
    switch (report.outcome) {
    case ImportReport::Outcome::Imported:
        summary.title = tr("Import finished");
        summary.headline = tr("Imported %1 assets and %2 edges from %3 file(s).").arg(assets).arg(edges).arg(files);
        if (warnings > 0)
            summary.headline += u' ' + tr("%1 warning(s).").arg(warnings);
        if (report.duplicates > 0)
            summary.headline += u' ' + tr("%1 snapshot(s) had been imported before.").arg(report.duplicates);
        break;
    case ImportReport::Outcome::NothingNew:
        summary.title = tr("Nothing new");
        summary.headline =
            tr("Nothing new: these files were imported before, byte for byte. The workspace is unchanged.");
        break;
    case ImportReport::Outcome::Failed:
        summary.title = tr("Import failed");
        summary.headline = tr("Nothing was imported; the workspace is unchanged.\n\n%1").arg(report.error);
        break;
    case ImportReport::Outcome::Cancelled:
        summary.title = tr("Import cancelled");
        summary.headline = tr("The import was cancelled; the workspace is unchanged.");
        break;
    }
    if (skipped > 0 && report.outcome == ImportReport::Outcome::Imported)
        summary.headline += u' ' + tr("%1 file(s) skipped.").arg(skipped);
    for (const auto& f : report.files)
        summary.details += fileDetails(f);
    return summary;
}

} // namespace sightline::ui
