#pragma once

namespace sightline::cli {

// The command line's exit codes (DESIGN.md); scripts rely on them.
enum ExitCode : int
{
    Ok = 0, // also: nothing new to import
    Usage = 1, // unknown command or option, missing or malformed argument
    BadInput = 2, // unreadable, unrecognised or malformed input file; unknown or ambiguous asset
    WorkspaceProblem = 3, // missing workspace, not a workspace, newer version, locked, damaged
    Interrupted = 130, // Ctrl+C during an import (the workspace is unchanged)
};

} // namespace sightline::cli
