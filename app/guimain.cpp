#include "guimain.h"

#include "import/importerregistry.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/workspaceloader.h"
#include "settings/appsettings.h"
#include "sightline/buildconfig.h"
#include "theme/theme.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

#include <memory>

int runGui(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sightline"));
    QApplication::setApplicationDisplayName(QStringLiteral("Sightline"));
    QApplication::setOrganizationName(QStringLiteral("sightline"));
    QApplication::setApplicationVersion(QStringLiteral(SIGHTLINE_VERSION));
    // Lets the desktop match windows to the installed .desktop entry (taskbar icon, grouping).
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.sightline.Sightline"));
    // The icon theme has it once installed; from the build tree, the rendered PNG beside the binary.
    QApplication::setWindowIcon(QIcon::fromTheme(
        QStringLiteral("io.github.sightline.Sightline"),
        QIcon(QApplication::applicationDirPath()
              + QStringLiteral("/../share/icons/hicolor/256x256/apps/io.github.sightline.Sightline.png"))));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sightline: a workbench for data-incident triage."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("The workspace file to open."),
                                 QStringLiteral("[WORKSPACE]"));
    const QCommandLineOption demoOption(QStringLiteral("demo"), QStringLiteral("Open the bundled demo estate."));
    parser.addOption(demoOption);
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1)
        parser.showHelp(1);

    // Loaded once for the life of the window; workers share it read-only.
    auto registry = std::make_shared<sightline::ImporterRegistry>();
    for (const auto& problem : registry->loadPlugins())
        qWarning("%s", qPrintable(problem));

    sightline::ui::AppSettings settings;
    sightline::ui::applyTheme(settings.theme());
    sightline::ui::MainWindow window(registry);
    window.restoreLayout();
    window.show();
    if (parser.isSet(demoOption)) {
        window.openDemo();
    } else if (!positional.isEmpty() && sightline::ui::isInputToImport(positional.first())) {
        // "Open with Sightline" on a dbt artifact or a snapshot folder: add it to the last
        // workspace (once loaded), or to a new one the user names when there is none.
        const QStringList inputs = positional;
        const QString last = settings.lastWorkspace();
        if (!last.isEmpty() && QFileInfo::exists(last)) {
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = QObject::connect(&window, &sightline::ui::MainWindow::workspaceLoaded, &window,
                                     [&window, inputs, once] {
                                         QObject::disconnect(*once);
                                         window.importPaths(inputs);
                                     });
            window.openWorkspace(last);
        } else {
            window.importPaths(inputs);
        }
    } else if (!positional.isEmpty()) {
        window.openWorkspace(positional.first());
    } else {
        // Later starts reopen the last workspace; a first start offers the demo, an import or a
        // workspace on the welcome page.
        const QString last = settings.lastWorkspace();
        if (!last.isEmpty() && QFileInfo::exists(last))
            window.openWorkspace(last);
        else
            window.showWelcome();
    }
    return app.exec();
}
