#pragma once

#include <QProcess>
#include <QString>

// A redis-server of a test's own on 127.0.0.1, without persistence, on a port chosen free.
// It can be killed, paused and started again on the same port.
class RedisServer {
public:
    RedisServer();
    ~RedisServer();

    bool start(); // waits until it accepts connections
    void kill(); // SIGKILL
    void pause(); // SIGSTOP: connected, silent
    void resume(); // SIGCONT
    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
};
