#include "chat/session.h"
#include "chat/sessionref.h"

#include "auth/authservice.h"
#include "chat/downloadsender.h"
#include "chat/hub.h"
#include "chat/presence.h"
#include "chat/requestpeek.h"
#include "chat/servercontext.h"
#include "chat/uploadreceiver.h"
#include "config/serverconfig.h"
#include "limits/clock.h"
#include "limits/ratelimiter.h"
#include "logging.h"
#include "net/connection.h"
#include "net/wireframe.h"
#include "protocol/codec.h"
#include "protocol/limits.h"
#include "store/storewriter.h"
#include "store/workerpool.h"

namespace Confab::Server {

using namespace Qt::StringLiterals;

namespace {
// What a client is told to wait when the server is too busy to take more work.
constexpr qint64 kBusyRetryMs = 200;
constexpr qint64 kHasherRetryMs = 1000; // a password hash takes tens of milliseconds
constexpr QLatin1StringView kBusyMessage = "the server is busy; try again shortly"_L1;
} // namespace

Session::Session(Connection *connection, ServerContext &context, PostQueue *anchor, quint64 id)
    : QObject(connection)
    , m_connection(connection)
    , m_context(context)
    , m_anchor(anchor)
    , m_id(id)
    , m_frameBudget(context.config.effectiveFrameBurst(), context.config.effectiveFramesPerSecond(),
          steadyNowMs())
{
    connect(connection, &Connection::textReceived, this, &Session::handleText);
    connect(connection, &Connection::closed, this, &Session::handleClosed);
    connect(connection, &Connection::binaryReceived, this, &Session::handleBinary);
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
    if (m_context.hub.addSession(userId, ref()) && !m_context.hub.isClustered())
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
    if (m_context.hub.removeSession(userId, m_id) && !m_context.hub.isClustered())
        Presence::announceOffline(m_context, userId);
}

void Session::endSignIn()
{
    m_signingIn = false;
    // In order; a frame that starts another sign-in makes the rest wait again for that one.
    while (!m_waitingFrames.isEmpty() && !m_signingIn && !m_closed) {
        const QByteArray frame = m_waitingFrames.takeFirst();
        m_waitingBytes -= frame.size();
        dispatch(frame);
    }
}

bool Session::admitFrame(qint64 *retryAfterMs)
{
    *retryAfterMs = m_frameBudget.take(steadyNowMs());
    return *retryAfterMs == 0;
}

void Session::refuse(const QByteArray &text, const QString &message, qint64 retryAfterMs)
{
    fail(Codec::decodeRequest(text).request, ErrorCode::RateLimited, message,
        { { "retryAfterMs"_L1, retryAfterMs } });
}

void Session::handleText(const QByteArray &text)
{
    if (m_closed)
        return;
    qint64 wait = 0;
    if (!admitFrame(&wait)) {
        refuse(text, u"too many frames on this connection"_s, wait);
        return;
    }
    if (m_signingIn) {
        // A client may send requests right behind its login; a bounded number of them.
        constexpr qsizetype maxWaiting = 32;
        constexpr qsizetype maxWaitingBytes = 128 * 1024;
        if (m_waitingFrames.size() >= maxWaiting
            || m_waitingBytes + text.size() > maxWaitingBytes) {
            refuse(text, u"wait for the sign-in to finish"_s, kBusyRetryMs);
            return;
        }
        m_waitingFrames.append(text);
        m_waitingBytes += text.size();
        return;
    }
    if (refusedAsBusy(text))
        return;
    dispatch(text);
}

bool Session::isBusyFor(HandlerTable::Needs needs) const
{
    return (needs.testFlag(HandlerTable::Writer) && m_context.writer.isBacklogged())
        || (needs.testFlag(HandlerTable::Reader) && m_context.readers.isBacklogged());
}

bool Session::refusedAsBusy(const QByteArray &text)
{
    if (!isAuthenticated()
        || (!m_context.writer.isBacklogged() && !m_context.readers.isBacklogged()))
        return false;
    const RequestPeek peek = RequestPeek::of(text);
    const bool idUsable
        = peek.id.isNull() || (!peek.id.isEmpty() && peek.id.size() <= Limits::MaxRequestIdLength);
    if (!peek.ok || peek.type.isNull() || !idUsable)
        return false;
    const HandlerTable::Entry *entry
        = HandlerTable::instance().find(QString::fromLatin1(peek.type));
    if (!entry || !isBusyFor(entry->needs))
        return false;
    // The same frame fail() would build, from the request's own bytes: they are plain JSON
    // string contents, so they are copied as they are.
    QByteArray frame;
    frame.reserve(160 + peek.id.size() + peek.clientMsgId.size());
    frame.append(R"({"type":"error")");
    if (!peek.id.isNull())
        frame.append(R"(,"id":")").append(peek.id).append('"');
    static const QByteArray reason = QByteArray(R"(,"code":")")
        + errorCodeName(ErrorCode::RateLimited).toUtf8() + QByteArray(R"(","message":")")
        + QByteArray(kBusyMessage.data(), kBusyMessage.size()) + QByteArray(R"(","retryAfterMs":)")
        + QByteArray::number(kBusyRetryMs);
    frame.append(reason);
    if (peek.type == "send" && !peek.clientMsgId.isNull())
        frame.append(R"(,"clientMsgId":")").append(peek.clientMsgId).append('"');
    frame.append('}');
    sendWire(WireFrame::text(frame));
    return true;
}

void Session::handleBinary(const QByteArray &frame)
{
    if (m_closed)
        return;
    // Upload chunks are paced by their own rules (eight unanswered, the queued bytes); before
    // sign-in a binary frame is only noise, metered like text.
    if (isAuthenticated()) {
        uploads().handleChunk(frame);
        return;
    }
    qint64 wait = 0;
    if (!admitFrame(&wait)) {
        fail({}, ErrorCode::RateLimited, u"too many frames on this connection"_s,
            { { "retryAfterMs"_L1, wait } });
        return;
    }
    fail({}, ErrorCode::Unauthenticated, u"sign in first"_s);
}

void Session::dispatch(const QByteArray &text)
{
    const Codec::Decoded decoded = Codec::decodeRequest(text);
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
    const HandlerTable::Needs needs = entry->needs;
    if (needs.testFlag(HandlerTable::SignedIn) && !isAuthenticated()) {
        fail(request, ErrorCode::Unauthenticated, u"sign in first"_s);
        return;
    }
    // Work the server cannot take now is refused at once, rather than queued without end
    // (and before it costs the user a token of their budget).
    if (isBusyFor(needs)) {
        fail(
            request, ErrorCode::RateLimited, kBusyMessage, { { "retryAfterMs"_L1, kBusyRetryMs } });
        return;
    }
    if (needs.testFlag(HandlerTable::Hasher) && m_context.auth.isBacklogged()) {
        fail(request, ErrorCode::RateLimited, u"too many sign-ins at once; try again shortly"_s,
            { { "retryAfterMs"_L1, kHasherRetryMs } });
        return;
    }
    if (needs.testFlag(HandlerTable::RequestBudget)) {
        if (const qint64 wait = m_context.requestLimiter.take(m_userId)) {
            fail(request, ErrorCode::RateLimited, u"too many requests"_s,
                { { "retryAfterMs"_L1, wait } });
            return;
        }
    }
    entry->handler(*this, request);
}

void Session::sendWire(const QByteArray &frame)
{
    m_connection->sendWire(frame);
}

void Session::sendJson(const QJsonObject &frame)
{
    sendWire(WireFrame::text(Codec::encode(frame)));
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
