#include "chat/requestpeek.h"

#include <QTest>

using namespace Confab::Server;

// What the busy path reads from a frame without parsing it: the plain-string members it can
// echo safely, and nothing from a frame only the full parser can judge.
class tst_RequestPeek : public QObject {
    Q_OBJECT
private slots:
    void readsPlainMembers_data();
    void readsPlainMembers();
    void leavesTheRestToTheParser_data();
    void leavesTheRestToTheParser();
    void absentMembersAreNull();
};

void tst_RequestPeek::readsPlainMembers_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("type");
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<QByteArray>("clientMsgId");
    QTest::addRow("send") << QByteArray("{\"type\":\"send\",\"id\":\"7\",\"roomId\":\"r1\","
                                        "\"clientMsgId\":\"c-9\",\"text\":\"hi\"}")
                          << QByteArray("send") << QByteArray("7") << QByteArray("c-9");
    QTest::addRow("spaces and order")
        << QByteArray(" {\n \"id\" : \"a b\" ,\t\"type\":\"history\"} ") << QByteArray("history")
        << QByteArray("a b") << QByteArray();
    QTest::addRow("nested values skipped") << QByteArray(
        "{\"x\":{\"type\":\"no\",\"a\":[1,{\"b\":\"]}\"}]},\"type\":\"send\",\"id\":\"2\"}")
                                           << QByteArray("send") << QByteArray("2") << QByteArray();
    QTest::addRow("escapes in other members") << QByteArray(
        "{\"text\":\"say \\\"hi\\\" \\\\\",\"type\":\"send\",\"n\":-1.5e3,\"ok\":true}")
                                              << QByteArray("send") << QByteArray() << QByteArray();
    QTest::addRow("utf-8 kept as bytes") << QByteArray("{\"type\":\"send\",\"id\":\"ид\"}")
                                         << QByteArray("send") << QByteArray("ид") << QByteArray();
}

void tst_RequestPeek::readsPlainMembers()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, type);
    QFETCH(QByteArray, id);
    QFETCH(QByteArray, clientMsgId);
    const RequestPeek peek = RequestPeek::of(json);
    QVERIFY(peek.ok);
    QCOMPARE(peek.type.toByteArray(), type);
    QCOMPARE(peek.id.toByteArray(), id);
    QCOMPARE(peek.clientMsgId.toByteArray(), clientMsgId);
}

void tst_RequestPeek::leavesTheRestToTheParser_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("array") << QByteArray("[\"type\",\"send\"]");
    QTest::addRow("escaped id") << QByteArray("{\"type\":\"send\",\"id\":\"a\\\"b\"}");
    QTest::addRow("escaped type") << QByteArray("{\"type\":\"s\\u0065nd\"}");
    QTest::addRow("numeric id") << QByteArray("{\"type\":\"send\",\"id\":7}");
    QTest::addRow("repeated type") << QByteArray("{\"type\":\"send\",\"type\":\"history\"}");
    QTest::addRow("control character") << QByteArray("{\"type\":\"send\",\"id\":\"a\tb\"}");
    QTest::addRow("unterminated") << QByteArray("{\"type\":\"send\",\"id\":\"1\"");
    QTest::addRow("unclosed nesting") << QByteArray("{\"type\":\"send\",\"x\":[{\"a\":1}}");
    QTest::addRow("trailing bytes") << QByteArray("{\"type\":\"send\"} x");
    QTest::addRow("missing colon") << QByteArray("{\"type\" \"send\"}");
    QTest::addRow("empty value") << QByteArray("{\"type\":\"send\",\"n\":}");
}

void tst_RequestPeek::leavesTheRestToTheParser()
{
    QFETCH(QByteArray, json);
    const RequestPeek peek = RequestPeek::of(json);
    QVERIFY(!peek.ok);
    QVERIFY(peek.type.isNull());
    QVERIFY(peek.id.isNull());
}

void tst_RequestPeek::absentMembersAreNull()
{
    const RequestPeek peek = RequestPeek::of("{\"type\":\"ping\",\"id\":\"\"}");
    QVERIFY(peek.ok);
    QVERIFY(peek.clientMsgId.isNull());
    QVERIFY(!peek.id.isNull()); // present but empty: the caller tells the two apart
    QVERIFY(peek.id.isEmpty());
}

QTEST_GUILESS_MAIN(tst_RequestPeek)
#include "tst_requestpeek.moc"
