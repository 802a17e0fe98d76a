#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Confab::Server {

// The server's half of the opening handshake (RFC 6455, section 4.2): reads the client's
// HTTP Upgrade request and gives the reply to send, 101 with the accept key, or the HTTP
// error that refuses it. No subprotocol and no extension is ever agreed.
class WsHandshake {
public:
    enum class Status {
        Incomplete, // the request has not ended yet: call again with more of it
        Accepted, // send `reply`; frames follow the request's `consumed` bytes
        Refused, // send `reply`, then close the connection
    };
    struct Result {
        Status status = Status::Incomplete;
        qsizetype consumed = 0;
        QByteArray reply;
        const char *why = nullptr;
    };

    // Requests longer than this are refused without waiting for their end.
    static constexpr qsizetype MaxRequestBytes = 8192;

    // `received`: every byte the client has sent so far.
    static Result read(QByteArrayView received);

    // Sec-WebSocket-Accept for a Sec-WebSocket-Key.
    static QByteArray acceptKey(QByteArrayView key);

private:
    static Result refuse(int status, const char *why, QByteArrayView extraHeaders = {});
};

} // namespace Confab::Server
