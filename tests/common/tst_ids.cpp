// Random ids and tokens, hex checks and SHA-256.

#include "protocol/ids.h"

#include <QSet>
#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

class TestIds : public QObject {
    Q_OBJECT

private slots:
    void isValidId_data();
    void isValidId();
    void newRandomIdIsValidAndUnique();
    void newRandomTokenIs64Hex();
    void sha256Hex_data();
    void sha256Hex();
};

void TestIds::isValidId_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::addRow("lower-case hex") << u"0123456789abcdef0123456789abcdef"_s << true;
    QTest::addRow("all zeros") << QString(32, u'0') << true;
    QTest::addRow("upper case") << u"0123456789ABCDEF0123456789ABCDEF"_s << false;
    QTest::addRow("one upper-case letter") << u"0123456789abcdeF0123456789abcdef"_s << false;
    QTest::addRow("31 chars") << u"0123456789abcdef0123456789abcde"_s << false;
    QTest::addRow("33 chars") << u"0123456789abcdef0123456789abcdef0"_s << false;
    QTest::addRow("non-hex letter") << u"0123456789abcdef0123456789abcdeg"_s << false;
    QTest::addRow("dashed uuid") << u"01234567-89ab-cdef-0123-456789abcdef"_s << false;
    QTest::addRow("fullwidth digit") << (QString(31, u'0') + QChar(0xff10)) << false;
    QTest::addRow("empty") << QString() << false;
}

void TestIds::isValidId()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(Confab::isValidId(text), valid);
    QCOMPARE(isLowerHex(text, 32), valid);
}

void TestIds::newRandomIdIsValidAndUnique()
{
    QSet<QString> seen;
    for (int i = 0; i < 1000; ++i) {
        const QString id = newRandomId();
        QVERIFY2(Confab::isValidId(id), qPrintable(id));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 1000);
}

void TestIds::newRandomTokenIs64Hex()
{
    const QString first = newRandomToken();
    const QString second = newRandomToken();
    QVERIFY2(isLowerHex(first, 64), qPrintable(first));
    QVERIFY(isLowerHex(second, 64));
    QVERIFY(first != second);
}

void TestIds::sha256Hex_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("digest");

    // FIPS 180-2 test vectors.
    QTest::addRow("empty") << QString()
                           << u"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"_s;
    QTest::addRow("abc") << u"abc"_s
                         << u"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"_s;
    // Hashes the UTF-8 bytes: "é" is c3 a9.
    QTest::addRow("non-ASCII")
        << u"\u00e9"_s << u"4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"_s;
}

void TestIds::sha256Hex()
{
    QFETCH(QString, text);
    QFETCH(QString, digest);
    QCOMPARE(Confab::sha256Hex(text), digest);
}

QTEST_GUILESS_MAIN(TestIds)
#include "tst_ids.moc"
