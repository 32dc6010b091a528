#pragma once

namespace sightline::cli {

// True when argv asks for the command line (a sub-command, help or version) rather than the GUI.
// A near-miss of a command name ("lineag") also counts, so it gets a usage error, not a window.
bool wantsCommandLine(int argc, char** argv);

// Runs the command line with its own QCoreApplication; returns the process exit code.
int run(int argc, char** argv);

} // namespace sightline::cli
