#include "hostilecorpus.h"
#include "testutil.h"

#include <QTest>

using namespace sightline;
using namespace sightline::test::hostile;

namespace {

enum class Expect
{
    Refused, // an error naming file and place; the workspace unchanged
    RefusedOrWarned, // refused, or imported with a warning about the value
    Any, // refused, or imported (a value JSON allows, read as it is)
};

struct Payload
{
    const char* name;
    bool atString; // replaces a string value (else a number)
    QByteArray bytes; // empty: the duplicate-key case, built from the key
    Expect expect;
};

// A reference to the one list: payloads()[i] on a returned copy detached a temporary and left
// the caller's reference dangling (heap-use-after-free under ASan).
const QList<Payload>& payloads()
{
    static const QList<Payload> list = {
        {"100 MB string", true, '"' + QByteArray(100 << 20, 'x') + '"', Expect::RefusedOrWarned},
        {"1,000,000-deep nesting", true, QByteArray(1000000, '[') + QByteArray(1000000, ']'), Expect::RefusedOrWarned},
        {"1,000,000-deep objects", false,
         [] {
             QByteArray b;
             b.reserve(6 * 1000000 + 2);
             for (int i = 0; i < 1000000; ++i)
                 b += "{\"a\":";
             b += "1";
             b += QByteArray(1000000, '}');
             return b;
         }(),
         Expect::RefusedOrWarned},
        {"invalid UTF-8", true, QByteArray("\"bad \xff\xfe\xc0\xaf end\""), Expect::RefusedOrWarned},
        {"lone surrogate escape", true, QByteArray("\"\\ud800x\""), Expect::Any},
        {"NUL escape", true, QByteArray("\"a\\u0000b\""), Expect::Any},
        {"NaN", false, QByteArray("NaN"), Expect::Refused},
        {"Infinity", false, QByteArray("Infinity"), Expect::Refused},
        {"-Infinity", false, QByteArray("-Infinity"), Expect::Refused},
        {"1e999 (overflows a double)", false, QByteArray("1e999"), Expect::Any},
        {"2^64", false, QByteArray("18446744073709551616"), Expect::Any},
        {"-2^63-1", false, QByteArray("-9223372036854775809"), Expect::Any},
        {"40-digit integer", false, QByteArray("1234567890123456789012345678901234567890"), Expect::Any},
        {"duplicate key", true, QByteArray(), Expect::Any},
    };
    return list;
}

const char* outcomeName(ImportReport::Outcome o)
{
    switch (o) {
    case ImportReport::Outcome::Imported:
        return "imported";
    case ImportReport::Outcome::NothingNew:
        return "nothing new";
    case ImportReport::Outcome::Failed:
        return "refused";
    case ImportReport::Outcome::Cancelled:
        return "cancelled";
    }
    return "?";
}

} // namespace

// Hostile payloads put in place of one value (the last string or number value the importer
// reads, so that detection still sees a normal head) of a valid file of every format.
class TestHostilePayloads : public QObject
{
    Q_OBJECT

private:
    Harness m_harness;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_harness.ok());
    }

    void payload_data()
    {
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("index");
        for (const auto& s : seeds()) {
            for (int i = 0; i < payloads().size(); ++i)
                QTest::addRow("%s: %s", qPrintable(s.format), payloads()[i].name) << s.format << i;
        }
    }
    void payload()
    {
        QFETCH(QString, format);
        QFETCH(int, index);
        const Payload& p = payloads()[index];
        QByteArray seed;
        for (const auto& s : seeds()) {
            if (s.format == format)
                seed = s.bytes;
        }
        QByteArray bytes;
        if (p.bytes.isEmpty()) {
            const QByteArray key = injectKey(seed, true);
            bytes = inject(seed, true, "\"first\",\"" + key + "\":\"second\"");
        } else {
            bytes = inject(seed, p.atString, p.bytes);
        }
        if (bytes.isEmpty())
            QSKIP("the seed has no such value");
        const Outcome o = m_harness.importBytes(bytes);
        qInfo("PAYLOAD|%s|%s|%s|%d|%s", qPrintable(format), p.name, outcomeName(o.outcome), o.warnings,
              qPrintable(o.error.left(300)));
        QVERIFY2(o.crashed.isEmpty(), qPrintable(o.crashed));
        if (o.outcome == ImportReport::Outcome::Failed) {
            QVERIFY2(wellFormedError(o.error, m_harness.dir()) || o.error.contains(QStringLiteral("input.json")),
                     qPrintable(o.error));
            QVERIFY2(o.error.contains(QStringLiteral("input.json")), qPrintable(o.error));
            QVERIFY2(o.unchanged, qPrintable(o.error));
            return;
        }
        QCOMPARE(o.outcome, ImportReport::Outcome::Imported);
        if (p.expect == Expect::Refused)
            QFAIL("imported");
        if (p.expect == Expect::RefusedOrWarned)
            QVERIFY2(o.warnings > 0, "imported without a warning");
    }
};

QTEST_GUILESS_MAIN(TestHostilePayloads)
#include "tst_hostilepayloads.moc"
