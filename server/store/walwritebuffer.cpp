#include "store/walwritebuffer.h"

#ifdef CONFAB_HAVE_SQLITE_VFS

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <new>
#include <vector>

namespace Confab::Server {

namespace {

// A commit of the largest batch writes a few MiB; past this the buffer is written early.
constexpr std::size_t kMaxPending = 4 * 1024 * 1024;
// The most the platform's file writes in one call: SQLite's Unix layer keeps only the low 17
// bits of a length (and reports a full disk when a length is a multiple of 128 KiB).
constexpr std::size_t kMaxWrite = 30 * 4096;

std::atomic<quint64> g_writesAsked { 0 };
std::atomic<quint64> g_writesMade { 0 };

struct BufferedFile {
    sqlite3_file base; // what SQLite sees: first, so that the two addresses are one
    sqlite3_file *real; // the platform's file, in the same allocation after this
    bool buffers; // a write-ahead log: its writes are gathered
    std::vector<char> pending;
    sqlite3_int64 pendingOffset;
};

// SQLite allocates the file; the platform's follows ours, aligned as SQLite aligns its own.
constexpr int kHeaderSize = int((sizeof(BufferedFile) + 15) / 16 * 16);

sqlite3_vfs *g_parent = nullptr;
sqlite3_vfs g_vfs;

BufferedFile *buffered(sqlite3_file *file)
{
    return reinterpret_cast<BufferedFile *>(file);
}

int flush(BufferedFile *file)
{
    if (file->pending.empty())
        return SQLITE_OK;
    int rc = SQLITE_OK;
    for (std::size_t done = 0; done < file->pending.size() && rc == SQLITE_OK;) {
        const std::size_t length = std::min(kMaxWrite, file->pending.size() - done);
        ++g_writesMade;
        rc = file->real->pMethods->xWrite(file->real, file->pending.data() + done, int(length),
            file->pendingOffset + sqlite3_int64(done));
        done += length;
    }
    file->pending.clear();
    return rc;
}

int bufferedClose(sqlite3_file *file)
{
    BufferedFile *self = buffered(file);
    const int flushed = flush(self);
    const int closed = self->real->pMethods->xClose(self->real);
    self->~BufferedFile();
    return flushed != SQLITE_OK ? flushed : closed;
}

int bufferedRead(sqlite3_file *file, void *data, int amount, sqlite3_int64 offset)
{
    BufferedFile *self = buffered(file);
    if (const int rc = flush(self); rc != SQLITE_OK)
        return rc;
    return self->real->pMethods->xRead(self->real, data, amount, offset);
}

int bufferedWrite(sqlite3_file *file, const void *data, int amount, sqlite3_int64 offset)
{
    BufferedFile *self = buffered(file);
    if (!self->buffers)
        return self->real->pMethods->xWrite(self->real, data, amount, offset);
    ++g_writesAsked;
    const auto end = self->pendingOffset + sqlite3_int64(self->pending.size());
    if (!self->pending.empty() && offset != end) {
        if (const int rc = flush(self); rc != SQLITE_OK)
            return rc;
    }
    if (self->pending.empty())
        self->pendingOffset = offset;
    const char *bytes = static_cast<const char *>(data);
    self->pending.insert(self->pending.end(), bytes, bytes + amount);
    return self->pending.size() >= kMaxPending ? flush(self) : SQLITE_OK;
}

int bufferedTruncate(sqlite3_file *file, sqlite3_int64 size)
{
    BufferedFile *self = buffered(file);
    if (const int rc = flush(self); rc != SQLITE_OK)
        return rc;
    return self->real->pMethods->xTruncate(self->real, size);
}

int bufferedSync(sqlite3_file *file, int flags)
{
    BufferedFile *self = buffered(file);
    if (const int rc = flush(self); rc != SQLITE_OK)
        return rc;
    return self->real->pMethods->xSync(self->real, flags);
}

int bufferedFileSize(sqlite3_file *file, sqlite3_int64 *size)
{
    BufferedFile *self = buffered(file);
    if (const int rc = flush(self); rc != SQLITE_OK)
        return rc;
    return self->real->pMethods->xFileSize(self->real, size);
}

int bufferedLock(sqlite3_file *file, int level)
{
    return buffered(file)->real->pMethods->xLock(buffered(file)->real, level);
}

int bufferedUnlock(sqlite3_file *file, int level)
{
    return buffered(file)->real->pMethods->xUnlock(buffered(file)->real, level);
}

int bufferedCheckReservedLock(sqlite3_file *file, int *reserved)
{
    return buffered(file)->real->pMethods->xCheckReservedLock(buffered(file)->real, reserved);
}

int bufferedFileControl(sqlite3_file *file, int op, void *arg)
{
    BufferedFile *self = buffered(file);
    if (const int rc = flush(self); rc != SQLITE_OK)
        return rc;
    return self->real->pMethods->xFileControl(self->real, op, arg);
}

int bufferedSectorSize(sqlite3_file *file)
{
    return buffered(file)->real->pMethods->xSectorSize(buffered(file)->real);
}

int bufferedDeviceCharacteristics(sqlite3_file *file)
{
    return buffered(file)->real->pMethods->xDeviceCharacteristics(buffered(file)->real);
}

int bufferedShmMap(sqlite3_file *file, int region, int size, int extend, void volatile **memory)
{
    return buffered(file)->real->pMethods->xShmMap(
        buffered(file)->real, region, size, extend, memory);
}

int bufferedShmLock(sqlite3_file *file, int offset, int n, int flags)
{
    return buffered(file)->real->pMethods->xShmLock(buffered(file)->real, offset, n, flags);
}

void bufferedShmBarrier(sqlite3_file *file)
{
    buffered(file)->real->pMethods->xShmBarrier(buffered(file)->real);
}

int bufferedShmUnmap(sqlite3_file *file, int deleteFlag)
{
    return buffered(file)->real->pMethods->xShmUnmap(buffered(file)->real, deleteFlag);
}

int bufferedFetch(sqlite3_file *file, sqlite3_int64 offset, int amount, void **page)
{
    BufferedFile *self = buffered(file);
    if (const int rc = flush(self); rc != SQLITE_OK)
        return rc;
    return self->real->pMethods->xFetch(self->real, offset, amount, page);
}

int bufferedUnfetch(sqlite3_file *file, sqlite3_int64 offset, void *page)
{
    return buffered(file)->real->pMethods->xUnfetch(buffered(file)->real, offset, page);
}

// The methods of a file are those of the platform's file, of the same version: SQLite uses
// shared memory and memory mapping only where the version says they exist.
const sqlite3_io_methods *methodsOfVersion(int version)
{
    static const sqlite3_io_methods methods[3] = {
        { 1, bufferedClose, bufferedRead, bufferedWrite, bufferedTruncate, bufferedSync,
            bufferedFileSize, bufferedLock, bufferedUnlock, bufferedCheckReservedLock,
            bufferedFileControl, bufferedSectorSize, bufferedDeviceCharacteristics, nullptr,
            nullptr, nullptr, nullptr, nullptr, nullptr },
        { 2, bufferedClose, bufferedRead, bufferedWrite, bufferedTruncate, bufferedSync,
            bufferedFileSize, bufferedLock, bufferedUnlock, bufferedCheckReservedLock,
            bufferedFileControl, bufferedSectorSize, bufferedDeviceCharacteristics, bufferedShmMap,
            bufferedShmLock, bufferedShmBarrier, bufferedShmUnmap, nullptr, nullptr },
        { 3, bufferedClose, bufferedRead, bufferedWrite, bufferedTruncate, bufferedSync,
            bufferedFileSize, bufferedLock, bufferedUnlock, bufferedCheckReservedLock,
            bufferedFileControl, bufferedSectorSize, bufferedDeviceCharacteristics, bufferedShmMap,
            bufferedShmLock, bufferedShmBarrier, bufferedShmUnmap, bufferedFetch, bufferedUnfetch },
    };
    return &methods[qBound(1, version, 3) - 1];
}

int bufferedOpen(sqlite3_vfs *, const char *name, sqlite3_file *file, int flags, int *outFlags)
{
    auto *self = new (file) BufferedFile {};
    self->base.pMethods = nullptr;
    self->real = reinterpret_cast<sqlite3_file *>(reinterpret_cast<char *>(file) + kHeaderSize);
    self->buffers = (flags & SQLITE_OPEN_WAL) != 0;
    const int rc = g_parent->xOpen(g_parent, name, self->real, flags, outFlags);
    if (rc != SQLITE_OK || !self->real->pMethods) {
        // SQLite calls no method of a file whose open failed, so it is undone here.
        if (self->real->pMethods)
            self->real->pMethods->xClose(self->real);
        self->~BufferedFile();
        file->pMethods = nullptr;
        return rc != SQLITE_OK ? rc : SQLITE_CANTOPEN;
    }
    self->base.pMethods = methodsOfVersion(self->real->pMethods->iVersion);
    return SQLITE_OK;
}

} // namespace

bool WalWriteBuffer::install()
{
    static std::once_flag once;
    static bool installed = false;
    std::call_once(once, [] {
        g_parent = sqlite3_vfs_find(nullptr);
        if (!g_parent)
            return;
        g_vfs = *g_parent; // the platform's own for everything but opening a file
        g_vfs.zName = "confab-wal-buffer";
        g_vfs.pNext = nullptr;
        g_vfs.szOsFile = kHeaderSize + g_parent->szOsFile;
        g_vfs.xOpen = bufferedOpen;
        installed = sqlite3_vfs_register(&g_vfs, 1) == SQLITE_OK;
    });
    return installed;
}

quint64 WalWriteBuffer::writesAsked()
{
    return g_writesAsked.load();
}

quint64 WalWriteBuffer::writesMade()
{
    return g_writesMade.load();
}

} // namespace Confab::Server

#else

namespace Confab::Server {

bool WalWriteBuffer::install()
{
    return false;
}

quint64 WalWriteBuffer::writesAsked()
{
    return 0;
}

quint64 WalWriteBuffer::writesMade()
{
    return 0;
}

} // namespace Confab::Server

#endif
