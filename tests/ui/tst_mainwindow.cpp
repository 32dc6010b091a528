#include "demo/demoworkspace.h"
#include "details/detailspane.h"
#include "import/importcontroller.h"
#include "import/importerregistry.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineageview.h"
#include "mainwindow/mainwindow.h"
#include "navigator/navigatorfiltermodel.h"
#include "navigator/navigatormodel.h"
#include "navigator/navigatorpane.h"
#include "testutil.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QGraphicsView>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrl>

using namespace sightline;
using namespace sightline::ui;

namespace {

const QString kFctListings = QStringLiteral("wheelhouse-analytics.marts_listings.fct_listings");
const QString kDealerRevenue = QStringLiteral("wheelhouse-analytics.marts_finance.mart_dealer_revenue");

// The visible tree, indented by depth: the golden form of the navigator.
QStringList dumpTree(const QAbstractItemModel* model, int maxDepth, const QModelIndex& parent = {}, int depth = 0)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(parent); ++r) {
        const QModelIndex index = model->index(r, 0, parent);
        out.append(QString(depth * 2, u' ') + index.data().toString());
        if (depth + 1 < maxDepth)
            out += dumpTree(model, maxDepth, index, depth + 1);
    }
    return out;
}

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        auto registry = std::make_shared<ImporterRegistry>();
        registry->loadPlugins(test::pluginDir());
        QVERIFY2(registry->byFormat("dbt-manifest"), "the dbt importer plugin is not built");
        m_registry = registry;
        QVERIFY(m_dir.isValid());
        m_demoPath = m_dir.filePath("demo.sightline");
        const auto report = demo::prepare(*m_registry, m_demoPath);
        QVERIFY2(report.outcome == ImportReport::Outcome::Imported, qPrintable(report.error));
    }

    void opensTheDemo()
    {
        MainWindow window(m_registry);
        // Attached before any data arrives: checks every reset and filter change that follows.
        QAbstractItemModelTester sourceTester(window.navigator()->model(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(window.navigator()->filterModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(m_demoPath, demo::initialFocusKey());
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.windowTitle(), "demo — Sightline");
        QCOMPARE(window.graph()->size(), 93);

        // Platforms, projects and datasets with their counts (checked against demoestate.cpp).
        const QStringList expectedTree = {
            "bigquery (71)",
            "  wheelhouse-analytics (51)",
            "    intermediate (9)",
            "    marts_consumer (4)",
            "    marts_dealers (5)",
            "    marts_finance (3)",
            "    marts_listings (5)",
            "    seeds (3)",
            "    snapshots (2)",
            "    staging (20)",
            "  wheelhouse-raw (20)",
            "    leads_service (3)",
            "    listings_db (5)",
            "    salesforce (3)",
            "    snowplow (3)",
            "    stripe (4)",
            "    valuations (2)",
            "dbt (3)",
            "  applications (1)",
            "    Dealer portal: Insights tab",
            "  ml models (1)",
            "    Price indicator model (training set)",
            "  models (1)",
            "    int_listings_deduped",
            // One asset per dashboard: the dbt exposure that documents it is Looker's dashboard.
            "looker (19)",
            "  dashboards (8)",
            "    Dealer Performance Scorecard",
            "    Dealer Revenue Overview",
            "    Finance: Monthly Billing",
            "    Lead Funnel",
            "    Marketplace Daily KPIs",
            "    Price Indicator Monitor",
            "    Search Demand Explorer",
            "    Stock Health & Days to Sell",
            "  explores (11)",
            "    Dealer Invoices",
            "    Dealer Performance",
            "    Dealer Revenue",
            "    Lead Funnel",
            "    Leads",
            "    Listings",
            "    Marketplace KPIs",
            "    Payments",
            "    Price Indicator",
            "    Search Demand",
            "    Stock Health",
        };
        QCOMPARE(dumpTree(window.navigator()->filterModel(), 3), expectedTree);

        // The initial focus, the revenue mart: selected in the navigator, shown in details,
        // centred in the lineage with its direct neighbours (depth 1 and 1).
        QCOMPARE(demo::initialFocusKey(), kDealerRevenue);
        QCOMPARE(window.navigator()->selectedAsset(), kDealerRevenue);
        QCOMPARE(window.details()->asset(), kDealerRevenue);
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Owner), "Hannah Kowalski");
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Team), "Finance Analytics");
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Channel), "#data-finance-alerts");
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Kind), "model");
        QCOMPARE(window.details()->upstreamKeys(),
                 QStringList({"wheelhouse-analytics.marts_dealers.dim_dealers",
                              "wheelhouse-analytics.marts_dealers.fct_leads",
                              "wheelhouse-analytics.marts_finance.fct_dealer_invoices",
                              "wheelhouse-analytics.marts_finance.fct_payments"}));
        QCOMPARE(window.lineage()->focusAsset(), kDealerRevenue);
        const QStringList revenueHood = {
            "dbt:exposure:wheelhouse.dealer_revenue_overview",
            "looker:explore:wheelhouse::dealer_revenue",
            "wheelhouse-analytics.marts_consumer.mart_marketplace_kpis_daily",
            "wheelhouse-analytics.marts_dealers.dim_dealers",
            "wheelhouse-analytics.marts_dealers.fct_leads",
            "wheelhouse-analytics.marts_finance.fct_dealer_invoices",
            "wheelhouse-analytics.marts_finance.fct_payments",
            "wheelhouse-analytics.marts_finance.mart_dealer_revenue",
        };
        QTRY_COMPARE_WITH_TIMEOUT(sorted(window.lineage()->visibleAssetKeys()), revenueHood, 20000);

        // Filter: Ctrl+F, then typed into the box; matched against name, key, owner and tags.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(window.navigator()->filterEdit()->hasFocus());
        QTest::keyClicks(window.navigator()->filterEdit(), "dealer_rev");
        const QStringList filtered = {
            "bigquery (1)",
            "  wheelhouse-analytics (1)",
            "    marts_finance (1)",
            "      mart_dealer_revenue",
            "looker (2)",
            "  dashboards (1)",
            "    Dealer Revenue Overview",
            "  explores (1)",
            "    Dealer Revenue",
        };
        QCOMPARE(dumpTree(window.navigator()->filterModel(), 4), filtered);

        // Owners match too. Finance: 4 Stripe sources, 8 models, 2 dashboards.
        window.navigator()->filterEdit()->clear();
        QTest::keyClicks(window.navigator()->filterEdit(), "kowalski");
        QCOMPARE(dumpTree(window.navigator()->filterModel(), 1), QStringList({"bigquery (12)", "looker (2)"}));
        // Escape clears the filter: everything is back, counts included.
        QTest::keyClick(window.navigator()->filterEdit(), Qt::Key_Escape);
        QVERIFY(window.navigator()->filterEdit()->text().isEmpty());
        QCOMPARE(dumpTree(window.navigator()->filterModel(), 1),
                 QStringList({"bigquery (71)", "dbt (3)", "looker (19)"}));

        window.navigator()->filterEdit()->clear();
        QTest::keyClicks(window.navigator()->filterEdit(), "fct_listings");
        QCOMPARE(dumpTree(window.navigator()->filterModel(), 4),
                 QStringList(
                     {"bigquery (1)", "  wheelhouse-analytics (1)", "    marts_listings (1)", "      fct_listings"}));

        // Select by clicking the asset's row: details and lineage follow.
        QTreeView* tree = window.navigator()->treeView();
        const QModelIndex listings =
            window.navigator()->filterModel()->mapFromSource(window.navigator()->model()->indexForKey(kFctListings));
        QVERIFY(listings.isValid());
        tree->scrollTo(listings);
        const QRect rect = tree->visualRect(listings);
        QVERIFY(!rect.isEmpty());
        QSignalSpy columns(window.details(), &DetailsPane::columnsLoaded);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(window.navigator()->selectedAsset(), kFctListings);
        QCOMPARE(window.details()->asset(), kFctListings);
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Owner), "Priya Shah");
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Team), "Listings Data");
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Channel), "#data-listings-alerts");
        QCOMPARE(window.details()->fieldText(DetailsPane::Field::Tags), "daily, tier-1");
        QCOMPARE(window.details()->upstreamKeys().size(), 5);
        QCOMPARE(window.details()->downstreamKeys().size(), 9);
        QVERIFY(columns.wait(10000));
        // As BigQuery has them since price_drop_count was dropped (the demo's schema incident).
        QCOMPARE(window.details()->columns().size(), 10);
        QCOMPARE(window.details()->columns().first().name, "listing_id");
        QCOMPARE(window.details()->columns().first().type, "STRING");

        QCOMPARE(window.lineage()->focusAsset(), kFctListings);
        const QStringList fctListingsHood = {
            "dbt:exposure:wheelhouse.stock_health",
            "looker:explore:wheelhouse::listings",
            "wheelhouse-analytics.intermediate.int_listing_lifecycle",
            "wheelhouse-analytics.intermediate.int_listing_price_changes",
            "wheelhouse-analytics.intermediate.int_price_positioning",
            "wheelhouse-analytics.intermediate.int_vehicles_enriched",
            "wheelhouse-analytics.marts_consumer.mart_marketplace_kpis_daily",
            "wheelhouse-analytics.marts_consumer.mart_search_demand",
            "wheelhouse-analytics.marts_dealers.fct_leads",
            "wheelhouse-analytics.marts_dealers.mart_dealer_performance",
            "wheelhouse-analytics.marts_listings.fct_listing_daily_performance",
            "wheelhouse-analytics.marts_listings.fct_listings",
            "wheelhouse-analytics.marts_listings.mart_price_indicator",
            "wheelhouse-analytics.marts_listings.mart_stock_health",
            "wheelhouse-analytics.seeds.uk_postcode_regions",
        };
        QTRY_COMPARE_WITH_TIMEOUT(sorted(window.lineage()->visibleAssetKeys()), fctListingsHood, 20000);

        // A neighbour in the details pane leads there.
        Q_EMIT window.details()->assetRequested("wheelhouse-analytics.marts_dealers.fct_leads");
        QCOMPARE(window.details()->asset(), "wheelhouse-analytics.marts_dealers.fct_leads");
        QCOMPARE(window.lineage()->focusAsset(), "wheelhouse-analytics.marts_dealers.fct_leads");

        // Back to the first impression for the screenshot: no filter, the revenue mart in focus.
        window.navigator()->filterEdit()->clear();
        window.selectAsset(kDealerRevenue);
        QTRY_COMPARE_WITH_TIMEOUT(sorted(window.lineage()->visibleAssetKeys()), revenueHood, 20000);
        QTest::qWait(200);
        const QString shots = test::buildDir() + "/screenshots";
        QVERIFY(QDir().mkpath(shots));
        QVERIFY(window.grab().save(shots + "/main-window.png"));
    }

    void enterOpensTheLineageOfTheCurrentAsset()
    {
        MainWindow window(m_registry);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(m_demoPath);
        QVERIFY(loaded.wait(20000));
        // The graph of the initial focus is on screen before the user gets to the keyboard.
        QTRY_VERIFY_WITH_TIMEOUT(!window.lineage()->visibleAssetKeys().isEmpty(), 20000);
        QSignalSpy activated(window.navigator(), &NavigatorPane::assetActivated);
        window.navigator()->focusFilter();
        QTest::keyClicks(window.navigator()->filterEdit(), "stg_leads");
        // Down leaves the filter for the tree; then down to the asset and Enter.
        QTest::keyClick(window.navigator()->filterEdit(), Qt::Key_Down);
        QTreeView* tree = window.navigator()->treeView();
        QVERIFY(tree->hasFocus());
        while (tree->currentIndex().data(NavigatorModel::IsGroupRole).toBool())
            QTest::keyClick(tree, Qt::Key_Down);
        QCOMPARE(window.navigator()->selectedAsset(), "wheelhouse-analytics.staging.stg_leads");
        QTest::keyClick(tree, Qt::Key_Return);
        QCOMPARE(activated.size(), 1);
        QCOMPARE(window.lineage()->focusAsset(), "wheelhouse-analytics.staging.stg_leads");
        QCOMPARE(window.details()->asset(), "wheelhouse-analytics.staging.stg_leads");
        QVERIFY(window.lineage()->graphicsView()->hasFocus());
    }

    // Files dropped on the window are imported into the open workspace, which then reloads;
    // the same bytes again are "nothing new".
    void dropImports()
    {
        QTemporaryDir dir;
        const QString ws = dir.filePath("drop.sightline");
        QVERIFY(QFile::copy(m_demoPath, ws));
        MainWindow window(m_registry);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(ws);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(window.graph()->size(), 93);

        auto drop = [&window](const QString& file) {
            QMimeData mime;
            mime.setUrls({QUrl::fromLocalFile(file)});
            QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &enter);
            QVERIFY(enter.isAccepted());
            QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(&window, &dropEvent);
            QVERIFY(dropEvent.isAccepted());
        };
        const QString jaffle = test::sharedData(
            "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json");
        QSignalSpy finished(window.importController(), &ImportController::finished);
        drop(jaffle);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().value<ImportReport>().outcome, ImportReport::Outcome::Imported);
        QVERIFY(loaded.wait(20000));
        QVERIFY(window.graph()->size() > 93);
        QVERIFY(window.importController()->resultsDialog());
        QCOMPARE(window.importController()->resultsDialog()->windowTitle(), "Import finished");
        window.importController()->resultsDialog()->close();

        const QString dump = test::dumpWorkspace(ws);
        drop(jaffle);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.last().first().value<ImportReport>().outcome, ImportReport::Outcome::NothingNew);
        QTRY_VERIFY(window.importController()->resultsDialog()->isVisible());
        QVERIFY(window.importController()->resultsDialog()->headline().startsWith("Nothing new"));
        QCOMPARE(test::dumpWorkspace(ws), dump);
    }

    void refusesAFileThatIsNotAWorkspace()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("manifest.sightline");
        QVERIFY(QFile::copy(
            test::sharedData(
                "yu-iskw__dbt-artifacts-parser/tests__resources__manifest__v12__jaffle_shop__manifest_1.12.json"),
            path));
        const QByteArray before = fileHash(path);
        MainWindow window(m_registry);
        window.show();
        QSignalSpy failed(&window, &MainWindow::workspaceFailed);
        window.openWorkspace(path);
        QVERIFY(failed.wait(10000));
        QVERIFY2(failed.first().first().toString().contains("not a Sightline workspace"),
                 qPrintable(failed.first().first().toString()));
        QCOMPARE(fileHash(path), before);
        QVERIFY(!QFile::exists(path + "-wal"));
        auto* box = window.findChild<QMessageBox*>("errorBox");
        QVERIFY(box);
        QVERIFY(box->text().contains("not a Sightline workspace"));
        QVERIFY(window.workspacePath().isEmpty());
    }

private:
    static QStringList sorted(QStringList list)
    {
        list.sort();
        return list;
    }

    std::shared_ptr<const ImporterRegistry> m_registry;
    QTemporaryDir m_dir;
    QString m_demoPath;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
