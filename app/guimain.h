#pragma once

// Starts the desktop application (QApplication, main window) for the arguments that are not a
// headless sub-command: `sightline [WORKSPACE] [--demo]`.
int runGui(int argc, char** argv);
