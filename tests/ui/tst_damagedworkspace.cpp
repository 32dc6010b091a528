#include "import/importerregistry.h"
#include "lineage/lineagegraph.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/workspaceloader.h"
#include "recovery/damagedworkspacedialog.h"
#include "store/schema.h"
#include "store/workspace.h"
#include "testutil.h"
#include "welcome/welcomepage.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sightline;
using namespace sightline::ui;

namespace {

// A workspace as an older Sightline left it: the first `version` migrations, holding assetKey.
void writeOldWorkspace(const QString& path, int version, const QString& assetKey)
{
    sql::Database db = test::createOldWorkspace(path, version);
    db.exec("INSERT INTO snapshot (format, source_path, content_hash, imported_at) VALUES ('dbt-manifest', "
            "'manifest.json', 'h1', 1790000000000)");
    auto insert = db.prepare("INSERT INTO asset (key, kind, platform, name) VALUES (?1, 'table', 'bigquery', ?2)");
    insert.bind(1, assetKey);
    insert.bind(2, assetKey.section(u'.', -1));
    insert.exec();
}

// Upgrades (taking the backup "<path>.v<version>.bak" of the old workspace), then adds an asset.
void upgradeAndAdd(const QString& path, const char* laterKey)
{
    auto ws = Workspace::open(path, Workspace::OpenMode::ReadWrite);
    auto insert =
        ws->db().prepare("INSERT INTO asset (key, kind, platform, name) VALUES (?1, 'table', 'bigquery', 'x')");
    insert.bind(1, QString::fromLatin1(laterKey));
    insert.exec();
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Zeroes the rest of page 1 (the root of sqlite_schema): SQLite reports the file as malformed.
bool damage(const QString& path)
{
    QFile f(path);
    return !QFileInfo::exists(path + QStringLiteral("-wal")) && f.open(QIODevice::ReadWrite) && f.seek(100)
        && f.write(QByteArray(3996, '\0')) == 3996;
}

QString screenshotDir()
{
    const QString dir = test::buildDir() + QStringLiteral("/screenshots");
    QDir().mkpath(dir);
    return dir;
}

DamagedWorkspaceDialog* waitForDialog()
{
    DamagedWorkspaceDialog* dialog = nullptr;
    const bool shown = QTest::qWaitFor(
        [&dialog] {
            dialog = qobject_cast<DamagedWorkspaceDialog*>(QApplication::activeModalWidget());
            return dialog != nullptr;
        },
        10000);
    return shown ? dialog : nullptr;
}

QPushButton* buttonWithText(QWidget* dialog, const QString& text)
{
    for (auto* button : dialog->findChildren<QPushButton*>()) {
        if (button->text() == text)
            return button;
    }
    return nullptr;
}

QStringList assetKeys(const MainWindow& window)
{
    QStringList keys;
    if (window.graph()) {
        for (const Asset& asset : window.graph()->assets())
            keys.append(asset.key);
    }
    keys.sort();
    return keys;
}

} // namespace

// A damaged workspace opened in the desktop application: a clear message naming the file and
// what is wrong, and "Open Backup", which opens a copy of the backup and changes neither the
// backup nor the damaged file.
class TestDamagedWorkspace : public QObject
{
    Q_OBJECT

private:
    std::shared_ptr<ImporterRegistry> m_registry = std::make_shared<ImporterRegistry>();

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void opensACopyOfTheBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("estate.sightline");
        writeOldWorkspace(path, 3, QStringLiteral("proj.ds.orders"));
        upgradeAndAdd(path, "proj.ds.added_after_backup");
        const QString backup = path + QStringLiteral(".v3.bak");
        QVERIFY(QFileInfo::exists(backup));
        QVERIFY(damage(path));
        const QByteArray damagedBytes = fileBytes(path);
        const QByteArray backupBytes = fileBytes(backup);

        MainWindow window(m_registry);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy failed(&window, &MainWindow::workspaceFailed);
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(path);

