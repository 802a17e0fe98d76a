#pragma once

#include "protocol/request.h"
#include "store/attachmentrepository.h"

#include <QList>
#include <QObject>

namespace Confab::Server {

class Session;

// A session's downloads: streams each file from disk one chunk at a time, and only while
// the socket's unsent data stays under a bound, so a client that stops reading cannot make
// the server hold a file in memory.
class DownloadSender : public QObject {
    Q_OBJECT
public:
    explicit DownloadSender(Session &session);

    void start(const Request &request, const AttachmentRow &attachment, qint64 offset);
    // Sends more when the socket has room; called again whenever bytes leave.
    void pump();

private:
    struct Stream {
        Request request;
        AttachmentRow row;
        qint64 offset = 0;
    };

    void chunkRead(const QByteArray &data);

    Session &m_session;
    QList<Stream> m_streams;
    bool m_reading = false;
};

} // namespace Confab::Server
