#pragma once

#include <QPalette>
#include <QString>

namespace sightline::ui {

// Light, dark, or whatever the desktop's palette is. Qt 6.4 has no colour-scheme API, so
// "system" keeps the palette the platform gave the application and dark-ness is read off it.
enum class ThemeMode
{
    System,
    Light,
    Dark,
};

QString themeModeName(ThemeMode mode);
ThemeMode themeModeFromName(const QString& name); // unknown names: System

// Applies the mode to the whole application (Fusion style for Light/Dark so every widget,
// including charts and the lineage view, draws with the palette). Call after QApplication exists.
void applyTheme(ThemeMode mode);

// The palettes applyTheme() uses.
QPalette lightPalette();
QPalette darkPalette();

// Whether a palette is dark: its window colour is darker than its text.
bool isDark(const QPalette& palette);

} // namespace sightline::ui