        DamagedWorkspaceDialog* dialog = waitForDialog();
        QVERIFY(dialog);
        QCOMPARE(failed.size(), 1);
        QVERIFY(dialog->isModal());
        QCOMPARE(dialog->findChild<QLabel*>("damagedTitle")->text(),
                 QStringLiteral("estate.sightline is damaged and cannot be opened."));
        QVERIFY2(dialog->findChild<QLabel*>("damagedDetail")->text().startsWith(QStringLiteral("SQLite reports: ")),
                 qPrintable(dialog->findChild<QLabel*>("damagedDetail")->text()));
        QTreeWidget* list = dialog->backupList();
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("estate.sightline.v3.bak"));
        QCOMPARE(list->topLevelItem(0)->text(1),
                 QFileInfo(backup).lastModified().toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")));
        QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("3"));
        QCOMPARE(list->topLevelItem(0)->text(3),
                 QStringLiteral("1 snapshot · 1 asset · 0 incidents · 0 triage events"));
        QCOMPARE(dialog->selectedBackup(), backup);
        const QString target = dialog->restoreTarget();
        QCOMPARE(QFileInfo(target).absolutePath(), QFileInfo(path).absolutePath());
        QVERIFY2(QFileInfo(target).fileName().startsWith(QStringLiteral("estate.restored-")), qPrintable(target));
        QVERIFY(dialog->findChild<QLabel*>("restoreExplanation")->text().contains(QFileInfo(target).fileName()));
        QVERIFY(buttonWithText(dialog, QStringLiteral("Cancel")));
        QVERIFY(dialog->grab().save(screenshotDir() + QStringLiteral("/damaged-workspace.png")));

        QPushButton* open = buttonWithText(dialog, QStringLiteral("Open Backup"));
        QCOMPARE(open, dialog->openBackupButton());
        QTest::mouseClick(open, Qt::LeftButton);
        QVERIFY(loaded.wait(10000));

