#pragma once

#include <QString>
#include <QThread>
#include <QUrl>

#include <atomic>
#include <memory>

// A client on a thread of its own that signs in with a token and sends to a room one message
// at a time, keeping the slowest send-to-`sent` time. What the test's main thread does
// meanwhile (reading and parsing what other clients receive) does not count, so the figure is
// the server's.
class SendProbe {
public:
    SendProbe(const QUrl &url, const QString &token, const QString &roomId);
    ~SendProbe(); // stops and joins

    void start();
    void stop();
    int sent() const { return m_sent; }
    int failed() const { return m_failed; }
    qint64 slowestMs() const { return m_slowestMs; }

private:
    void run();

    const QUrl m_url;
    const QString m_token;
    const QString m_roomId;
    std::unique_ptr<QThread> m_thread;
    std::atomic<bool> m_stopping { false };
    std::atomic<int> m_sent { 0 };
    std::atomic<int> m_failed { 0 };
    std::atomic<qint64> m_slowestMs { 0 };
};
