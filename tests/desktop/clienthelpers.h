#pragma once

// Shared steps of the desktop suites: a ChatClient signed in as a fresh user on a
// ServerProcess, with fast reconnects and its outbox in a directory of the test's.

#include "net/chatclient.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

namespace DesktopTest {

inline QString uniqueName(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(10);
}

inline QString password() { return QStringLiteral("correct horse"); }

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

} // namespace DesktopTest
