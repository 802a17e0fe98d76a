#include "net/wsframereader.h"

#include "net/wireframe.h"
#include "protocol/errorcode.h"

#include <QtEndian>

#include <cstring>

namespace Confab::Server {

namespace {

constexpr qsizetype kMaxControlPayload = 125;

// Eight bytes at a time: this runs over every byte a client sends.
void unmask(char *data, qsizetype size, const char key[4])
{
    quint32 key32;
    std::memcpy(&key32, key, 4);
    const quint64 key64 = (quint64(key32) << 32) | key32;
    qsizetype i = 0;
    for (; i + 8 <= size; i += 8) {
        quint64 word;
        std::memcpy(&word, data + i, 8);
        word ^= key64;
        std::memcpy(data + i, &word, 8);
    }
    for (; i < size; ++i)
        data[i] = char(data[i] ^ key[i % 4]);
}

} // namespace

WsFrameReader::WsFrameReader(qint64 maxTextBytes, qint64 maxBinaryBytes)
    : m_maxText(maxTextBytes)
    , m_maxBinary(maxBinaryBytes)
{
}

WsFrameReader::Step WsFrameReader::fail(quint16 code, const char *why, qsizetype consumed)
{
    Step step;
    step.status = Status::Failed;
    step.consumed = consumed;
    step.closeCode = code;
    step.why = why;
    return step;
}

WsFrameReader::Step WsFrameReader::next(char *data, qsizetype size)
{
    qsizetype used = 0;
    for (;;) {
        char *frame = data + used;
        const qsizetype available = size - used;
        Step more;
        more.consumed = used;
        if (available < 2)
            return more;
        const auto first = quint8(frame[0]);
        const auto second = quint8(frame[1]);
        const bool final = first & 0x80;
        const quint8 opcode = first & 0x0f;
        if (first & 0x70)
            return fail(CloseCode::ProtocolError, "reserved bits set", used);
        if (!(second & 0x80))
            return fail(CloseCode::ProtocolError, "a client frame must be masked", used);
        const bool control = opcode & 0x8;
        if (control && opcode != WsOpcode::Close && opcode != WsOpcode::Ping
            && opcode != WsOpcode::Pong)
            return fail(CloseCode::ProtocolError, "unknown control opcode", used);
        if (!control && opcode != WsOpcode::Continuation && opcode != WsOpcode::Text
            && opcode != WsOpcode::Binary)
            return fail(CloseCode::ProtocolError, "unknown data opcode", used);
        if (control && !final)
            return fail(CloseCode::ProtocolError, "a fragmented control frame", used);
        if (opcode == WsOpcode::Continuation && !m_inFragments)
            return fail(CloseCode::ProtocolError, "a continuation with nothing to continue", used);
        if ((opcode == WsOpcode::Text || opcode == WsOpcode::Binary) && m_inFragments)
            return fail(CloseCode::ProtocolError, "a new message inside a fragmented one", used);

        quint64 length = second & 0x7f;
        qsizetype header = 2;
        if (length == 126) {
            if (available < 4)
                return more;
            length = qFromBigEndian<quint16>(frame + 2);
            header = 4;
        } else if (length == 127) {
            if (available < 10)
                return more;
            length = qFromBigEndian<quint64>(frame + 2);
            header = 10;
            if (length >> 63)
                return fail(CloseCode::ProtocolError, "a length with its top bit set", used);
        }
        if (control && length > quint64(kMaxControlPayload))
            return fail(CloseCode::ProtocolError, "a control frame longer than 125 bytes", used);
        if (!control) {
            // Refused from the header, before any of it is held.
            const Kind kind = opcode == WsOpcode::Continuation ? m_fragmentKind
                : opcode == WsOpcode::Text                     ? Kind::Text
                                                               : Kind::Binary;
            const quint64 limit = quint64(kind == Kind::Text ? m_maxText : m_maxBinary);
            const quint64 held = opcode == WsOpcode::Continuation ? quint64(m_fragments.size()) : 0;
            if (held + length > limit)
                return fail(CloseCode::TooLarge, "a message larger than allowed", used);
        }
        header += 4; // the masking key
        if (quint64(available) < quint64(header) + length)
            return more;
        char *payload = frame + header;
        const auto payloadSize = qsizetype(length);
        unmask(payload, payloadSize, frame + header - 4);
        used += header + payloadSize;

        if (control) {
            Step step;
            step.status = Status::Message;
            step.consumed = used;
            step.kind = opcode == WsOpcode::Close ? Kind::Close
                : opcode == WsOpcode::Ping        ? Kind::Ping
                                                  : Kind::Pong;
            step.payload = QByteArray(payload, payloadSize);
            quint16 code = 0;
            if (step.kind == Kind::Close && !closePayloadValid(step.payload, &code))
                return fail(code, "a malformed close frame", used);
            return step;
        }
        if (opcode != WsOpcode::Continuation) {
            m_fragmentKind = opcode == WsOpcode::Text ? Kind::Text : Kind::Binary;
            if (final) {
                Step step;
                step.status = Status::Message;
                step.consumed = used;
                step.kind = m_fragmentKind;
                step.payload = QByteArray(payload, payloadSize);
                if (step.kind == Kind::Text && !step.payload.isValidUtf8())
                    return fail(CloseCode::InvalidPayload, "a text frame that is not UTF-8", used);
                return step;
            }
            m_inFragments = true;
        }
        m_fragments.append(payload, payloadSize);
        if (!final)
            continue;
        m_inFragments = false;
        Step step;
        step.status = Status::Message;
        step.consumed = used;
        step.kind = m_fragmentKind;
        step.payload = std::exchange(m_fragments, QByteArray());
        if (step.kind == Kind::Text && !step.payload.isValidUtf8())
            return fail(CloseCode::InvalidPayload, "a text message that is not UTF-8", used);
        return step;
    }
}

bool WsFrameReader::closePayloadValid(const QByteArray &payload, quint16 *failCode)
{
    *failCode = CloseCode::ProtocolError;
    if (payload.isEmpty())
        return true;
    if (payload.size() == 1)
        return false;
    const quint16 code = qFromBigEndian<quint16>(payload.constData());
    // RFC 6455 7.4: the codes a peer may send; 1004-1006 and 1015 never go on the wire.
    const bool known = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
    if (!known)
        return false;
    if (!QByteArrayView(payload).sliced(2).isValidUtf8()) {
        *failCode = CloseCode::InvalidPayload;
        return false;
    }
    return true;
}

} // namespace Confab::Server
