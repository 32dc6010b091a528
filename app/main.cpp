#include "cli/cli.h"
#include "guimain.h"

// Headless sub-commands (import, assets, lineage, help, --version) run without a GUI; anything
// else opens the desktop application.
int main(int argc, char** argv)
{
    if (sightline::cli::wantsCommandLine(argc, argv))
        return sightline::cli::run(argc, argv);
    return runGui(argc, argv);
}
