#include "annotations/annotationstore.h"
#include "store/workspace.h"
#include "store/workspacewriter.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sightline;

class TestAnnotationStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void addListRemove();
    void refusesBadInput();
    void durableAtOnce();

private:
    QString makeWorkspace();
    QTemporaryDir m_dir;
    QString m_path;
};

static QDateTime utc(int d, int h, int m = 0)
{
    return QDateTime(QDate(2024, 3, d), QTime(h, m), Qt::UTC);
}

void TestAnnotationStore::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("ws-%1.sightline").arg(QLatin1String(QTest::currentTestFunction())));
    auto ws = Workspace::open(m_path, Workspace::OpenMode::Create);
    sql::Transaction tx(ws->db());
    ws->db().exec("INSERT INTO snapshot (format, source_path, content_hash, captured_at, imported_at) VALUES "
                  "('test', 'x', 'h', 0, 0)");
    WorkspaceWriter writer(*ws, ws->db().lastInsertRowId());
    writer.beginSource(QStringLiteral("test"), utc(1, 6));
    for (const char* key : {"p.s.orders", "p.s.customers"}) {
        Asset a;
        a.key = QString::fromLatin1(key);
        a.name = a.key.section(u'.', -1);
        a.kind = AssetKind::Table;
        a.platform = QStringLiteral("bigquery");
        writer.asset(a);
    }
    writer.finish();
    tx.commit();
}

void TestAnnotationStore::addListRemove()
{
    auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadWrite);
    AnnotationStore store(ws->db());
    Annotation late;
    late.assetKey = QStringLiteral("p.s.orders");
    late.at = utc(5, 6);
    late.text = QStringLiteral("  upstream clean-up  ");
    late.author = QStringLiteral("ana");
    late.createdAt = utc(20, 9, 30);
    Annotation window;
    window.assetKey = QStringLiteral("p.s.orders");
    window.at = utc(2, 0);
    window.until = utc(3, 0);
    window.text = QStringLiteral("backfill");
    window.excludeFromTraining = true;
    Annotation other;
    other.assetKey = QStringLiteral("p.s.customers");
    other.at = utc(1, 0);
    other.text = QStringLiteral("not for orders");

    const qint64 first = store.add(late);
    const qint64 second = store.add(window);
    store.add(other);
    QVERIFY(first > 0 && second > first);

    const QList<Annotation> list = store.annotations(QStringLiteral("p.s.orders"));
    QCOMPARE(list.size(), 2);
    // By time, not by insertion.
    QCOMPARE(list[0].id, second);
    QCOMPARE(list[0].at, utc(2, 0));
    QCOMPARE(list[0].until, utc(3, 0));
    QCOMPARE(list[0].text, QStringLiteral("backfill"));
    QVERIFY(list[0].excludeFromTraining);
    QVERIFY(list[0].author.isEmpty());
    QVERIFY(list[0].createdAt.isValid());
    QCOMPARE(list[1].id, first);
    QCOMPARE(list[1].text, QStringLiteral("upstream clean-up"));
    QCOMPARE(list[1].author, QStringLiteral("ana"));
    QCOMPARE(list[1].createdAt, utc(20, 9, 30));
    QVERIFY(!list[1].until.isValid());
    QVERIFY(!list[1].excludeFromTraining);

    QVERIFY(store.remove(first));
    QVERIFY(!store.remove(first));
    QCOMPARE(store.annotations(QStringLiteral("p.s.orders")).size(), 1);
    QCOMPARE(store.annotations(QStringLiteral("p.s.customers")).size(), 1);
    QVERIFY(store.annotations(QStringLiteral("no.such.asset")).isEmpty());
}

void TestAnnotationStore::refusesBadInput()
{
    auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadWrite);
    AnnotationStore store(ws->db());
    Annotation a;
    a.assetKey = QStringLiteral("no.such.asset");
    a.at = utc(1, 0);
    a.text = QStringLiteral("x");
    QVERIFY_THROWS_EXCEPTION(sql::Error, store.add(a));
    a.assetKey = QStringLiteral("p.s.orders");
    a.text = QStringLiteral("   ");
    QVERIFY_THROWS_EXCEPTION(sql::Error, store.add(a));
    a.text = QStringLiteral("ok");
    a.at = QDateTime();
    QVERIFY_THROWS_EXCEPTION(sql::Error, store.add(a));
    QCOMPARE(ws->db().queryInt("SELECT count(*) FROM annotation"), 0);
}

void TestAnnotationStore::durableAtOnce()
{
    {
        auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadWrite);
        Annotation a;
        a.assetKey = QStringLiteral("p.s.orders");
        a.at = utc(4, 12);
        a.text = QStringLiteral("kept");
        AnnotationStore(ws->db()).add(a);
        // Another connection sees it while the first is still open: committed, not pending.
        auto reader = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
        QCOMPARE(AnnotationStore(reader->db()).annotations(QStringLiteral("p.s.orders")).size(), 1);
    }
    auto ws = Workspace::open(m_path, Workspace::OpenMode::ReadOnly);
    const auto list = AnnotationStore(ws->db()).annotations(QStringLiteral("p.s.orders"));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].at, utc(4, 12));
}

QTEST_GUILESS_MAIN(TestAnnotationStore)
#include "tst_annotationstore.moc"
