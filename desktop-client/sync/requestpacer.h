#pragma once

#include "net/connection.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Confab {

// Sends the client's own background requests (catch-up pages, read and delivery markers, the
// room list) at a pace the server takes: a few unanswered at once, and after `rate_limited`
// nothing more until its `retryAfterMs` has passed, then the refused request again first. A
// reconnect with many rooms thus never floods the user's request budget, which all of the
// user's devices share.
class RequestPacer : public QObject {
    Q_OBJECT
public:
    enum class Priority { Background, Foreground }; // Foreground: what a view waits for

    RequestPacer(Connection *connection, int maxInFlight, QObject *parent = nullptr);

    // `callback` runs once with the reply, or with an "offline" error when the connection
    // drops before the request was answered (queued ones included), unless `context` is gone.
    void request(const QString &type, const QJsonObject &fields, QObject *context,
        Connection::Callback callback, Priority priority = Priority::Background);
    int queued() const { return int(m_refused.size() + m_foreground.size() + m_background.size()); }
    int inFlight() const { return m_inFlight; }

Q_SIGNALS:
    // The server refused a request for now; it goes again after `waitMs`.
    void refused(const QString &type, int waitMs);

private:
    struct Item {
        QString type;
        QJsonObject fields;
        QPointer<QObject> context;
        Connection::Callback callback;
        int refusals = 0;
    };

    void pump();
    bool takeNext(Item *item); // in order: refused ones, then foreground, then background
    void onReply(Item item, const QJsonObject &reply);
    void failQueued();

    Connection *m_connection;
    const int m_maxInFlight;
    int m_inFlight = 0;
    QList<Item> m_refused; // to go again first, in the order they were refused
    QList<Item> m_foreground;
    QList<Item> m_background;
    QTimer m_pause; // running while the server asked to wait
};

} // namespace Confab
