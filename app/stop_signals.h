// SIGTERM and SIGINT ask the long-running commands (watch, worker, mail) to
// stop at the next safe point: the handler only raises a flag, which their
// loops and Pipeline::RunQueue read between jobs.
#pragma once

namespace dossier {

// Installs the handler of SIGTERM and SIGINT. Without SA_RESTART, so that a
// signal ends the current wait at once instead of after it.
void InstallStopSignals();

// Ignores SIGPIPE, for the daemons: a write to a pipe whose reader has gone
// then fails with EPIPE, which they report, instead of ending the process.
void IgnoreSigpipe();

// True once SIGTERM or SIGINT came.
bool StopRequested();

// "SIGINT" or "SIGTERM", for the log line of the stop.
const char* StopSignalName();

}  // namespace dossier
