#pragma once

#include <QtGlobal>

namespace Confab::Server {

// SQLite writes each frame of its write-ahead log with two system calls (a 24-byte header,
// then the page), so the commit of a batch of messages costs a few hundred pwrite calls, each
// taking the file's lock and updating its times. This layer, wrapped around the platform's
// SQLite file system, gathers a log file's consecutive writes in memory and gives them to
// the kernel as one write before anything that needs them there: the sync of a commit, a
// read, a truncation, a size query, a file control, closing. A commit is acknowledged only
// after its sync, so a crash loses nothing SQLite had committed; and other connections see a
// commit only after that sync, because the server runs every connection with
// synchronous=FULL (and checks that it took).
struct WalWriteBuffer {
    // Makes the buffering layer SQLite's default file system for connections opened from now
    // on; once is enough, later calls do nothing. False where it is not built in.
    static bool install();
    // What it has done so far, in this process: writes SQLite asked of log files, and the
    // writes it gave the kernel for them.
    static quint64 writesAsked();
    static quint64 writesMade();
};

} // namespace Confab::Server
