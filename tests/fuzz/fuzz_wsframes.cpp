// libFuzzer target: what a client sends before and after the WebSocket handshake, read as
// PlainConnection reads it. The first byte chooses the split into reads; the bytes after
// it are the stream.
#include "net/wsframereader.h"
#include "net/wshandshake.h"

#include <cstdint>
#include <cstdlib>

using namespace Confab::Server;

namespace {

constexpr qint64 kMaxText = 4096;
constexpr qint64 kMaxBinary = 8192;

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype readSize = 1 + data[0] % 64;
    const QByteArray stream(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    bool handshakeDone = false;
    WsFrameReader reader(kMaxText, kMaxBinary);
    QByteArray held;
    for (qsizetype from = 0; from < stream.size(); from += readSize) {
        held += stream.mid(from, readSize);
        if (!handshakeDone) {
            const WsHandshake::Result result = WsHandshake::read(held);
            check(result.consumed <= held.size());
            if (result.status == WsHandshake::Status::Incomplete) {
                check(held.size() <= WsHandshake::MaxRequestBytes);
                continue;
            }
            check(!result.reply.isEmpty());
            check((result.why == nullptr) == (result.status == WsHandshake::Status::Accepted));
            if (result.status == WsHandshake::Status::Refused)
                return 0;
            held.remove(0, result.consumed);
            handshakeDone = true;
        }
        for (;;) {
            WsFrameReader::Step step = reader.next(held.data(), held.size());
            check(step.consumed >= 0 && step.consumed <= held.size());
            held.remove(0, step.consumed);
            if (step.status == WsFrameReader::Status::NeedMore)
                break;
            if (step.status == WsFrameReader::Status::Failed) {
                check(step.closeCode >= 1000 && step.why != nullptr);
                return 0;
            }
            switch (step.kind) {
            case WsFrameReader::Kind::Text:
                check(step.payload.size() <= kMaxText && step.payload.isValidUtf8());
                break;
            case WsFrameReader::Kind::Binary:
                check(step.payload.size() <= kMaxBinary);
                break;
            default:
                check(step.payload.size() <= 125);
                break;
            }
        }
        // What is held is one unfinished frame: never more than the largest frame allowed.
        check(held.size() <= WsFrameReader::MaxHeaderBytes + kMaxBinary + readSize);
    }
    return 0;
}
