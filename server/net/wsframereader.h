#pragma once

#include <QByteArray>

namespace Confab::Server {

// Reads what a client sends after the handshake (RFC 6455, section 5): frames masked as a
// client must mask them, fragments put together, control frames between fragments, and
// every rule whose breach fails the connection, with the close code to fail it with. It
// holds only the fragments of an unfinished message; a frame still arriving stays with the
// caller, so an idle connection costs it nothing.
class WsFrameReader {
public:
    enum class Kind { Text, Binary, Ping, Pong, Close };
    enum class Status {
        NeedMore, // the input ends inside a frame: call again with it and what follows
        Message, // a whole message or control frame (texts are valid UTF-8)
        Failed, // the peer broke the protocol: close with `closeCode`, read nothing more
    };
    struct Step {
        Status status = Status::NeedMore;
        qsizetype consumed = 0; // bytes of the input this step used, whatever its status
        Kind kind = Kind::Text;
        QByteArray payload; // a close frame's as it came: code, then reason
        quint16 closeCode = 0;
        const char *why = nullptr;
    };

    WsFrameReader(qint64 maxTextBytes, qint64 maxBinaryBytes);

    // Reads from the front of `data`, unmasking it in place, up to the end of the first
    // message or control frame.
    Step next(char *data, qsizetype size);

    // The longest header a frame can have: what a caller must keep to make progress.
    static constexpr qsizetype MaxHeaderBytes = 14;

private:
    Step fail(quint16 code, const char *why, qsizetype consumed);
    static bool closePayloadValid(const QByteArray &payload, quint16 *failCode);

    const qint64 m_maxText;
    const qint64 m_maxBinary;
    QByteArray m_fragments;
    bool m_inFragments = false;
    Kind m_fragmentKind = Kind::Text;
};

} // namespace Confab::Server
