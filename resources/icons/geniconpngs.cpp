// Build tool: renders the application's SVG icon to the PNG sizes of the freedesktop hicolor
// theme, so desktops without SVG icon support (and the .deb's AppStream data) get crisp icons.
// Usage: sightline-icon-gen ICON.svg OUTPUT_DIR SIZE...
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>

#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fputs("usage: sightline-icon-gen ICON.svg OUTPUT_DIR SIZE...\n", stderr);
        return 1;
    }
    QSvgRenderer renderer(args.at(1));
    if (!renderer.isValid()) {
        std::fprintf(stderr, "sightline-icon-gen: cannot read %s\n", qPrintable(args.at(1)));
        return 1;
    }
    const QDir out(args.at(2));
    for (qsizetype i = 3; i < args.size(); ++i) {
        const int size = args.at(i).toInt();
        if (size <= 0)
            return 1;
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        renderer.render(&painter);
        painter.end();
        const QString dir = QStringLiteral("%1x%1/apps").arg(size);
        if (!out.mkpath(dir) || !image.save(out.filePath(dir + QStringLiteral("/io.github.sightline.Sightline.png")))) {
            std::fprintf(stderr, "sightline-icon-gen: cannot write %s\n", qPrintable(out.filePath(dir)));
            return 1;
        }
    }
    return 0;
}
