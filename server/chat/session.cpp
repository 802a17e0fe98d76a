#include "chat/session.h"
#include "chat/sessionref.h"

#include "chat/downloadsender.h"
#include "chat/handlers/handlertable.h"
#include "chat/hub.h"
#include "chat/presence.h"
#include "chat/ratelimiter.h"
#include "chat/servercontext.h"
#include "chat/uploadreceiver.h"
#include "logging.h"
#include "net/connection.h"
#include "protocol/codec.h"
#include "protocol/limits.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

Session::Session(Connection *connection, ServerContext &context, QObject *anchor, quint64 id)
    : QObject(connection)
    , m_connection(connection)
    , m_context(context)
    , m_anchor(anchor)
    , m_id(id)
{
    connect(connection, &Connection::textReceived, this, &Session::handleText);
    connect(connection, &Connection::closed, this, &Session::handleClosed);
    connect(connection, &Connection::binaryReceived, this, [this](const QByteArray &frame) {
        if (!isAuthenticated()) {
            fail({}, ErrorCode::Unauthenticated, u"sign in first"_s);
            return;
        }
        uploads().handleChunk(frame);
    });
    connect(connection, &Connection::bytesWritten, this, [this] {
        if (m_downloads)
            m_downloads->pump();
    });
}

UploadReceiver &Session::uploads()
{
    if (!m_uploads)
        m_uploads = new UploadReceiver(*this);
    return *m_uploads;
}

DownloadSender &Session::downloads()
{
    if (!m_downloads)
        m_downloads = new DownloadSender(*this);
    return *m_downloads;
}

Session::~Session()
{
    // A connection deleted without its close (at shutdown) still leaves the hub.
    if (isAuthenticated())
        m_context.hub.removeSession(m_userId, m_id);
}

SessionRef Session::ref() const
{
    return { QPointer<Session>(const_cast<Session *>(this)), m_anchor, m_id, m_tokenHash };
}

bool Session::authenticate(const QString &userId, const QString &tokenHash)
{
    if (m_closed)
        return false;
    m_userId = userId;
    m_tokenHash = tokenHash;
    m_connection->markAuthenticated();
    if (m_context.hub.addSession(userId, ref()))
        Presence::announceOnline(m_context, userId);
    return true;
}

bool Session::countFailedAuth()
{
    return ++m_failedAuths >= Limits::FailedAuthsPerConnection;
}

void Session::handleClosed()
{
    m_closed = true;
    m_waitingFrames.clear();
    if (!isAuthenticated())
        return;
    const QString userId = std::exchange(m_userId, QString());
    if (m_context.hub.removeSession(userId, m_id))
        Presence::announceOffline(m_context, userId);
}

void Session::endSignIn()
{
    m_signingIn = false;
    const QStringList waiting = std::exchange(m_waitingFrames, {});
    for (const QString &frame : waiting)
        handleText(frame);
}

void Session::handleText(const QString &text)
{
    if (m_closed)
        return;
    if (m_signingIn) {
        constexpr qsizetype maxWaiting = 64;
        if (m_waitingFrames.size() < maxWaiting) {
            m_waitingFrames.append(text);
            return;
        }
    }
    const QByteArray utf8 = text.toUtf8();
    const Codec::Decoded decoded = Codec::decodeRequest(utf8);
    const Request &request = decoded.request;
    if (decoded.error) {
        fail(request, decoded.error->code, decoded.error->message);
        return;
    }
    const HandlerTable::Entry *entry = HandlerTable::instance().find(request.type);
    if (!entry) {
        fail(request, ErrorCode::UnknownType,
            u"this server does not handle '"_s + request.type + u"'"_s);
        return;
    }
    if (entry->needsAuth && !isAuthenticated()) {
        fail(request, ErrorCode::Unauthenticated, u"sign in first"_s);
        return;
    }
    if (entry->rateLimited && isAuthenticated()) {
        if (const qint64 wait = m_context.requestLimiter.take(m_userId)) {
            fail(request, ErrorCode::RateLimited, u"too many requests"_s,
                { { "retryAfterMs"_L1, wait } });
            return;
        }
    }
    entry->handler(*this, request);
}

void Session::sendFrame(const QString &frame)
{
    m_connection->sendText(frame);
}

void Session::sendJson(const QJsonObject &frame)
{
    sendFrame(QString::fromUtf8(Codec::encode(frame)));
}

void Session::reply(const Request &request, const QString &type, QJsonObject fields)
{
    sendJson(Codec::reply(type, request.id, std::move(fields)));
}

void Session::replyOk(const Request &request, QJsonObject fields)
{
    reply(request, u"ok"_s, std::move(fields));
}

void Session::fail(
    const Request &request, ErrorCode code, const QString &message, QJsonObject extra)
{
    // Errors of a send carry its clientMsgId so a client can match them without an id.
    if (request.type == "send"_L1 && request.body.value("clientMsgId"_L1).isString())
        extra.insert("clientMsgId"_L1, request.body.value("clientMsgId"_L1));
    sendJson(Codec::error(request.id, code, message, std::move(extra)));
}

void Session::close(quint16 code, const QString &reason)
{
    m_connection->close(code, reason);
}

void Session::closeRevoked()
{
    if (!m_signingOut)
        close(CloseCode::Revoked, u"this session was signed out; sign in again"_s);
}

} // namespace Confab::Server
