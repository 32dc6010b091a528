#pragma once

#include "import/importer.h"
#include "import/jsonstream.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>

#include <map>
#include <string>
#include <vector>

namespace sightline::looker {

// One file of saved Looker API responses. Responses are small (a dashboard with its tiles is
// kilobytes), so the file is parsed whole, after a scan that bounds nesting and string size.
// Everything is collected first and written at the end of the file: owners need the users,
// and the source id needs the instance's host, wherever they appear in the file.
class LookerImport
{
public:
    LookerImport(const ImportContext& context, ImportSink& sink);
    void run();

private:
    struct Content
    {
        Asset asset;
        QString userId;
        QString userName; // the response's own user_name, when no user response resolves userId
        QString explore; // a look's explore key
        std::vector<QString> explores; // a dashboard's tiles' explore keys
        double viewCount = -1;
    };

    void readResponse(const JsonValue& r, const std::string& pointer);
    void readDashboard(const JsonValue& r, const std::string& pointer);
    void readLook(const JsonValue& r, const std::string& pointer);
    void readExplore(const JsonValue& r, const std::string& pointer);
    void readUser(const JsonValue& r, const std::string& pointer);
    void readCommon(const JsonValue& r, const std::string& pointer, Content& c);
    QString exploreOfQuery(const JsonValue* query, const std::string& pointer);
    QString exploreKey(const QString& model, const QString& explore, const QString& label = {});
    void addTable(const QString& sqlTableName, const QString& exploreKey, const QString& what);
    void readCapture(const JsonValue& capture, const std::string& pointer);
    void noteTime(const JsonValue& r, const char* field);
    void findHost(const JsonValue& v, int depth);
    void write();

    [[noreturn]] void fail(const std::string& pointer, const QString& reason) const;
    QString string(const JsonValue& object, const char* field, const std::string& pointer) const;
    QString id(const JsonValue& object, const char* field, const std::string& pointer) const;
    const JsonValue* object(const JsonValue& object, const char* field, const std::string& pointer) const;

    const ImportContext& m_context;
    ImportSink& m_sink;
    std::vector<Content> m_contents;
    std::map<QString, Asset> m_explores; // by key
    std::map<QString, Asset> m_tables; // by key
    std::vector<Edge> m_edges;
    QSet<QString> m_edgeSeen;
    QHash<QString, QString> m_owners; // user id -> email (or display name)
    QString m_host;
    QDateTime m_capturedAt; // newest activity time in the responses
    QString m_captureHost; // from the collector's sightline_capture record
    QDateTime m_captureTime;
    int m_responses = 0;
};

} // namespace sightline::looker
