#include "net/wshandshake.h"

#include <QByteArrayList>
#include <QCryptographicHash>

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {

// Whether a comma-separated header value lists `token` (HTTP tokens ignore case).
bool listsToken(QByteArrayView value, QByteArrayView token)
{
    for (const QByteArray &item : value.toByteArray().split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArrayView reasonPhrase(int status)
{
    switch (status) {
    case 426:
        return "Upgrade Required";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Bad Request";
    }
}

} // namespace

WsHandshake::Result WsHandshake::refuse(int status, const char *why, QByteArrayView extraHeaders)
{
    Result result;
    result.status = Status::Refused;
    result.why = why;
    result.reply = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nConnection: close\r\nContent-Length: 0\r\n" + extraHeaders + "\r\n";
    return result;
}

QByteArray WsHandshake::acceptKey(QByteArrayView key)
{
    // The GUID every WebSocket server appends (RFC 6455, section 1.3).
    const QByteArray keyed = key.toByteArray() + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"_ba;
    return QCryptographicHash::hash(keyed, QCryptographicHash::Sha1).toBase64();
}

WsHandshake::Result WsHandshake::read(QByteArrayView received)
{
    const qsizetype end = received.indexOf("\r\n\r\n");
    if (end < 0) {
        if (received.size() > MaxRequestBytes)
            return refuse(431, "an opening request too long");
        return {};
    }
    if (end + 4 > MaxRequestBytes)
        return refuse(431, "an opening request too long");

    QByteArrayList lines;
    for (qsizetype from = 0; from <= end;) {
        qsizetype to = received.indexOf("\r\n", from);
        if (to < 0 || to > end)
            to = end;
        lines.append(received.sliced(from, to - from).toByteArray());
        from = to + 2;
    }
    const QByteArrayList requestLine = lines.first().split(' ');
    if (requestLine.size() != 3 || requestLine[0] != "GET" || requestLine[2] != "HTTP/1.1"
        || !requestLine[1].startsWith('/'))
        return refuse(400, "not a GET request of HTTP/1.1");

    QByteArray host, upgrade, connection, key, version;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        const qsizetype colon = line.indexOf(':');
        if (line.contains('\n') || line.contains('\r') || colon <= 0)
            return refuse(400, "a malformed header line");
        const QByteArray name = line.first(colon).toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        if (name == "host")
            host = value;
        else if (name == "upgrade")
            upgrade = value;
        else if (name == "connection")
            connection = value;
        else if (name == "sec-websocket-key")
            key = value;
        else if (name == "sec-websocket-version")
            version = value;
    }
    if (host.isEmpty() || !listsToken(upgrade, "websocket") || !listsToken(connection, "upgrade"))
        return refuse(400, "not a WebSocket upgrade");
    if (version != "13")
        return refuse(426, "an unsupported WebSocket version", "Sec-WebSocket-Version: 13\r\n");
    const auto decoded
        = QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 16)
        return refuse(400, "a malformed Sec-WebSocket-Key");

    Result result;
    result.status = Status::Accepted;
    result.consumed = end + 4;
    result.reply = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Accept: "_ba
        + acceptKey(key) + "\r\n\r\n";
    return result;
}

} // namespace Confab::Server
