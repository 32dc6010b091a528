// The lineage view's selector box, kind/platform filter and keyboard commands, with real
// widgets: text typed into the box, keys pressed on the graph.
#include "layout/layoutservice.h"
#include "lineage/lineageedgeitem.h"
#include "lineage/lineagegraphicsview.h"
#include "lineage/lineagegroupitem.h"
#include "lineage/selectorbox.h"
#include "lineagefixtures.h"
#include "testutil.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace sightline;
using namespace sightline::ui;
using namespace sightline::test;

namespace {

void typeSelector(LineageView& view, const QString& text)
{
    QLineEdit* edit = view.selectorBox()->lineEdit();
    edit->clear();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

// 50,000 assets: 1,125 BigQuery datasets of 40 tables, each table read by one of the next dataset
// and by a Looker dashboard now and then (5,000 dashboards).
std::shared_ptr<const LineageGraph> largeEstate()
{
    QList<Asset> assets;
    QList<Edge> edges;
    const int tables = 45000;
    for (int i = 0; i < tables; ++i) {
        Asset a;
        a.schema = QStringLiteral("ds_%1").arg(i / 40, 4, 10, QLatin1Char('0'));
        a.database = QStringLiteral("proj");
        a.name = QStringLiteral("t%1").arg(i);
        a.key = QStringLiteral("proj.%1.%2").arg(a.schema, a.name);
        a.kind = AssetKind::Table;
        a.platform = QStringLiteral("bigquery");
        assets.append(a);
        if (i >= 40)
            edges.append({assets[i - 40].key, a.key});
    }
    for (int j = 0; j < 5000; ++j) {
        Asset a;
        a.key = QStringLiteral("looker:dashboard:%1").arg(j);
        a.name = QStringLiteral("Dashboard %1").arg(j);
        a.kind = AssetKind::Dashboard;
        a.platform = QStringLiteral("looker");
        assets.append(a);
        edges.append({assets[(j * 13) % tables].key, a.key});
    }
    return std::make_shared<const LineageGraph>(assets, edges);
}

} // namespace

class TestLineageSelector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectorNarrowsTheScene_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<QStringList>("assets");
        QTest::addColumn<int>("edges");
        // +fct_leads: its parents stg_leads and stg_listings and theirs, raw leads and listings.
        QTest::addRow("ancestors") << "+fct_leads"
                                   << sorted({kFctLeads, kStgLeads, kStgListings, kRawLeads, kRawListings}) << 4;
        QTest::addRow("method") << "platform:looker" << sorted({kDashDealers, kDashLeads}) << 0;
        // Every model upstream of fct_listing_daily (the seed and the sources drop out).
        QTest::addRow("intersection") << "kind:model,+fct_listing_daily"
                                      << sorted({kFctListingDaily, kIntPerformance, kDimDealers, kStgListings,
                                                 kStgViews, kStgLeads, kStgDealers})
                                      << 6;
        QTest::addRow("union") << "fct_leads *lead_funnel" << sorted({kFctLeads, kDashLeads}) << 1;
        QTest::addRow("exclude") << "+fct_leads --exclude kind:source" << sorted({kFctLeads, kStgLeads, kStgListings})
                                 << 2;
    }
    void selectorNarrowsTheScene()
    {
        QFETCH(QString, selector);
        QFETCH(QStringList, assets);
        QFETCH(int, edges);
        ViewUnderTest t({1000, 500});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kDimDealers, -1));
        QCOMPARE(view.visibleAssetKeys().size(), 6);

        typeSelector(view, selector);
        QVERIFY(finished.wait());
        QCOMPARE(view.selector(), selector);
        QCOMPARE(view.visibleAssetKeys(), assets);
        QCOMPARE(countItems(view, LineageEdgeItem::Type), edges);
        QVERIFY(view.selectorError().isEmpty());

        // An empty box goes back to the focus's neighbourhood.
        typeSelector(view, QString());
        QVERIFY(finished.wait());
        QVERIFY(view.selector().isEmpty());
        QCOMPARE(view.visibleAssetKeys().size(), 6);
    }

    void badSelectorKeepsTheView_data()
    {
        QTest::addColumn<QString>("selector");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("error");
        QTest::addRow("double comma") << "+fct_leads,,x" << 12
                                      << "Selector error at character 12: expected a selector after ','";
        QTest::addRow("in the exclude") << "+fct_leads --exclude kind:bogus" << 27
                                        << "Selector error at character 27: unknown kind 'bogus' (kinds: table, "
                                           "view, model, source, seed, snapshot, dashboard, look, explore, "
                                           "notebook, analysis, ml, application, job)";
        QTest::addRow("exclude alone") << "--exclude x" << 1
                                       << "Selector error at character 1: nothing to select before --exclude";
    }
    void badSelectorKeepsTheView()
    {
        QFETCH(QString, selector);
        QFETCH(int, position);
        QFETCH(QString, error);
        ViewUnderTest t({1000, 500});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        view.setGraph(marketplace());
        typeSelector(view, QStringLiteral("+fct_leads"));
        QVERIFY(finished.wait());
        const QStringList before = view.visibleAssetKeys();
        QCOMPARE(before.size(), 5);

        typeSelector(view, selector);
        QVERIFY(!finished.wait(300)); // no new picture
        QCOMPARE(view.visibleAssetKeys(), before);
        QCOMPARE(view.selector(), QStringLiteral("+fct_leads"));
        QCOMPARE(view.selectorError(), error);
        QCOMPARE(view.selectorBox()->errorPosition(), qsizetype(position));
        QLabel* shown = view.selectorBox()->findChild<QLabel*>(QStringLiteral("selectorError"));
        QVERIFY(shown && shown->isVisible());
        // The offending character is selected in the box (for a missing part: the cursor there).
        QLineEdit* edit = view.selectorBox()->lineEdit();
        if (position <= selector.size())
            QCOMPARE(edit->selectionStart(), position - 1);
        QVERIFY2(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-selector-error.png")), "grab");

        // A good selector clears the error.
        typeSelector(view, QStringLiteral("fct_leads+"));
        QVERIFY(finished.wait());
        QVERIFY(view.selectorError().isEmpty());
        QVERIFY(!shown->isVisible());
        QCOMPARE(view.visibleAssetKeys(), sorted({kFctLeads, kDashLeads}));
    }

    void findFallsBackToSelectors()
    {
        ViewUnderTest t;
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctLeads));
        QVERIFY(view.find(QStringLiteral("kind:seed")));
        QVERIFY(finished.wait());
        QCOMPARE(view.selector(), QStringLiteral("kind:seed"));
        QCOMPARE(view.visibleAssetKeys(), QStringList {kCountries});
        QVERIFY(!view.find(QStringLiteral("kind:snapshot,platform:looker"))); // selects nothing
        QVERIFY(!view.find(QStringLiteral("nothing_like_it")));
    }

    void kindAndPlatformFilter()
    {
        ViewUnderTest t({1000, 500});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctListingDaily, -1));
        QCOMPARE(view.visibleAssetKeys().size(), 13);
        view.setKindFilter({AssetKind::Source, AssetKind::Seed});
        QVERIFY(finished.wait());
        // Four raw sources and the country seed leave; the rest closes up.
        QCOMPARE(view.visibleAssetKeys(),
                 sorted({kFctListingDaily, kIntPerformance, kDimDealers, kStgListings, kStgViews, kStgLeads,
                         kStgDealers, kDashDealers}));
        view.setPlatformFilter({QStringLiteral("looker")});
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys().size(), 7); // the dashboard is on looker
        QVERIFY(!view.visibleAssetKeys().contains(kDashDealers));
        view.setKindFilter({});
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys().size(), 12);
        QVERIFY(view.visibleAssetKeys().contains(kRawViews));
        // The focus is never filtered out.
        view.setKindFilter({AssetKind::Model});
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().contains(kFctListingDaily));
        QVERIFY(!view.visibleAssetKeys().contains(kIntPerformance));
    }

    void keyboardCommands()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kIntPerformance)); // depth 1: 3 staging models, fct_listing_daily
        QCOMPARE(view.visibleAssetKeys().size(), 5);
        QTest::qWait(20); // scroll bars settle in a posted layout pass
        QGraphicsView* canvas = view.graphicsView();
        const auto clickOn = [&](const QString& key) {
            QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, viewportPos(view, key));
            QCOMPARE(view.selectedAsset(), key);
        };

        // U: the selected asset's parents join; the asset stays where it was on screen.
        clickOn(kStgListings);
        const QPoint before = viewportPos(view, kStgListings);
        QTest::keyClick(canvas, Qt::Key_U);
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().contains(kRawListings));
        QCOMPARE(view.visibleAssetKeys().size(), 6);
        QVERIFY((viewportPos(view, kStgListings) - before).manhattanLength() <= 2);
        // D: its children (fct_leads) join.
        QTest::keyClick(canvas, Qt::Key_D);
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().contains(kFctLeads));
        // Delete hides it, Insert brings it back.
        QTest::keyClick(canvas, Qt::Key_Delete);
        QVERIFY(finished.wait());
        QVERIFY(!view.visibleAssetKeys().contains(kStgListings));
        QTest::keyClick(canvas, Qt::Key_Insert);
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().contains(kStgListings));
        // Shift+Delete: it and everything downstream of it (the focus excepted).
        clickOn(kStgViews);
        QTest::keyClick(canvas, Qt::Key_Delete, Qt::ShiftModifier);
        QVERIFY(finished.wait());
        QVERIFY(!view.visibleAssetKeys().contains(kStgViews));
        QVERIFY(!view.visibleAssetKeys().contains(kFctListingDaily));
        QVERIFY(view.visibleAssetKeys().contains(kIntPerformance));
        // P then a click: the path between the two, lit.
        clickOn(kStgLeads);
        QTest::keyClick(canvas, Qt::Key_P);
        QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, viewportPos(view, kIntPerformance));
        QCOMPARE(view.highlightedPath(), QStringList({kStgLeads, kIntPerformance}));
        QTest::keyClick(canvas, Qt::Key_Escape);
        QVERIFY(view.highlightedPath().isEmpty());
        // Ctrl+L: into the selector box.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_L, Qt::ControlModifier);
        QVERIFY(view.selectorBox()->lineEdit()->hasFocus());
        // O: the overview.
        canvas->setFocus();
        QTest::keyClick(canvas, Qt::Key_O);
        QVERIFY(finished.wait());
        QVERIFY(view.isOverview());
    }

    void overviewOfALargeEstate()
    {
        ViewUnderTest t({1280, 760});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(largeEstate()));
        view.showOverview();
        QVERIFY(finished.wait(20000));
        // bigquery opened by itself: 78 datasets and "1,047 more datasets", and looker.
        QCOMPARE(view.visibleGroups().size(), 80);
        QCOMPARE(countItems(view, LineageGroupItem::Type), 80);
        QCOMPARE(countItems(view, LineageNodeItem::Type), 0); // nothing per asset while collapsed
        QVERIFY(view.visibleGroups().contains(QStringLiteral("bigquery \u203a (more)")));
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-overview-50k.png")));

        // A dataset opens in place; its tables are drawn, the rest stays grouped.
        const QString ds = QStringLiteral("bigquery \u203a proj.ds_0005");
        view.expandGroup(ds);
        QVERIFY(finished.wait(20000));
        QCOMPARE(view.visibleAssetKeys().size(), 40);
        QCOMPARE(view.visibleGroups().size(), 79);
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-overview-50k-open.png")));
        view.collapseGroup(ds);
        QVERIFY(finished.wait(20000));
        QCOMPARE(view.visibleGroups().size(), 80);
        // Closing bigquery (opened by itself) leaves the two platforms.
        view.collapseGroup(QStringLiteral("bigquery"));
        QVERIFY(finished.wait(20000));
        QCOMPARE(view.visibleGroups(), QStringList({"bigquery", "looker"}));
    }

    void healthColours()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctListingDaily, -1));
        auto* legend = view.findChild<QLabel*>(QStringLiteral("healthLegend"));
        QVERIFY(legend && !legend->isVisible());

        AssetHealth bad;
        bad.severity = Severity::Sev1;
        bad.status = IncidentStatus::Open;
        bad.unresolved = 2;
        AssetHealth watched;
        watched.severity = Severity::Sev3;
        watched.status = IncidentStatus::Investigating;
        watched.unresolved = 1;
        view.setHealth({{kStgListings, bad}, {kDimDealers, watched}});
        // In place: no new layout.
        QVERIFY(!finished.wait(200));
        QVERIFY(legend->isVisible());
        QCOMPARE(nodeItem(view, kStgListings)->health()->severity, Severity::Sev1);
        QCOMPARE(nodeItem(view, kDimDealers)->health()->status, IncidentStatus::Investigating);
        QVERIFY(!nodeItem(view, kIntPerformance)->health());
        QVERIFY(nodeItem(view, kStgListings)->toolTip().contains(QStringLiteral("SEV-1 · open (2 unresolved)")));
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-health.png")));

        // New items get it too, and status: selects by it.
        typeSelector(view, QStringLiteral("status:open status:investigating"));
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys(), sorted({kStgListings, kDimDealers}));
        QCOMPARE(nodeItem(view, kStgListings)->health()->severity, Severity::Sev1);
        // Resolved since: the colours go, the selector follows.
        view.setHealth({{kDimDealers, watched}});
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys(), QStringList {kDimDealers});
        view.setHealth({});
        QVERIFY(!legend->isVisible());

        // Groups count what they hold: the staging box has both unhealthy models.
        view.setHealth({{kStgListings, bad}, {kStgLeads, watched}});
        view.showOverview();
        QVERIFY(finished.wait());
        const auto group = [&view](const QString& name) -> LineageGroupItem* {
            for (QGraphicsItem* item : view.graphicsView()->scene()->items()) {
                auto* g = qgraphicsitem_cast<LineageGroupItem*>(item);
                if (g && g->group() == name)
                    return g;
            }
            return nullptr;
        };
        QVERIFY(group(QStringLiteral("autohub-prod.staging")));
        QCOMPARE(group(QStringLiteral("autohub-prod.staging"))->unhealthy(), qsizetype(2));
        QVERIFY(group(QStringLiteral("autohub-prod.staging"))->toolTip().contains(QStringLiteral("worst SEV-1")));
        QCOMPARE(group(QStringLiteral("autohub-prod.marts"))->unhealthy(), qsizetype(0));
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-overview-health.png")));
        view.setHealth({});
        QCOMPARE(group(QStringLiteral("autohub-prod.staging"))->unhealthy(), qsizetype(0));
    }

    void filteredPicture()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        view.setGraph(marketplace());
        typeSelector(view, QStringLiteral("@stg_dealers"));
        QVERIFY(finished.wait());
        view.setKindFilter({AssetKind::Source});
        QVERIFY(finished.wait());
        view.setSelectedAsset(kStgDealers);
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-selected-filtered.png")));
        QVERIFY(!view.visibleAssetKeys().contains(kRawDealers));
        QVERIFY(view.visibleAssetKeys().contains(kDashDealers));
    }
};

QTEST_MAIN(TestLineageSelector)
#include "tst_lineageselector.moc"
