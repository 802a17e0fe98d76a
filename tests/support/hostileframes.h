#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QStringList>

// Hostile input for robustness tests, all drawn from one seed (the same seed, the same
// frames): valid requests of every type of the protocol and mutations of them, random JSON,
// deep nesting, binary frames, and what a raw TCP socket may send instead of a handshake.
// Text frames stay within the server's default limit of 128 KiB.
class HostileFrames {
public:
    explicit HostileFrames(quint32 seed);

    // What replies taught the hostile side, so that requests get past the first checks.
    struct Known {
        QStringList userIds, roomIds, tokens, names, attachmentIds;
    } known;
    // Adds `value` to `list`, which keeps at most 64 entries (a random one makes room).
    void remember(QStringList &list, const QString &value);
    // Remembers the ids, names and tokens a server frame shows; upload ids in `uploadIds`.
    void learn(const QJsonObject &frame, QStringList &uploadIds);

    // A valid sign-in with request id "signin": a new user, or a known token.
    QString signIn(bool resume, int serial);

    enum RawMode { HalfHandshake, SlowLoris, TcpJunk, BadHttp, JunkWithHandshake, BadFrame };
    static constexpr int RawModeCount = 6;

    // A valid request of a random type, with request id "h<serial>"; with `signIns` false
    // never a register, login or resume.
    QJsonObject validRequest(int serial, bool signIns = true);
    // Fields dropped, retyped or replaced by huge, negative, unicode, null or nested values;
    // then characters flipped or the text cut.
    QString mutated(QJsonObject request);
    // Any JSON value (mostly not a request), or text that is no JSON at all.
    QString randomJson();
    // Thousands of nested arrays or objects, closed or not, alone or as a request's field.
    QString deepNesting();
    // Noise, chunks of known and unknown uploads at any offset, and frames around the limit.
    QByteArray binaryFrame(const QStringList &uploadIds);
    // What a raw socket sends first; a BadFrame socket sends badFrame() after the 101.
    QByteArray rawOpening(RawMode mode);
    QByteArray badFrame();
    static QString rawModeName(RawMode mode);
    // The mode, and what the server sent a raw socket before it let go: its status line, and
    // the code of a close frame.
    static QString describeReply(RawMode mode, const QByteArray &received);

    int below(int n) { return int(m_rng.bounded(n)); }
    bool chance(int percent) { return below(100) < percent; }
    QString hexId();
    template <typename T> T pick(const QList<T> &list, const T &fallback = {})
    {
        return list.isEmpty() ? fallback : list.at(below(int(list.size())));
    }

    // An object as compact JSON; any other value as its JSON text.
    static QString compact(const QJsonValue &value);

private:
    QByteArray randomBytes(qsizetype size);
    QString text();
    QJsonValue fill(const QJsonValue &value, int serial);
    QJsonValue randomValue(int depth);
    QJsonValue nastyValue();

    QRandomGenerator m_rng;
};
