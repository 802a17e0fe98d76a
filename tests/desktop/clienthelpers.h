#pragma once

// Shared steps of the desktop suites: a ChatClient signed in as a fresh user on a
// ServerProcess, with fast reconnects and its outbox in a directory of the test's.

#include "net/chatclient.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace DesktopTest {

inline QString uniqueName(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

inline QString password() { return QStringLiteral("correct horse"); }

// Settings, outbox and attachment cache go to a directory of this run, never the user's.
// For a suite's initMain(), before the application exists.
inline void useTemporaryHome()
{
    static QTemporaryDir home;
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.filePath(QStringLiteral("data"))));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(home.filePath(QStringLiteral("cache"))));
}

// A loopback address where nothing listens: a client pointed there stays offline.
inline QUrl unreachableUrl()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    QUrl url(QStringLiteral("ws://127.0.0.1/"));
    url.setPort(probe.serverPort());
    return url;
}

// Takes `client` offline (it goes on trying to reconnect, in vain) until its URL is set back;
// true once the client no longer counts itself online.
inline bool goOffline(Confab::ChatClient &client)
{
    client.connection()->setUrl(unreachableUrl());
    client.connection()->abort();
    return QTest::qWaitFor(
        [&client] { return client.status() != Confab::ChatClient::Status::Online; }, 5000);
}

// Registers `username` through `client` and waits until the session is up.
inline bool signUp(Confab::ChatClient &client, const QUrl &url, const QString &username,
    const QString &outboxDir = {})
{
    client.setOutboxDirectory(outboxDir);
    client.connection()->setBackoffRange(50, 400);
    QSignalSpy signedIn(&client, &Confab::ChatClient::signedIn);
    QSignalSpy listed(&client, &Confab::ChatClient::roomsListed);
    client.signIn(url, username, password(), true);
    return (signedIn.wait(15000) || !signedIn.isEmpty()) && (listed.wait(5000) || !listed.isEmpty());
}

// Opens the direct room with `peerId` through `client` and returns its id once the client
// has it; empty when it does not come.
inline QString openDirect(Confab::ChatClient &client, const QString &peerId)
{
    QSignalSpy opened(&client, &Confab::ChatClient::roomOpened);
    client.openDirect(peerId);
    if (!opened.wait(5000) && opened.isEmpty())
        return {};
    return opened.at(0).at(0).value<Confab::Room>().roomId;
}

// Writes `data` to a new file at `path`; false when that fails.
inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace DesktopTest
