#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace sightline::ui {

namespace {
// The platform's own palette and style, captured before the first change, so that switching back
// to System restores them.
struct SystemLook
{
    QPalette palette;
    QString style;
};

SystemLook& systemLook()
{
    static SystemLook look {QApplication::palette(), QApplication::style()->name()};
    return look;
}
} // namespace

QString themeModeName(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::Light:
        return QStringLiteral("light");
    case ThemeMode::Dark:
        return QStringLiteral("dark");
    case ThemeMode::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeMode themeModeFromName(const QString& name)
{
    if (name == u"light")
        return ThemeMode::Light;
    if (name == u"dark")
        return ThemeMode::Dark;
    return ThemeMode::System;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xf3, 0xf4, 0xf6));
    p.setColor(QPalette::WindowText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xe8));
    p.setColor(QPalette::ToolTipText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::PlaceholderText, QColor(0x6e, 0x77, 0x81));
    p.setColor(QPalette::Text, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::Button, QColor(0xf6, 0xf8, 0xfa));
    p.setColor(QPalette::ButtonText, QColor(0x1f, 0x23, 0x28));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x2b, 0x57, 0x97));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x09, 0x69, 0xda));
    p.setColor(QPalette::Mid, QColor(0xd0, 0xd7, 0xde));
    p.setColor(QPalette::Dark, QColor(0xa0, 0xa8, 0xb0));
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Shadow, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8c, 0x95, 0x9f));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8c, 0x95, 0x9f));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8c, 0x95, 0x9f));
    return p;
}

QPalette darkPalette()
{
    // Contrast of text on window and base is above 10:1; disabled text stays above 4.5:1.
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x22, 0x27, 0x2e));
    p.setColor(QPalette::WindowText, QColor(0xe6, 0xed, 0xf3));
    p.setColor(QPalette::Base, QColor(0x16, 0x1b, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x1c, 0x22, 0x2a));
    p.setColor(QPalette::ToolTipBase, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ToolTipText, QColor(0xe6, 0xed, 0xf3));
    p.setColor(QPalette::PlaceholderText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Text, QColor(0xe6, 0xed, 0xf3));
    p.setColor(QPalette::Button, QColor(0x2d, 0x33, 0x3b));
    p.setColor(QPalette::ButtonText, QColor(0xe6, 0xed, 0xf3));
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x38, 0x8b, 0xfd));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x58, 0xa6, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xbc, 0x8c, 0xff));
    p.setColor(QPalette::Mid, QColor(0x44, 0x4c, 0x56));
    p.setColor(QPalette::Dark, QColor(0x10, 0x14, 0x19));
    p.setColor(QPalette::Light, QColor(0x3d, 0x44, 0x4d));
    p.setColor(QPalette::Midlight, QColor(0x33, 0x3a, 0x42));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x8b, 0x94, 0x9e));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x44, 0x4c, 0x56));
    return p;
}

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < palette.color(QPalette::WindowText).lightnessF();
}

void applyTheme(ThemeMode mode)
{
    const SystemLook& system = systemLook();
    switch (mode) {
    case ThemeMode::System:
        QApplication::setStyle(QStyleFactory::create(system.style));
        QApplication::setPalette(system.palette);
        break;
    case ThemeMode::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case ThemeMode::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
}

} // namespace sightline::ui
