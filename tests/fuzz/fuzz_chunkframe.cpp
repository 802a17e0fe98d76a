// libFuzzer target: the 24-byte header of upload and download chunks.
#include "protocol/chunkframe.h"

#include <cstdint>
#include <cstdlib>

using namespace Confab;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<ChunkFrame> chunk = ChunkFrame::decode(frame);
    if (size < size_t(ChunkFrame::HeaderBytes)) {
        if (chunk)
            std::abort(); // a frame shorter than its header cannot be a chunk
        return 0;
    }
    if (!chunk)
        return 0;
    // What was decoded encodes back to the same bytes.
    if (ChunkFrame::encode(chunk->id, chunk->offset, chunk->data) != frame)
        std::abort();
    return 0;
}
