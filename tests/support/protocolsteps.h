#pragma once

#include "serverprocess.h"
#include "testclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <memory>

// The small protocol steps the server suites share: connecting and signing in, one request
// and its outcome as one comparable string, and lookups in the rooms a reply lists.
namespace ProtocolSteps {

using ClientPtr = std::unique_ptr<TestClient>;

// A config for suites that send in bulk from many connections of one address: the rate
// limits lifted, and no refusal of writes that wait long (a slow build waits long).
extern const QByteArray kLiftedLimits;

// A new connection to `server`, not signed in; null when it does not open.
ClientPtr connectTo(const ServerProcess &server);
// A new connection that registered `username` with TestClient's default password; null,
// with a warning, when that fails.
ClientPtr registeredClient(const ServerProcess &server, const QString &username);
// A new session of the user that `token` belongs to; null, with a warning, when that fails.
ClientPtr resumedClient(const ServerProcess &server, const QString &token);

// The outcome of a reply in one comparable string: its type, or "error:<code>".
QString outcome(const QJsonObject &frame);

// Sends a request of `type` with `fields` and waits for its reply.
QJsonObject call(TestClient &client, const QString &type, QJsonObject fields = {});

// True when a ping is answered with a pong and the connection is still open.
bool answersPing(TestClient &client);

// A fresh id in the server's format (32 lower-case hex digits), known to nobody.
QString randomId();

// How many frames of `type` the client has received and not yet consumed.
int countOfType(TestClient &client, const QString &type);

// Creates a group of `owner` and `members` and returns its id; empty, with a warning, when
// that fails.
QString createGroup(TestClient &owner, const QString &name, const QStringList &members);

// Opens the direct room of `caller` and `peerId` and returns its id; empty, with a warning,
// when that fails.
QString openDirect(TestClient &caller, const QString &peerId);

// Sends `text` to a room with a fresh clientMsgId and returns the reply.
QJsonObject sendMessage(TestClient &client, const QString &roomId, const QString &text);

// The next `event` push of a room (consumed).
QJsonObject nextEvent(TestClient &client, const QString &roomId, int timeoutMs = 5000);

// The room with `roomId` in a list of rooms, or an empty object.
QJsonObject findRoom(const QJsonArray &rooms, const QString &roomId);
// The room with `roomId` as the client's `listRooms` shows it now, or an empty object.
QJsonObject findRoom(TestClient &client, const QString &roomId);

// The member entry of `userId` in a room, or an empty object.
QJsonObject memberOf(const QJsonObject &room, const QString &userId);

// The user ids of a room's members, sorted, to compare with `sorted({ ... })`.
QStringList memberIds(const QJsonObject &room);
// A sorted copy of `list`.
QStringList sorted(QStringList list);

} // namespace ProtocolSteps
