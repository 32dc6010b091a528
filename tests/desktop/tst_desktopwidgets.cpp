#include "help/shortcutsheet.h"
#include "theme/theme.h"
#include "welcome/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace sightline::ui;

namespace {
// WCAG relative luminance contrast ratio.
double contrast(const QColor& a, const QColor& b)
{
    auto luminance = [](const QColor& c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
} // namespace

class TestDesktopWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void themeNames()
    {
        for (ThemeMode m : {ThemeMode::System, ThemeMode::Light, ThemeMode::Dark})
            QCOMPARE(themeModeFromName(themeModeName(m)), m);
        QCOMPARE(themeModeFromName(QStringLiteral("purple")), ThemeMode::System);
    }

    void darkPaletteIsReadable()
    {
        const QPalette dark = darkPalette();
        QVERIFY(isDark(dark));
        QVERIFY(!isDark(lightPalette()));
        // Text must be readable on every background it is drawn on (WCAG AA: 4.5:1).
        QVERIFY(contrast(dark.color(QPalette::Text), dark.color(QPalette::Base)) > 10);
        QVERIFY(contrast(dark.color(QPalette::WindowText), dark.color(QPalette::Window)) > 10);
        QVERIFY(contrast(dark.color(QPalette::ButtonText), dark.color(QPalette::Button)) > 7);
        QVERIFY(contrast(dark.color(QPalette::HighlightedText), dark.color(QPalette::Highlight)) > 3);
        QVERIFY(contrast(dark.color(QPalette::Disabled, QPalette::Text), dark.color(QPalette::Base)) > 4.5);
        QVERIFY(contrast(dark.color(QPalette::PlaceholderText), dark.color(QPalette::Base)) > 4.5);
        QVERIFY(contrast(dark.color(QPalette::Link), dark.color(QPalette::Base)) > 4.5);
    }

    void applyingAndRestoringTheTheme()
    {
        const QColor systemWindow = QApplication::palette().color(QPalette::Window);
        applyTheme(ThemeMode::Dark);
        QVERIFY(isDark(QApplication::palette()));
        QCOMPARE(QApplication::style()->name().toLower(), QStringLiteral("fusion"));
        applyTheme(ThemeMode::Light);
        QVERIFY(!isDark(QApplication::palette()));
        applyTheme(ThemeMode::System);
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemWindow);
    }

    void shortcutSheetListsEveryShortcutAndFilters()
    {
        QMainWindow window;
        QMenu* file = window.menuBar()->addMenu(QStringLiteral("&File"));
        file->addAction(QStringLiteral("&Open…"))->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
        file->addAction(QStringLiteral("No shortcut"));
        QMenu* view = window.menuBar()->addMenu(QStringLiteral("&View"));
        view->addAction(QStringLiteral("&Fit"))->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
        const QList<ShortcutSheet::Key> viewKeys = {
            {QStringLiteral("Incident queue"), QStringLiteral("j / k"), QStringLiteral("Next / previous incident")}};
        const auto keys = ShortcutSheet::collect(&window, viewKeys);
        QCOMPARE(keys.size(), 3);
        QCOMPARE(keys.at(0).what, QStringLiteral("Open…"));
        QCOMPARE(keys.at(0).keys, QKeySequence(Qt::CTRL | Qt::Key_O).toString(QKeySequence::NativeText));
        QCOMPARE(keys.at(1).section, QStringLiteral("View"));

        ShortcutSheet sheet(&window, viewKeys);
        QTreeWidget* tree = sheet.tree();
        QCOMPARE(tree->topLevelItemCount(), 6); // 3 section headers + 3 rows
        QTest::keyClicks(sheet.findChild<QLineEdit*>(), QStringLiteral("incident"));
        int visible = 0;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            visible += tree->topLevelItem(i)->isHidden() ? 0 : 1;
        QCOMPARE(visible, 2); // the "Incident queue" header and its row
    }

    void welcomePageOffersTheThreeStartsAndRecentWorkspaces()
    {
        WelcomePage page;
        page.resize(900, 600);
        page.show();
        QVERIFY(!page.recentList()->isVisible());
        QSignalSpy demo(&page, &WelcomePage::openDemoRequested);
        QSignalSpy import(&page, &WelcomePage::importRequested);
        QSignalSpy open(&page, &WelcomePage::openRequested);
        QSignalSpy recent(&page, &WelcomePage::recentRequested);
        QTest::mouseClick(page.demoButton(), Qt::LeftButton);
        QTest::mouseClick(page.importButton(), Qt::LeftButton);
        QTest::mouseClick(page.openButton(), Qt::LeftButton);
        QCOMPARE(demo.count(), 1);
        QCOMPARE(import.count(), 1);
        QCOMPARE(open.count(), 1);

        page.setRecentWorkspaces({QStringLiteral("/data/shop.sightline"), QStringLiteral("/data/ads.sightline")});
        QVERIFY(page.recentList()->isVisible());
        QCOMPARE(page.recentList()->count(), 2);
        page.recentList()->setFocus();
        page.recentList()->setCurrentRow(1);
        QTest::keyClick(page.recentList(), Qt::Key_Return);
        QCOMPARE(recent.count(), 1);
        QCOMPARE(recent.first().first().toString(), QStringLiteral("/data/ads.sightline"));
    }
};

QTEST_MAIN(TestDesktopWidgets)
#include "tst_desktopwidgets.moc"
