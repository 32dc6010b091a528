#include "jsonschema.h"
#include "testutil.h"

#include <QTest>

using sightline::test::JsonSchemaValidator;
using json = nlohmann::json;

namespace {
// JSON written with single quotes (moc cannot read raw string literals).
QByteArray jq(const char* text)
{
    QByteArray out(text);
    out.replace('\'', '"');
    return out;
}

json validAsset()
{
    return json::parse(
        jq("{'key': 'p.d.orders', 'kind': 'model', 'platform': 'bigquery', 'name': 'orders',"
           "                           'owner': null, 'team': 'sales', 'channel': null, 'tags': ['a', 'b'],"
           "                           'description': null, 'extra': {'anything': [1, 2]}}"));
}
} // namespace

class TestJsonSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_contracts.loadDirectory(sightline::test::contractsDir(), &error), qPrintable(error));
    }

    void acceptsValidDocuments_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QByteArray>("document");
        const QByteArray asset = QByteArray::fromStdString(validAsset().dump());
        QTest::addRow("asset") << "asset.schema.json" << asset;
        QTest::addRow("asset by $id") << "sightline/asset.schema.json" << asset;
        QTest::addRow("assets") << "assets.schema.json"
                                << "[" + asset + "," + asset + "]";
        QTest::addRow("no assets") << "assets.schema.json" << QByteArray("[]");
        QTest::addRow("lineage") << "lineage.schema.json"
                                 << "{\"nodes\": [" + asset + "], \"edges\": [{\"from\": \"a\", \"to\": \"b\"}]}";
        QTest::addRow("impact, integral float distance")
            << "impact.schema.json"
            << jq("{'asset': 'a', 'downstream': [{'key': 'k', 'kind': 'view', 'platform': 'p', 'name': 'n', "
                  "'distance': 2.0}],"
                  "                  'channels': ['#x'], 'unowned': []}");
        QTest::addRow("incidents, string id")
            << "incidents.schema.json"
            << jq("[{'id': 'i-1', 'asset': 'a', 'kind': 'volume', 'detected_at': 'not checked', 'window_start': 'x',"
                  "                    'window_end': 'y', 'severity': 'SEV-2', 'status': 'open', 'explanation': 'e',"
                  "                    'expected': {'low': 1, 'high': null}, 'observed': 3.5, 'score': null}]");
    }

    void acceptsValidDocuments()
    {
        QFETCH(QString, schema);
        QFETCH(QByteArray, document);
        const QStringList errors = m_contracts.validate(json::parse(document.toStdString()), schema);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    }

    void catchesInvalidDocuments_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("expectedError"); // the error (pointer and reason) that must be among them

        auto assetWith = [](const std::function<void(json&)>& change) {
            json a = validAsset();
            change(a);
            return QByteArray::fromStdString(json::array({validAsset(), a}).dump());
        };
        QTest::addRow("missing key") << "assets.schema.json" << assetWith([](json& a) { a.erase("key"); })
                                     << "/1: missing required property \"key\"";
        QTest::addRow("unknown kind") << "assets.schema.json" << assetWith([](json& a) { a["kind"] = "widget"; })
                                      << "/1/kind: \"widget\" is not one of";
        QTest::addRow("owner a number") << "assets.schema.json" << assetWith([](json& a) { a["owner"] = 7; })
                                        << "/1/owner: is integer, expected [\"string\",\"null\"]";
        QTest::addRow("name null") << "assets.schema.json" << assetWith([](json& a) { a["name"] = nullptr; })
                                   << "/1/name: is null, expected \"string\"";
        QTest::addRow("tag not a string") << "assets.schema.json" << assetWith([](json& a) {
            a["tags"] = json::array({"x", false});
        }) << "/1/tags/1: is boolean, expected \"string\"";
        QTest::addRow("tags an object") << "assets.schema.json"
                                        << assetWith([](json& a) { a["tags"] = json::object(); })
                                        << "/1/tags: is object, expected \"array\"";
        QTest::addRow("not an array") << "assets.schema.json" << QByteArray::fromStdString(validAsset().dump())
                                      << "/: is object, expected \"array\"";
        QTest::addRow("edge without to") << "lineage.schema.json"
                                         << QByteArray(jq("{'nodes': [], 'edges': [{'from': 'a'}]}"))
                                         << "/edges/0: missing required property \"to\"";
        QTest::addRow("no edges") << "lineage.schema.json" << QByteArray(jq("{'nodes': []}"))
                                  << "/: missing required property \"edges\"";
        QTest::addRow("node breaks the referenced schema")
            << "lineage.schema.json" << QByteArray(jq("{'nodes': [{'key': 'k'}], 'edges': []}"))
            << "/nodes/0: missing required property \"kind\"";
        QTest::addRow("distance below minimum")
            << "impact.schema.json"
            << QByteArray(jq("{'asset': 'a', 'downstream': [{'key': 'k', 'kind': 'view', 'platform': 'p', 'name': 'n',"
                             "                             'distance': 0}], 'channels': [], 'unowned': []}"))
            << "/downstream/0/distance: 0 is less than the minimum 1";
        QTest::addRow("fractional distance")
            << "impact.schema.json"
            << QByteArray(jq("{'asset': 'a', 'downstream': [{'key': 'k', 'kind': 'view', 'platform': 'p', 'name': 'n',"
                             "                             'distance': 1.5}], 'channels': [], 'unowned': []}"))
            << "/downstream/0/distance: is number, expected \"integer\"";
        QTest::addRow("allOf: first part broken")
            << "impact.schema.json"
            << QByteArray(jq("{'asset': 'a', 'downstream': [{'kind': 'view', 'platform': 'p', 'name': 'n',"
                             "                             'distance': 1}], 'channels': [], 'unowned': []}"))
            << "/downstream/0: missing required property \"key\"";
        QTest::addRow("id a boolean")
            << "incidents.schema.json"
            << QByteArray(jq("[{'id': true, 'asset': 'a', 'kind': 'volume', 'detected_at': 't', 'window_start': 'x',"
                             "                             'window_end': 'y', 'severity': 'SEV-2', 'status': 'open', "
                             "'explanation': 'e'}]"))
            << "/0/id: is boolean, expected [\"integer\",\"string\"]";
        QTest::addRow("bad status")
            << "incidents.schema.json"
            << QByteArray(jq(
                   "[{'id': 1, 'asset': 'a', 'kind': 'volume', 'detected_at': 't',"
                   "                                                       'window_start': 'x', 'window_end': 'y', "
                   "'severity': 'SEV-2',"
                   "                                                       'status': 'closed', 'explanation': 'e'}]"))
            << "/0/status: \"closed\" is not one of";
    }

    void catchesInvalidDocuments()
    {
        QFETCH(QString, schema);
        QFETCH(QByteArray, document);
        QFETCH(QString, expectedError);
        const QStringList errors = m_contracts.validate(json::parse(document.toStdString()), schema);
        QVERIFY2(!errors.isEmpty(), "an invalid document passed");
        const bool found =
            std::any_of(errors.cbegin(), errors.cend(), [&](const QString& e) { return e.startsWith(expectedError); });
        QVERIFY2(found,
                 qPrintable(QStringLiteral("expected \"%1\" among:\n%2").arg(expectedError, errors.join(u'\n'))));
    }

    void reportsEveryError()
    {
        const json doc = json::parse(jq("[{'kind': 1, 'platform': null, 'name': 'n'}]"));
        const QStringList errors = m_contracts.validate(doc, QStringLiteral("assets.schema.json"));
        QCOMPARE(errors.size(), 3); // missing key, kind not in enum, platform not a string
    }

    void localRefsAndNotOneOf()
    {
        JsonSchemaValidator v;
        v.addSchema(
            json::parse(
                jq("{'$id': 't/x.json', '$defs': {'pos': {'type': 'integer', 'minimum': 1}},"
                   "                                    'type': 'object', 'properties': {'n': {'$ref': '#/$defs/pos'},"
                   "                                    'm': {'oneOf': [{'type': 'integer'}, {'type': 'number'}]},"
                   "                                    's': {'not': {'const': 'forbidden'}}}}")),
            QStringLiteral("x.json"));
        QVERIFY(v.validate(json::parse(jq("{'n': 3, 'm': 1.5, 's': 'ok'}")), QStringLiteral("x.json")).isEmpty());
        QCOMPARE(v.validate(json::parse(jq("{'n': 0}")), QStringLiteral("x.json")),
                 QStringList {QStringLiteral("/n: 0 is less than the minimum 1")});
        // 2 is both an integer and a number: oneOf wants exactly one.
        QCOMPARE(v.validate(json::parse(jq("{'m': 2}")), QStringLiteral("x.json")).size(), 1);
        QCOMPARE(v.validate(json::parse(jq("{'s': 'forbidden'}")), QStringLiteral("x.json")).size(), 1);
    }

    void refusesWhatItCannotJudge()
    {
        JsonSchemaValidator v;
        v.addSchema(json::parse(jq("{'type': 'string', 'pattern': '^a'}")), QStringLiteral("p.json"));
        v.addSchema(json::parse(jq("{'$ref': 'missing.schema.json'}")), QStringLiteral("r.json"));
        const auto pattern = v.validate(json("abc"), QStringLiteral("p.json"));
        QCOMPARE(pattern, QStringList {QStringLiteral("/: unsupported schema keyword \"pattern\"")});
        QCOMPARE(v.validate(json(1), QStringLiteral("r.json")),
                 QStringList {QStringLiteral("/: unresolvable $ref missing.schema.json")});
        QCOMPARE(v.validate(json(1), QStringLiteral("nope.json")).size(), 1);
    }

private:
    JsonSchemaValidator m_contracts;
};

QTEST_GUILESS_MAIN(TestJsonSchema)
#include "tst_jsonschema.moc"
