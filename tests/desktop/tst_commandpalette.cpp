#include "palette/commandpalette.h"

#include <QAction>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QSignalSpy>
#include <QTest>

using namespace sightline::ui;

class TestCommandPalette : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void scoring_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("matches");
        QTest::addRow("prefix") << "imp"
                                << "Import…" << true;
        QTest::addRow("word starts") << "ifo"
                                     << "Import Folder…" << true;
        QTest::addRow("out of order") << "pmi"
                                      << "Import…" << false;
        QTest::addRow("case") << "MART"
                              << "mart_dealer_revenue" << true;
        QTest::addRow("spaces ignored") << "mart rev"
                                        << "mart_dealer_revenue" << true;
        QTest::addRow("missing letter") << "martz"
                                        << "mart_dealer_revenue" << false;
    }

    void scoring()
    {
        QFETCH(QString, query);
        QFETCH(QString, text);
        QFETCH(bool, matches);
        QCOMPARE(CommandPalette::matchScore(query, text) >= 0, matches);
    }

    void rankingPrefersWordStartsAndShortTexts()
    {
        QVERIFY(CommandPalette::matchScore(u"imp", u"Import…") > CommandPalette::matchScore(u"imp", u"Import Folder…"));
        QVERIFY(CommandPalette::matchScore(u"rev", u"mart_dealer_revenue")
                > CommandPalette::matchScore(u"rev", u"abbreviation"));
        QVERIFY(CommandPalette::matchScore(u"ife", u"Import Folder Exactly")
                > CommandPalette::matchScore(u"ife", u"lifetime"));
    }

    void typingAndEnterRunsTheAction()
    {
        QMainWindow window;
        QMenu* file = window.menuBar()->addMenu(QStringLiteral("&File"));
        QAction* import = file->addAction(QStringLiteral("&Import…"));
        import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
        QAction* folder = file->addAction(QStringLiteral("Import &Folder…"));
        QAction* disabled = file->addAction(QStringLiteral("Export"));
        disabled->setEnabled(false);
        QMenu* view = window.menuBar()->addMenu(QStringLiteral("&View"));
        QMenu* zoom = view->addMenu(QStringLiteral("&Zoom"));
        QAction* zoomIn = zoom->addAction(QStringLiteral("Zoom &In"));
        window.show();

        const auto entries = CommandPalette::actionEntries(&window);
        QCOMPARE(entries.size(), 3); // disabled actions are not offered
        QCOMPARE(entries.at(2).detail, QStringLiteral("View › Zoom"));
        QCOMPARE(entries.at(0).label, QStringLiteral("Import…"));

        QList<PaletteEntry> all = entries;
        bool assetOpened = false;
        all.append({QStringLiteral("mart_dealer_revenue"),
                    QStringLiteral("bigquery:wheelhouse.marts.mart_dealer_revenue"),
                    QStringLiteral("Asset"),
                    {},
                    [&assetOpened] { assetOpened = true; }});

        CommandPalette palette(&window);
        palette.setEntries(all);
        palette.open();
        QCOMPARE(palette.results()->count(), 4);

        QSignalSpy importSpy(import, &QAction::triggered);
        QSignalSpy folderSpy(folder, &QAction::triggered);
        QTest::keyClicks(palette.input(), QStringLiteral("ifo"));
        QCOMPARE(palette.results()->count(), 1);
        QTest::keyClick(palette.input(), Qt::Key_Return);
        QCOMPARE(folderSpy.count(), 1);
        QCOMPARE(importSpy.count(), 0);
        QVERIFY(!palette.isVisible());

        palette.open();
        QTest::keyClicks(palette.input(), QStringLiteral("imp"));
        QVERIFY(palette.results()->count() >= 2);
        QVERIFY(palette.results()->item(0)->text().contains(QStringLiteral("Import…")));
        QTest::keyClick(palette.input(), Qt::Key_Down);
        QCOMPARE(palette.results()->currentRow(), 1);
        QTest::keyClick(palette.input(), Qt::Key_Up);
        QTest::keyClick(palette.input(), Qt::Key_Enter);
        QCOMPARE(importSpy.count(), 1);

        palette.open();
        QTest::keyClicks(palette.input(), QStringLiteral("dealer rev"));
        QCOMPARE(palette.results()->count(), 1);
        QTest::keyClick(palette.input(), Qt::Key_Return);
        QVERIFY(assetOpened);

        palette.open();
        QTest::keyClicks(palette.input(), QStringLiteral("zzzz"));
        QCOMPARE(palette.results()->count(), 0);
        QTest::keyClick(palette.input(), Qt::Key_Return); // nothing to run: stays harmless
        QTest::keyClick(palette.input(), Qt::Key_Escape);
        QVERIFY(!palette.isVisible());
        Q_UNUSED(zoomIn);
    }

    void manyEntriesAreCapped()
    {
        QList<PaletteEntry> entries;
        for (int i = 0; i < 5000; ++i)
            entries.append({QStringLiteral("asset_%1").arg(i), {}, QStringLiteral("Asset"), {}, {}});
        CommandPalette palette;
        palette.setEntries(entries);
        QCOMPARE(palette.results()->count(), CommandPalette::kMaxShown);
        QTest::keyClicks(palette.input(), QStringLiteral("asset_4999"));
        QCOMPARE(palette.results()->item(0)->text().contains(QStringLiteral("asset_4999")), true);
    }
};

QTEST_MAIN(TestCommandPalette)
#include "tst_commandpalette.moc"
