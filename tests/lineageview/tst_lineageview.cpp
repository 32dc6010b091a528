#include "layout/layoutservice.h"
#include "lineage/lineageedgeitem.h"
#include "lineage/lineagegroupitem.h"
#include "lineage/lineageminimap.h"
#include "lineage/lineagenodeitem.h"
#include "lineage/lineageview.h"
#include "lineagefixtures.h"
#include "testutil.h"

#include <QApplication>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QWheelEvent>

#include <algorithm>

using namespace sightline;
using namespace sightline::ui;

using namespace sightline::test;

class TestLineageView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholderWithoutFocus()
    {
        LineageView view;
        QCOMPARE(view.upstreamDepth(), 1);
        QCOMPARE(view.downstreamDepth(), 1);
        QSignalSpy finished(&view, &LineageView::layoutFinished);
        view.setGraph(marketplace());
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().isEmpty());
        QVERIFY(!view.graphicsView()->isVisibleTo(&view));

        view.setFocusAsset(QStringLiteral("no.such.asset"));
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().isEmpty());
        QCOMPARE(view.focusAsset(), QStringLiteral("no.such.asset"));
    }

    void neighbourhoodsByDepth()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctListingDaily));
        QCOMPARE(view.visibleAssetKeys(), sorted({kFctListingDaily, kIntPerformance, kDimDealers, kDashDealers}));
        QCOMPARE(countItems(view, LineageEdgeItem::Type), 4); // int->fct, dim->fct, fct->dash, dim->dash
        QVERIFY(view.graphicsView()->isVisibleTo(&view));
        QVERIFY(nodeItem(view, kFctListingDaily)->isFocus());
        QVERIFY(!nodeItem(view, kDimDealers)->isFocus());

        // The focus is drawn left of its downstream and right of its upstream.
        const qreal focusX = nodeItem(view, kFctListingDaily)->sceneBoundingRect().center().x();
        QVERIFY(nodeItem(view, kIntPerformance)->sceneBoundingRect().center().x() < focusX);
        QVERIFY(nodeItem(view, kDashDealers)->sceneBoundingRect().center().x() > focusX);

        view.setDepth(2, 2);
        QVERIFY(finished.wait());
        QCOMPARE(view.upstreamDepth(), 2);
        QCOMPARE(view.findChildren<QSpinBox*>().at(0)->value(), 2);
        QCOMPARE(view.visibleAssetKeys(),
                 sorted({kFctListingDaily, kIntPerformance, kDimDealers, kDashDealers, kStgListings, kStgViews,
                         kStgLeads, kStgDealers, kCountries}));
        QCOMPARE(countItems(view, LineageEdgeItem::Type), 9);

        // All the way up: the raw sources join too.
        view.setDepth(-1, 1);
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys().size(), 13);
        QVERIFY(!view.isTruncated());
    }

    void clickSelectsAndDoubleClickRefocuses()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QSignalSpy selected(&view, &LineageView::assetSelected);
        QSignalSpy activated(&view, &LineageView::assetActivated);
        QVERIFY(t.open(marketplace(), kFctListingDaily, 2));

        const QPoint stg = viewportPos(view, kStgDealers);
        QVERIFY(view.graphicsView()->viewport()->rect().contains(stg));
        QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, stg);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.at(0).at(0).toString(), kStgDealers);
        QCOMPARE(view.selectedAsset(), kStgDealers);
        QVERIFY(nodeItem(view, kStgDealers)->isHighlighted());

        // A click on empty canvas clears the selection and selects nothing.
        QTest::mouseClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, QPoint(3, 3));
        QCOMPARE(selected.size(), 1);
        QVERIFY(view.selectedAsset().isEmpty());

        const QPoint dim = viewportPos(view, kDimDealers);
        QTest::mouseDClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, dim);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), kDimDealers);
        QCOMPARE(view.focusAsset(), kDimDealers);
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys(),
                 sorted({kDimDealers, kStgDealers, kCountries, kRawDealers, kFctListingDaily, kDashDealers}));
        QVERIFY(nodeItem(view, kDimDealers)->isFocus());
        QCOMPARE(view.selectedAsset(), kDimDealers);
    }

    void zoomByKeyboardAndWheel()
    {
        ViewUnderTest t({900, 500});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QVERIFY(t.open(marketplace(), kStgLeads));

        QGraphicsView* g = view.graphicsView();
        const qreal start = g->transform().m11();
        QTest::keyClick(g, Qt::Key_Plus);
        QCOMPARE(g->transform().m11(), start * 1.25);
        QTest::keyClick(g, Qt::Key_Minus);
        QTest::keyClick(g, Qt::Key_Minus);
        QCOMPARE(g->transform().m11(), start / 1.25);

        // Zoom is clamped.
        for (int i = 0; i < 40; ++i)
            QTest::keyClick(g, Qt::Key_Plus);
        QCOMPARE(g->transform().m11(), 4.0);
        for (int i = 0; i < 60; ++i)
            QTest::keyClick(g, Qt::Key_Minus);
        QCOMPARE(g->transform().m11(), 0.05);

        // Fit: a small graph is shown at 100 %, not blown up.
        QTest::keyClick(g, Qt::Key_0);
        QCOMPARE(g->transform().m11(), 1.0);

        const QPointF centre = g->viewport()->rect().center();
        QWheelEvent wheel(centre, g->viewport()->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(g->viewport(), &wheel);
        QVERIFY(g->transform().m11() > 1.1);
    }

    void reopeningIsServedFromTheCache()
    {
        ViewUnderTest t;
        LineageView& view = t.view;
        QVERIFY(t.open(marketplace(), kFctLeads, 2));
        const int computed = LayoutService::instance()->layoutsComputed();

        LineageView again;
        QSignalSpy finishedAgain(&again, &LineageView::layoutFinished);
        again.setGraph(marketplace());
        again.setDepth(2, 2);
        again.setFocusAsset(kFctLeads);
        QVERIFY(finishedAgain.wait());
        QCOMPARE(again.visibleAssetKeys(), view.visibleAssetKeys());
        QCOMPARE(LayoutService::instance()->layoutsComputed(), computed);
    }

    void largeNeighbourhoodIsCutAtTheCap()
    {
        ViewUnderTest t;
        LineageView& view = t.view;
        QVERIFY(t.open(wideEstate(400), QStringLiteral("mart_0"), -1,
                       60000)); // 1 mart, 400 staging models, 800 sources, 100 dashboards
        QVERIFY(view.isTruncated());
        const QStringList keys = view.visibleAssetKeys();
        QCOMPARE(keys.size(), 1000);
        // The nearest assets are kept: every staging model and dashboard (distance 1), then
        // sources until the cap: 1 + 400 + 100 + 499.
        QCOMPARE(keys.filter(QStringLiteral("stg_")).size(), 400);
        QCOMPARE(keys.filter(QStringLiteral("dash_")).size(), 100);
        QCOMPARE(keys.filter(QStringLiteral("src_")).size(), 499);
        const auto labels = view.findChildren<QLabel*>();
        const QString note = QStringLiteral("Showing the nearest %1 of %2 assets")
                                 .arg(QLocale().toString(1000), QLocale().toString(1301));
        QVERIFY(std::any_of(labels.begin(), labels.end(), [&note](const QLabel* l) { return l->text() == note; }));
    }

    void refocusKeepsTheClickedNodeInPlace()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctListingDaily, 2));
        const QPoint before = viewportPos(view, kDimDealers);
        QTest::mouseDClick(view.graphicsView()->viewport(), Qt::LeftButton, {}, before);
        QVERIFY(finished.wait());
        QCOMPARE(view.focusAsset(), kDimDealers);
        const QPoint after = viewportPos(view, kDimDealers);
        QVERIFY2((after - before).manhattanLength() <= 2,
                 qPrintable(QStringLiteral("moved from %1,%2 to %3,%4")
                                .arg(before.x())
                                .arg(before.y())
                                .arg(after.x())
                                .arg(after.y())));

        // Expanding one level upstream adds the parents and keeps the node put too.
        const QPoint stg = viewportPos(view, kStgDealers);
        view.expandUpstream(kStgDealers);
        QVERIFY(finished.wait());
        QVERIFY(view.visibleAssetKeys().contains(kRawDealers));
        QVERIFY((viewportPos(view, kStgDealers) - stg).manhattanLength() <= 2);
    }

    void badgesAndHover()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QVERIFY(t.open(marketplace(), kStgDealers));
        QCOMPARE(nodeItem(view, kStgDealers)->upstreamCount(), 1);
        QCOMPARE(nodeItem(view, kStgDealers)->downstreamCount(), 2);
        QCOMPARE(nodeItem(view, kDimDealers)->upstreamCount(), 2);
        QCOMPARE(nodeItem(view, kDimDealers)->downstreamCount(), 2);

        const auto moveTo = [&view](const QPoint& pos) {
            QWidget* viewport = view.graphicsView()->viewport();
            QMouseEvent move(QEvent::MouseMove, pos, viewport->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                             Qt::NoModifier);
            QApplication::sendEvent(viewport, &move);
        };
        moveTo(viewportPos(view, kDimDealers));
        QVERIFY(nodeItem(view, kStgDealers)->isNeighbour());
        QVERIFY(!nodeItem(view, kRawDealers)->isNeighbour());
        QVERIFY(!nodeItem(view, kDealerSnapshot)->isNeighbour());
        moveTo(QPoint(2, 2));
        QVERIFY(!nodeItem(view, kStgDealers)->isNeighbour());
    }

    void overviewGroupsAndOpensInPlace()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace()));
        view.showOverview();
        QVERIFY(finished.wait());
        QVERIFY(view.isOverview());
        QVERIFY(view.visibleAssetKeys().isEmpty());
        QCOMPARE(view.visibleGroups(),
                 QStringList({"autohub-prod.intermediate", "autohub-prod.marts", "autohub-prod.seeds",
                              "autohub-prod.snapshots", "autohub-prod.staging", "autohub-raw.crm",
                              "autohub-raw.marketplace", "autohub-raw.tracking", "dbt:dashboard"}));
        QCOMPARE(countItems(view, LineageGroupItem::Type), 9);
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-overview.png")));
        // staging -> intermediate (3 edges), staging -> marts (4), staging -> snapshots, ...
        int bundled = 0;
        for (QGraphicsItem* item : view.graphicsView()->scene()->items()) {
            if (auto* edge = qgraphicsitem_cast<LineageEdgeItem*>(item))
                bundled += edge->fromKey() == LineageGroupItem::itemKey("autohub-prod.staging")
                        && edge->toKey() == LineageGroupItem::itemKey("autohub-prod.marts")
                    ? 1
                    : 0;
        }
        QCOMPARE(bundled, 1);

        view.expandGroup(QStringLiteral("autohub-prod.marts"));
        QVERIFY(finished.wait());
        QCOMPARE(view.visibleAssetKeys(), sorted({kDimDealers, kFctLeads, kFctListingDaily}));
        QCOMPARE(view.visibleGroups().size(), 8);
        QTest::qWait(20);
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-overview-open.png")));
        QVERIFY(view.miniMap()->isVisible());
        QVERIFY(!view.miniMap()->viewportOnMap().isEmpty());
    }

    void largeNeighbourhoodCollapsesByGroup()
    {
        LineageView view;
        QSignalSpy finished(&view, &LineageView::layoutFinished);
        view.setGraph(wideEstate(400));
        view.setGroupBy(GroupBy::Platform);
        view.setDepth(-1, -1);
        view.setFocusAsset(QStringLiteral("mart_0"));
        QVERIFY(finished.wait(60000));
        QVERIFY(!view.isTruncated());
        QCOMPARE(view.visibleAssetKeys(), QStringList {QStringLiteral("mart_0")});
        QCOMPARE(view.visibleGroups(), QStringList({"bigquery", "looker"}));
        view.expandGroup(QStringLiteral("looker"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(view.visibleAssetKeys().size(), 101);
        // Opening bigquery (1,200 assets) would pass the cap: it stays closed, and the view says so.
        view.expandGroup(QStringLiteral("bigquery"));
        QVERIFY(finished.wait(60000));
        QCOMPARE(view.visibleGroups(), QStringList {QStringLiteral("bigquery")});
    }

    void contextMenuHidesAndShowsPaths()
    {
        ViewUnderTest t({1100, 520});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctListingDaily, 2));

        std::unique_ptr<QMenu> menu(view.createContextMenu(kStgListings, nullptr));
        QStringList names;
        for (QAction* action : menu->actions()) {
            if (!action->isSeparator())
                names.append(action->objectName());
        }
        QCOMPARE(names,
                 QStringList({"focusHere", "expandUpstream", "expandDownstream", "hide", "hideUpstream",
                              "hideDownstream", "showPathTo", "copyKey", "openAsset"}));
        QSignalSpy open(&view, &LineageView::assetOpenRequested);
        menu->findChild<QAction*>(QStringLiteral("openAsset"))->trigger();
        QCOMPARE(open.size(), 1);
        menu->findChild<QAction*>(QStringLiteral("hide"))->trigger();
        QVERIFY(finished.wait());
        QVERIFY(!view.visibleAssetKeys().contains(kStgListings));
        QVERIFY(view.visibleAssetKeys().contains(kStgViews));

        // The shortest path from a raw table to a dashboard: its assets join the picture, lit.
        QVERIFY(view.showPath(kRawListings, kDashDealers));
        QVERIFY(finished.wait());
        QCOMPARE(view.highlightedPath(),
                 QStringList({kRawListings, kStgListings, kIntPerformance, kFctListingDaily, kDashDealers}));
        for (const QString& key : view.highlightedPath())
            QVERIFY2(nodeItem(view, key) && nodeItem(view, key)->isOnPath(), qPrintable(key));
        QVERIFY(!nodeItem(view, kDimDealers)->isOnPath());
        QVERIFY(!view.showPath(kDashLeads, kCountries));
    }

    void findCentresTheMatch()
    {
        ViewUnderTest t({600, 400});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kFctListingDaily, -1));
        QVERIFY(view.find(QStringLiteral("STG_PAGE_VIEWS")));
        QCOMPARE(view.selectedAsset(), kStgViews);
        QVERIFY(view.graphicsView()->viewport()->rect().contains(viewportPos(view, kStgViews)));
        // Not in the picture: the view refocuses on it.
        QVERIFY(view.find(QStringLiteral("lead_funnel")));
        QCOMPARE(view.focusAsset(), kDashLeads);
        QVERIFY(!view.find(QStringLiteral("no such thing")));

        view.setKindFilter({AssetKind::Source});
        view.setFocusAsset(kStgViews);
        QVERIFY(finished.wait());
        // Filtered assets are left out of the layout, not drawn and hidden.
        QVERIFY(!view.visibleAssetKeys().contains(kRawViews));
        QCOMPARE(view.visibleAssetKeys(), sorted({kStgViews, kIntPerformance, kFctListingDaily, kDashDealers}));
    }

    void grabPicture()
    {
        ViewUnderTest t({1200, 560});
        QVERIFY(t.show());
        LineageView& view = t.view;
        QSignalSpy& finished = t.finished;
        QVERIFY(t.open(marketplace(), kDimDealers, -1));
        view.setSelectedAsset(kStgDealers);
        QTest::qWait(20); // scroll bars settle in a posted layout pass
        const QString path = test::buildDir() + QStringLiteral("/lineageview.png");
        QVERIFY(view.grab().save(path));
        qInfo("lineage view picture: %s", qPrintable(path));

        // A wide estate: the view zooms to a readable scale around the focus instead of fitting.
        view.setGraph(wideEstate(60));
        view.setDepth(2, 2);
        view.setFocusAsset(QStringLiteral("mart_0"));
        QVERIFY(finished.wait());
        QTest::qWait(20);
        QVERIFY(view.graphicsView()->transform().m11() > 0.5);
        const QString wide = test::buildDir() + QStringLiteral("/lineageview-wide.png");
        QVERIFY(view.grab().save(wide));
        view.graphicsView()->setTransform(QTransform::fromScale(0.2, 0.2));
        QVERIFY(view.grab().save(test::buildDir() + QStringLiteral("/lineageview-far.png")));
    }
};

QTEST_MAIN(TestLineageView)
#include "tst_lineageview.moc"
