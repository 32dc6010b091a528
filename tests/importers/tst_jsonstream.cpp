#include "import/jsonstream.h"
#include "importtestutil.h"

#include <QTest>

using namespace sightline;
using test::j;

namespace {
struct Seen
{
    QStringList items; // "top/member=<dump>"
    QStringList sections;
};

Seen read(JsonStreamReader& reader, const QByteArray& data)
{
    Seen seen;
    reader.setSectionEnd(
        [&seen](std::string_view key) { seen.sections.append(QString::fromUtf8(key.data(), key.size())); });
    reader.readBuffer(data, QStringLiteral("doc.json"), [&seen](JsonStreamItem& item) {
        const char* container = item.container == JsonStreamItem::Container::Object ? "{}"
            : item.container == JsonStreamItem::Container::Array                    ? "[]"
                                                                                    : "";
        seen.items.append(QString::fromStdString(std::string(item.topKey) + container + "/"
                                                 + std::string(item.memberKey) + "=" + item.value.dump()));
    });
    return seen;
}
} // namespace

class TestJsonStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void deliversSelectedPartsOnly()
    {
        JsonStreamReader reader;
        reader.selectWhole("meta");
        reader.selectMembers("nodes", {"name", "cols"});
        reader.selectMembers("list");
        reader.selectMembers("scalar");
        const auto seen = read(reader,
                               j("{'skip': {'a': [1, {'b': 2}]}, 'meta': {'v': 1, 'w': [true, null]},"
                                 " 'nodes': {'n1': {'name': 'x', 'big': 'dropped', 'cols': {'z': 1, 'a': 2}},"
                                 " 'n2': 5}, 'list': ['a', {'k': 1.5}], 'scalar': null, 'later': 1}"));
        QCOMPARE(
            seen.items,
            QStringList({"meta/={\"v\":1,\"w\":[true,null]}", "nodes{}/n1={\"name\":\"x\",\"cols\":{\"z\":1,\"a\":2}}",
                         "nodes{}/n2=5", "list[]/0=\"a\"", "list[]/1={\"k\":1.5}", "scalar/=null"}));
        QCOMPARE(seen.sections, QStringList({"meta", "nodes", "list", "scalar"}));
    }

    void keepsFieldPaths()
    {
        JsonStreamReader reader;
        reader.selectMembers("nodes", {"name", "config/meta", "cols/*/type", "cols/*/name", "list", "config"},
                             [](std::string_view key) { return key != "skipped"; });
        const auto seen = read(reader,
                               j("{'nodes': {'a': {'name': 'x', 'sql': 'select', 'config': {'meta': {'o': 1}, "
                                 "'grants': {}}, 'cols': {'c1': {'name': 'c1', 'type': 'INT', 'tags': []}, "
                                 "'c2': {'x': [1]}}, 'list': [{'deep': {'k': 1}}]}, 'skipped': {'name': 'y'}}}"));
        // "config" after "config/meta" keeps all of config; c2 keeps none of its fields.
        QCOMPARE(seen.items,
                 QStringList({"nodes{}/a={\"name\":\"x\",\"config\":{\"meta\":{\"o\":1},\"grants\":{}},"
                              "\"cols\":{\"c1\":{\"name\":\"c1\",\"type\":\"INT\"},\"c2\":{}},"
                              "\"list\":[{\"deep\":{\"k\":1}}]}"}));
    }

    void offsetsPointAtMemberKeys()
    {
        JsonStreamReader reader;
        reader.selectMembers("nodes");
        const QByteArray data = j("{\n 'nodes': {\n  'abc': [1],\n  'de': {}}}");
        QList<qint64> offsets;
        reader.readBuffer(data, QStringLiteral("doc.json"), [&](JsonStreamItem& item) { offsets.append(item.offset); });
        QCOMPARE(offsets, QList<qint64>({qint64(data.indexOf("\"abc\"")), qint64(data.indexOf("\"de\""))}));
        QCOMPARE(JsonStreamReader::lineColumn(data, offsets[1]), std::make_pair(qint64(4), qint64(3)));
        const ImportError e = reader.errorAt(offsets[0], QStringLiteral("why"));
        QCOMPARE(e.message(), QStringLiteral("doc.json:3:3: why"));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("message");
        QTest::addRow("truncated") << j("{'a': {'b': [1, 2")
                                   << "doc.json:1:18: invalid JSON: unexpected end of file (is it truncated?)";
        QTest::addRow("bad literal, parsed")
            << j("{'sel': {'k':\n nul}}")
            << "doc.json:2:5: invalid JSON while parsing a value: invalid literal; last read: '\"k\":<U+000A> nul}'";
        QTest::addRow("bad literal, skipped")
            << j("{'a':\n nul}") << "doc.json:2:2: invalid JSON: invalid literal \"nul\"";
        QTest::addRow("unbalanced, skipped") << j("{'a': [1, {]}") << "doc.json:1:12: invalid JSON: unexpected ']'";
        QTest::addRow("top-level array") << j("[1]") << "doc.json:1:1: expected a JSON object at the top level";
        QTest::addRow("top-level scalar") << j("  7") << "doc.json:1:4: expected a JSON object at the top level";
        QTest::addRow("empty") << QByteArray("") << "doc.json:1:1: the file is empty";
        QTest::addRow("too deep, skipped") << "{\"a\": " + QByteArray(40, '[') + QByteArray(40, ']') + "}"
                                           << "doc.json:1:38: nesting deeper than 32 levels is not supported";
        QTest::addRow("too deep, built") << "{\"sel\": " + QByteArray(40, '[') + QByteArray(40, ']') + "}"
                                         << "doc.json:1:41: nesting deeper than 32 levels is not supported";
        QTest::addRow("long string") << j("{'sel': {'k': '0123456789abcdef'}}")
                                     << "doc.json:1:15: a string of 16 bytes exceeds the limit of 10 bytes";
        QTest::addRow("long key") << j("{'0123456789abcdef': 1}")
                                  << "doc.json:1:2: a string of 16 bytes exceeds the limit of 10 bytes";
    }

    void errors()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, message);
        JsonStreamReader reader;
        reader.selectMembers("sel");
        reader.setMaxDepth(32);
        reader.setMaxStringSize(10);
        try {
            reader.readBuffer(data, QStringLiteral("doc.json"), [](JsonStreamItem&) {});
            QFAIL("no error");
        } catch (const ImportError& e) {
            QCOMPARE(e.message(), message);
        }
    }

    void progressAndCancel()
    {
        QByteArray data = "{\"a\": [";
        for (int i = 0; i < 20000; ++i)
            data += "\"0123456789\",";
        data += "1]}";
        JsonStreamReader reader;
        reader.selectMembers("a");
        QList<qint64> progress;
        reader.setProgress([&progress](qint64 done) { progress.append(done); }, 64 * 1024);
        reader.readBuffer(data, QStringLiteral("doc.json"), [](JsonStreamItem&) {});
        QVERIFY(progress.size() >= 3);
        QCOMPARE(progress.last(), qint64(data.size()));
        QVERIFY(std::is_sorted(progress.cbegin(), progress.cend()));

        int calls = 0;
        reader.setCancelled([&calls] { return ++calls == 2; });
        QVERIFY_THROWS_EXCEPTION(ImportCancelled,
                                 reader.readBuffer(data, QStringLiteral("doc.json"), [](JsonStreamItem&) {}));
        QCOMPARE(calls, 2);
    }

    void readableParseErrors()
    {
        QCOMPARE(
            JsonStreamReader::readableParseError(
                "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error while parsing "
                "object key - invalid literal; last read: 'x'; expected string literal"),
            QStringLiteral(
                "invalid JSON while parsing a object key: invalid literal; last read: 'x'; expected string literal"));
    }
};

QTEST_GUILESS_MAIN(TestJsonStream)
#include "tst_jsonstream.moc"
