// Error codes and their wire names.

#include "protocol/errorcode.h"

#include <QSet>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

class TestErrorCode : public QObject {
    Q_OBJECT

private slots:
    void wireName_data();
    void wireName();
    void namesAreDistinct();
    void unknownName_data();
    void unknownName();
    void closeCodes();
};

void TestErrorCode::wireName_data()
{
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("name");

    QTest::addRow("BadRequest") << ErrorCode::BadRequest << u"bad_request"_s;
    QTest::addRow("UnknownType") << ErrorCode::UnknownType << u"unknown_type"_s;
    QTest::addRow("Unauthenticated") << ErrorCode::Unauthenticated << u"unauthenticated"_s;
    QTest::addRow("AuthFailed") << ErrorCode::AuthFailed << u"auth_failed"_s;
    QTest::addRow("InvalidToken") << ErrorCode::InvalidToken << u"invalid_token"_s;
    QTest::addRow("UsernameTaken") << ErrorCode::UsernameTaken << u"username_taken"_s;
    QTest::addRow("InvalidUsername") << ErrorCode::InvalidUsername << u"invalid_username"_s;
    QTest::addRow("WeakPassword") << ErrorCode::WeakPassword << u"weak_password"_s;
    QTest::addRow("RegistrationClosed")
        << ErrorCode::RegistrationClosed << u"registration_closed"_s;
    QTest::addRow("NotFound") << ErrorCode::NotFound << u"not_found"_s;
    QTest::addRow("NotMember") << ErrorCode::NotMember << u"not_member"_s;
    QTest::addRow("Forbidden") << ErrorCode::Forbidden << u"forbidden"_s;
    QTest::addRow("Blocked") << ErrorCode::Blocked << u"blocked"_s;
    QTest::addRow("TooLarge") << ErrorCode::TooLarge << u"too_large"_s;
    QTest::addRow("RateLimited") << ErrorCode::RateLimited << u"rate_limited"_s;
    QTest::addRow("ChecksumMismatch") << ErrorCode::ChecksumMismatch << u"checksum_mismatch"_s;
    QTest::addRow("Internal") << ErrorCode::Internal << u"internal"_s;
}

void TestErrorCode::wireName()
{
    QFETCH(ErrorCode, code);
    QFETCH(QString, name);

    QCOMPARE(errorCodeName(code), name);
    const std::optional<ErrorCode> parsed = errorCodeFromName(name);
    QVERIFY(parsed);
    QCOMPARE(*parsed, code);
}

void TestErrorCode::namesAreDistinct()
{
    // Every enumerator up to the last one has a name of its own.
    QSet<QString> names;
    const int last = static_cast<int>(ErrorCode::Internal);
    for (int i = 0; i <= last; ++i) {
        const QString name = errorCodeName(static_cast<ErrorCode>(i));
        QVERIFY(!name.isEmpty());
        names.insert(name);
    }
    QCOMPARE(names.size(), 17);
    QCOMPARE(last + 1, 17);
}

void TestErrorCode::unknownName_data()
{
    QTest::addColumn<QString>("name");

    QTest::addRow("empty") << QString();
    QTest::addRow("upper case") << u"BAD_REQUEST"_s;
    QTest::addRow("dash") << u"bad-request"_s;
    QTest::addRow("enumerator name") << u"BadRequest"_s;
    QTest::addRow("padded") << u" not_found"_s;
    QTest::addRow("made up") << u"teapot"_s;
}

void TestErrorCode::unknownName()
{
    QFETCH(QString, name);
    QVERIFY(!errorCodeFromName(name));
}

void TestErrorCode::closeCodes()
{
    QCOMPARE(CloseCode::Normal, 1000);
    QCOMPARE(CloseCode::GoingAway, 1001);
    QCOMPARE(CloseCode::Revoked, 4403);
    QCOMPARE(CloseCode::TooLarge, 1009);
    QCOMPARE(CloseCode::NotAuthenticated, 4401);
    QCOMPARE(CloseCode::PongTimeout, 4408);
}

QTEST_GUILESS_MAIN(TestErrorCode)
#include "tst_errorcode.moc"
