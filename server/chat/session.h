#pragma once

namespace Confab::Server {
struct SessionRef;
}
#include "chat/handlers/handlertable.h"
#include "limits/tokenbucket.h"
#include "protocol/errorcode.h"
#include "protocol/request.h"

#include <QByteArrayList>
#include <QJsonObject>
#include <QObject>

namespace Confab::Server {

class Connection;
class PostQueue;
class DownloadSender;
class UploadReceiver;
struct ServerContext;

// The protocol state of one connection: who is signed in, and the dispatch of each
// request to its handler. Lives in its connection's I/O thread.
class Session : public QObject {
    Q_OBJECT
public:
    Session(Connection *connection, ServerContext &context, PostQueue *anchor, quint64 id);
    ~Session() override;

    ServerContext &context() const { return m_context; }
    Connection &connection() const { return *m_connection; }
    UploadReceiver &uploads();
    DownloadSender &downloads();
    SessionRef ref() const;
    quint64 id() const { return m_id; }

    bool isAuthenticated() const { return !m_userId.isEmpty(); }
    // The connection has ended; the object lives on until its connection is deleted, and
    // late results of its requests must not act on it.
    bool isClosed() const { return m_closed; }
    const QString &userId() const { return m_userId; }
    const QString &tokenHash() const { return m_tokenHash; }
    // Signs the session in and makes it reachable through the hub; false, and nothing
    // changes, when the connection has ended meanwhile.
    bool authenticate(const QString &userId, const QString &tokenHash);
    // While a sign-in is being checked, further frames wait and run once it is decided, so a
    // client may send requests right behind its login.
    bool isSigningIn() const { return m_signingIn; }
    void beginSignIn() { m_signingIn = true; }
    void endSignIn();
    // Counts a failed login or resume; true when the limit per connection is reached.
    bool countFailedAuth();

    // A frame made by WireFrame.
    void sendWire(const QByteArray &frame);
    void sendJson(const QJsonObject &frame);
    void reply(const Request &request, const QString &type, QJsonObject fields = {});
    void replyOk(const Request &request, QJsonObject fields = {});
    void fail(
        const Request &request, ErrorCode code, const QString &message, QJsonObject extra = {});
    void close(quint16 code, const QString &reason);
    // The session's token was revoked: closed with 4403, unless it is signing out by itself
    // (that close says 1000).
    void closeRevoked();
    void beginSignOut() { m_signingOut = true; }
    void endSignOut() { m_signingOut = false; }

private:
    // A frame as it arrives: counted against the connection's frame budget, then dispatched
    // or, while a sign-in is decided, kept (up to a bound) for after it.
    void handleText(const QByteArray &text);
    void handleBinary(const QByteArray &frame);
    void dispatch(const QByteArray &text);
    bool admitFrame(qint64 *retryAfterMs);
    // Answers a frame that will not be handled with rate_limited, echoing its id if it has one.
    void refuse(const QByteArray &text, const QString &message, qint64 retryAfterMs);
    // Refuses, without parsing it, a signed-in user's request that needs a queue that is full:
    // under overload most frames are refused, and each must cost little. False when the frame
    // is to be dispatched.
    bool refusedAsBusy(const QByteArray &text);
    bool isBusyFor(HandlerTable::Needs needs) const;
    void handleClosed();

    Connection *m_connection;
    ServerContext &m_context;
    PostQueue *m_anchor;
    const quint64 m_id;
    QString m_userId;
    QString m_tokenHash;
    int m_failedAuths = 0;
    bool m_signingIn = false;
    bool m_closed = false;
    bool m_signingOut = false;
    QByteArrayList m_waitingFrames;
    qsizetype m_waitingBytes = 0;
    TokenBucket m_frameBudget;
    UploadReceiver *m_uploads = nullptr; // created on first use
    DownloadSender *m_downloads = nullptr;
};

} // namespace Confab::Server
