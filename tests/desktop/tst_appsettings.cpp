#include "notify/notifysettings.h"
#include "settings/appsettings.h"
#include "settings/preferencesdialog.h"

#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace sightline;
using namespace sightline::ui;

class TestAppSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString ini() const
    {
        return m_dir.filePath(QStringLiteral("sightline.conf"));
    }

    QString touch(const QString& name)
    {
        QFile f(m_dir.filePath(name));
        f.open(QIODevice::WriteOnly);
        return QFileInfo(f).absoluteFilePath();
    }

private Q_SLOTS:
    void cleanup()
    {
        QFile::remove(ini());
        QFile::remove(m_dir.filePath(QStringLiteral("notify.ini")));
    }

    void defaults()
    {
        AppSettings s(ini());
        QCOMPARE(s.theme(), ThemeMode::System);
        QCOMPARE(s.upstreamDepth(), 2);
        QCOMPARE(s.downstreamDepth(), 2);
        QCOMPARE(s.grouping(), QStringLiteral("dataset"));
        QVERIFY(s.recentWorkspaces().isEmpty());
        QVERIFY(s.webhooks().isEmpty());
        QVERIFY(!s.displayName().isEmpty());
    }

    void roundTripThroughTheFile()
    {
        const QString a = touch(QStringLiteral("a.sightline"));
        const QString b = touch(QStringLiteral("b.sightline"));
        {
            AppSettings s(ini());
            s.setTheme(ThemeMode::Dark);
            s.setUpstreamDepth(5);
            s.setDownstreamDepth(0);
            s.setGrouping(QStringLiteral("team"));
            s.setDisplayName(QStringLiteral("  Ada Lovelace "));
            s.setWebhooks({{QStringLiteral("#data-alerts"), QStringLiteral("https://hooks.slack.com/services/T/B/x")},
                           {QStringLiteral("#fin-ops"), QStringLiteral("http://127.0.0.1:8080/hook")}});
            s.addRecentWorkspace(a);
            s.addRecentWorkspace(b);
            s.addRecentWorkspace(a); // moves to the front, no duplicate
            s.setWindowLayout("geometry-bytes", "state-bytes");
        }
        AppSettings s(ini());
        QCOMPARE(s.theme(), ThemeMode::Dark);
        QCOMPARE(s.upstreamDepth(), 5);
        QCOMPARE(s.downstreamDepth(), 0);
        QCOMPARE(s.grouping(), QStringLiteral("team"));
        QCOMPARE(s.displayName(), QStringLiteral("Ada Lovelace"));
        QCOMPARE(s.webhookUrl(QStringLiteral("#fin-ops")), QStringLiteral("http://127.0.0.1:8080/hook"));
        QCOMPARE(s.webhooks().size(), 2);
        // Written where `sightline notify` reads them: the notification settings beside.
        const NotifySettings notify = NotifySettings::load(m_dir.filePath(QStringLiteral("notify.ini")));
        QCOMPARE(notify.webhookFor(QStringLiteral("data-alerts")),
                 QUrl(QStringLiteral("https://hooks.slack.com/services/T/B/x")));
        QCOMPARE(s.recentWorkspaces(), QStringList({a, b}));
        QCOMPARE(s.lastWorkspace(), a);
        QCOMPARE(s.windowGeometry(), QByteArray("geometry-bytes"));
        QCOMPARE(s.windowState(), QByteArray("state-bytes"));
    }

    void recentListIsBoundedAndForgetsMissingFiles()
    {
        AppSettings s(ini());
        for (int i = 0; i < AppSettings::kMaxRecent + 3; ++i)
            s.addRecentWorkspace(touch(QStringLiteral("w%1.sightline").arg(i)));
        QCOMPARE(s.recentWorkspaces().size(), AppSettings::kMaxRecent);
        QVERIFY(s.recentWorkspaces().first().endsWith(QStringLiteral("w12.sightline")));
        QFile::remove(m_dir.filePath(QStringLiteral("w12.sightline")));
        QCOMPARE(s.recentWorkspaces().size(), AppSettings::kMaxRecent - 1);
        QVERIFY(s.recentWorkspaces().first().endsWith(QStringLiteral("w11.sightline")));
    }

    void outOfRangeValuesAreClamped()
    {
        AppSettings s(ini());
        s.setUpstreamDepth(-4);
        s.setGrouping(QStringLiteral("nonsense"));
        QCOMPARE(s.upstreamDepth(), 0);
        QCOMPARE(s.grouping(), QStringLiteral("dataset"));
    }

    void webhookValidation_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::addRow("https") << "https://hooks.slack.com/services/T0/B0/abc" << true;
        QTest::addRow("loopback ip") << "http://127.0.0.1:9999/hook" << true;
        QTest::addRow("localhost") << "http://localhost/hook" << true;
        QTest::addRow("ipv6 loopback") << "http://[::1]:8080/x" << true;
        QTest::addRow("plain http") << "http://hooks.slack.com/services/x" << false;
        QTest::addRow("file") << "file:///etc/passwd" << false;
        QTest::addRow("javascript") << "javascript:alert(1)" << false;
        QTest::addRow("no host") << "https:///path" << false;
        QTest::addRow("garbage") << "not a url" << false;
    }

    void webhookValidation()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        QCOMPARE(PreferencesDialog::webhookProblem(url).isEmpty(), ok);
    }

    void preferencesDialogWritesSettingsAndRefusesBadWebhooks()
    {
        AppSettings s(ini());
        PreferencesDialog dialog(s);
        dialog.themeBox()->setCurrentIndex(dialog.themeBox()->findData(QStringLiteral("light")));
        dialog.upstreamBox()->setValue(4);
        dialog.displayNameEdit()->setText(QStringLiteral("Grace"));
        auto* table = dialog.webhookTable();
        table->insertRow(0);
        table->setItem(0, 0, new QTableWidgetItem(QStringLiteral("#data-alerts")));
        table->setItem(0, 1, new QTableWidgetItem(QStringLiteral("http://example.com/hook")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open: the URL is refused
        QCOMPARE(s.upstreamDepth(), 2); // nothing written
        QVERIFY(dialog.findChild<QLabel*>() != nullptr);

        table->item(0, 1)->setText(QStringLiteral("https://hooks.slack.com/services/T/B/c"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        AppSettings reread(ini());
        QCOMPARE(reread.theme(), ThemeMode::Light);
        QCOMPARE(reread.upstreamDepth(), 4);
        QCOMPARE(reread.displayName(), QStringLiteral("Grace"));
        QCOMPARE(reread.webhookUrl(QStringLiteral("#data-alerts")),
                 QStringLiteral("https://hooks.slack.com/services/T/B/c"));
    }
};

QTEST_MAIN(TestAppSettings)
#include "tst_appsettings.moc"
