#include "lookerimporter.h"

#include "lookerimport.h"

namespace sightline {

namespace {

bool has(const QByteArray& head, const char* field)
{
    return head.contains(QByteArray(QByteArray("\"") + field + "\""));
}

int countOf(const QByteArray& head, std::initializer_list<const char*> fields)
{
    int n = 0;
    for (const char* f : fields)
        n += has(head, f) ? 1 : 0;
    return n;
}

} // namespace

QString LookerImporter::formatId() const
{
    return QStringLiteral("looker-api");
}

QString LookerImporter::displayName() const
{
    return QStringLiteral("Looker API 4.0 responses");
}

Detection LookerImporter::detect(const QByteArray& head) const
{
    const QByteArray start = head.trimmed().left(1);
    if (start != "{" && start != "[")
        return {};
    // Fields only Looker's API types carry, several of them together: a lone "email" or "title"
    // says nothing, so other formats' files are not taken.
    int confidence = 0;
    if (has(head, "dashboard_elements")
        && countOf(head, {"dashboard_filters", "dashboard_layouts", "folder", "title"}) >= 1)
        confidence = 95;
    else if (has(head, "sql_table_name")
             && countOf(head, {"model_name", "view_name", "connection_name", "lookml_link", "joins", "can_explain"})
                 >= 2)
        confidence = 90;
    else if (has(head, "query_id")
             && countOf(head,
                        {"is_run_on_load", "short_url", "google_spreadsheet_formula", "image_embed_url",
                         "last_updater_id", "public_url", "excel_file_url"})
                 >= 2)
        confidence = 85;
    else if (has(head, "email") && has(head, "display_name")
             && countOf(head,
                        {"personal_folder_id", "home_folder_id", "credentials_email", "credentials_api3",
                         "roles_for_group_ids", "is_disabled", "group_ids"})
                 >= 2)
        confidence = 75;
    if (confidence == 0)
        return {};
    Detection d;
    d.confidence = confidence;
    d.version = QStringLiteral("4.0");
    return d;
}

void LookerImporter::import(const ImportContext& context, ImportSink& sink) const
{
    looker::LookerImport(context, sink).run();
}

} // namespace sightline