        // The window shows the backup's content, from a copy beside the damaged file.
        QCOMPARE(window.workspacePath(), target);
        QCOMPARE(assetKeys(window), QStringList {QStringLiteral("proj.ds.orders")});
        QVERIFY(!QApplication::activeModalWidget());
        // Neither the damaged file nor the backup changed; the copy was upgraded with its own backup.
        QCOMPARE(fileBytes(path), damagedBytes);
        QCOMPARE(fileBytes(backup), backupBytes);
        QCOMPARE(Workspace::backups(target), QStringList {target + QStringLiteral(".v3.bak")});
        QCOMPARE(Workspace::backups(path), QStringList {backup});
        QVERIFY(window.grab().save(screenshotDir() + QStringLiteral("/damaged-workspace-restored.png")));
    }

    // Several backups: newest first and preselected; the user can pick an older one.
    void choosesAnOlderBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("estate.sightline");
        writeOldWorkspace(path, 1, QStringLiteral("proj.ds.from_v1"));
        upgradeAndAdd(path, "proj.ds.later");
        const QString older = path + QStringLiteral(".v1.bak");
        // The backup of an older day, so that the order does not hang on the clock's resolution.
        QFile olderFile(older);
        QVERIFY(olderFile.open(QIODevice::ReadWrite));
        QVERIFY(olderFile.setFileTime(QDateTime::currentDateTimeUtc().addDays(-3), QFileDevice::FileModificationTime));
        olderFile.close();
        // Restored to an old version by hand and upgraded again (as in tst_workspacesafety).
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        writeOldWorkspace(path, 2, QStringLiteral("proj.ds.from_v2"));
        upgradeAndAdd(path, "proj.ds.later");
        const QString newer = path + QStringLiteral(".v2.bak");
        QVERIFY(damage(path));
        const QByteArray olderBytes = fileBytes(older);

        MainWindow window(m_registry);
        window.show();
        QSignalSpy loaded(&window, &MainWindow::workspaceLoaded);
        window.openWorkspace(path);
        DamagedWorkspaceDialog* dialog = waitForDialog();
        QVERIFY(dialog);
        QTreeWidget* list = dialog->backupList();
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("estate.sightline.v2.bak"));
        QCOMPARE(list->topLevelItem(1)->text(0), QStringLiteral("estate.sightline.v1.bak"));
        QCOMPARE(dialog->selectedBackup(), newer);
        QVERIFY(dialog->grab().save(screenshotDir() + QStringLiteral("/damaged-workspace-two-backups.png")));

        const QRect row = list->visualItemRect(list->topLevelItem(1));
        QVERIFY(list->viewport()->rect().contains(row)); // both rows in sight
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());
        QCOMPARE(dialog->selectedBackup(), older);
        QVERIFY(dialog->findChild<QLabel*>("restoreExplanation")
                    ->text()
                    .contains(QStringLiteral("estate.sightline.v1.bak")));
        QTest::mouseClick(dialog->openBackupButton(), Qt::LeftButton);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(assetKeys(window), QStringList {QStringLiteral("proj.ds.from_v1")});
        QCOMPARE(fileBytes(older), olderBytes);
    }

    // Cancel leaves everything as it was: no copy, no workspace open.
    void cancelChangesNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("estate.sightline");
        writeOldWorkspace(path, 2, QStringLiteral("proj.ds.orders"));
        upgradeAndAdd(path, "proj.ds.later");
        QVERIFY(damage(path));
        const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);

        MainWindow window(m_registry);
        window.show();
        // Reached from the welcome page's list of recent workspaces.
        window.showWelcome();
        window.welcomePage()->setRecentWorkspaces({path});
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QListWidget* recent = window.welcomePage()->recentList();
        QTRY_VERIFY(recent->isVisible() && !recent->visualItemRect(recent->item(0)).isEmpty());
        QSignalSpy requested(window.welcomePage(), &WelcomePage::recentRequested);
        recent->setFocus();
        recent->setCurrentRow(0);
        QTest::keyClick(recent, Qt::Key_Return);
        QCOMPARE(requested.size(), 1);
        DamagedWorkspaceDialog* dialog = waitForDialog();
        QVERIFY(dialog);
        QTest::mouseClick(buttonWithText(dialog, QStringLiteral("Cancel")), Qt::LeftButton);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QTest::qWait(200);
        QCOMPARE(window.workspacePath(), QString());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files, QDir::Name), files);
    }

    // Without a backup: the same clear message, no offer, one Close button.
    void withoutBackup()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("fresh.sightline");
        Workspace::open(path, Workspace::OpenMode::Create);
        QVERIFY(damage(path));
        MainWindow window(m_registry);
        window.show();
        window.openWorkspace(path);
        DamagedWorkspaceDialog* dialog = waitForDialog();
        QVERIFY(dialog);
        QVERIFY(!dialog->backupList());
        QVERIFY(!dialog->openBackupButton());
        QVERIFY(!buttonWithText(dialog, QStringLiteral("Cancel")));
        QVERIFY(dialog->grab().save(screenshotDir() + QStringLiteral("/damaged-workspace-no-backup.png")));
        QTest::mouseClick(buttonWithText(dialog, QStringLiteral("Close")), Qt::LeftButton);
        QTRY_VERIFY(!QApplication::activeModalWidget());
        QCOMPARE(window.workspacePath(), QString());
    }

    // Other failures keep the plain message box.
    void notAWorkspaceIsAPlainError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("notes.sightline");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("just some text, long enough to be more than a header of anything");
        f.close();
        MainWindow window(m_registry);
        window.show();
        QSignalSpy failed(&window, &MainWindow::workspaceFailed);
        window.openWorkspace(path);
        QVERIFY(failed.wait(10000));
        QTRY_VERIFY(QApplication::activeModalWidget());
        QCOMPARE(QApplication::activeModalWidget()->objectName(), QStringLiteral("errorBox"));
        QApplication::activeModalWidget()->close();
    }

    // What the desktop hands over on the command line ("Open with"): a damaged workspace is a
    // workspace to open (and so gets the offer above), not a file to import.
    void commandLineArgument()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("estate.sightline");
        writeOldWorkspace(path, 2, QStringLiteral("proj.ds.orders"));
        upgradeAndAdd(path, "proj.ds.later");
        QVERIFY(!isInputToImport(path));
        // The magic itself overwritten: still a workspace, by its name and by its backup.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.write(QByteArray(16, 'x'));
        f.close();
        QVERIFY(!isInputToImport(path));
        const QString renamed = dir.filePath("estate.db");
        QVERIFY(QFile::rename(path, renamed));
        QVERIFY(QFile::rename(path + QStringLiteral(".v2.bak"), renamed + QStringLiteral(".v2.bak")));
        QVERIFY(!isInputToImport(renamed));
        QVERIFY(QFile::remove(renamed + QStringLiteral(".v2.bak")));
        QVERIFY(isInputToImport(renamed)); // nothing says it was ever a workspace
        const QString json = dir.filePath("manifest.json");
        QFile manifest(json);
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write("{}");
        manifest.close();
        QVERIFY(isInputToImport(json));
        QVERIFY(isInputToImport(dir.path()));
    }
};

QTEST_MAIN(TestDamagedWorkspace)
#include "tst_damagedworkspace.moc"
