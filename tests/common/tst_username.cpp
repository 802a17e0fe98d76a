// Username normalisation and validation: 3 to 32 chars of a-z 0-9 _ . - after lower-casing.

#include "protocol/username.h"

#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

class TestUsername : public QObject {
    Q_OBJECT

private slots:
    void normalized_data();
    void normalized();
    void validity_data();
    void validity();
    void validityExpectsNormalizedInput();
};

void TestUsername::normalized_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");

    QTest::addRow("lower case stays") << u"alice"_s << u"alice"_s;
    QTest::addRow("capitalised") << u"Alice"_s << u"alice"_s;
    QTest::addRow("all caps") << u"ALICE"_s << u"alice"_s;
    QTest::addRow("mixed with symbols") << u"Bob.Smith-2_X"_s << u"bob.smith-2_x"_s;
    QTest::addRow("digits and symbols") << u"0_.-9"_s << u"0_.-9"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("spaces kept") << u" Al ice "_s << u" al ice "_s; // then invalid
}

void TestUsername::normalized()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(normalizedUsername(input), expected);
}

void TestUsername::validity_data()
{
    QTest::addColumn<QString>("input"); // as the client sends it
    QTest::addColumn<bool>("valid");

    QTest::addRow("plain") << u"alice"_s << true;
    QTest::addRow("capitals are lower-cased") << u"Alice"_s << true;
    QTest::addRow("all caps") << u"ALICE"_s << true;
    QTest::addRow("3 chars") << u"abc"_s << true;
    QTest::addRow("2 chars") << u"ab"_s << false;
    QTest::addRow("1 char") << u"a"_s << false;
    QTest::addRow("empty") << QString() << false;
    QTest::addRow("32 chars") << QString(32, u'a') << true;
    QTest::addRow("33 chars") << QString(33, u'a') << false;
    QTest::addRow("digits only") << u"123"_s << true;
    QTest::addRow("underscore") << u"a_b"_s << true;
    QTest::addRow("dot") << u"a.b"_s << true;
    QTest::addRow("dash") << u"a-b"_s << true;
    QTest::addRow("symbols only") << u"._-"_s << true;
    QTest::addRow("every allowed char") << u"abcdefghijklmnopqrstuvwxyz_.-"_s << true;
    QTest::addRow("digits and capitals") << u"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123"_s << true;
    QTest::addRow("space inside") << u"al ice"_s << false;
    QTest::addRow("leading space") << u" alice"_s << false;
    QTest::addRow("trailing newline") << u"alice\n"_s << false;
    QTest::addRow("tab") << u"al\tice"_s << false;
    QTest::addRow("at sign") << u"al@ice"_s << false;
    QTest::addRow("plus") << u"al+ice"_s << false;
    QTest::addRow("slash") << u"al/ice"_s << false;
    QTest::addRow("colon") << u"al:ice"_s << false;
    QTest::addRow("NUL") << QString(u"al\0ce"_s) << false;
    QTest::addRow("accented letter") << u"\u00e4lice"_s << false;
    QTest::addRow("capital accented letter") << u"\u00c4lice"_s << false;
    QTest::addRow("cyrillic") << u"\u0430\u0431\u0432"_s << false;
    QTest::addRow("fullwidth latin") << u"\uff41\uff42\uff43"_s << false;
    QTest::addRow("emoji") << u"ab\U0001F600"_s << false;
}

void TestUsername::validity()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);

    const QString normalized = normalizedUsername(input);
    QCOMPARE(isValidUsername(normalized), valid);
}

void TestUsername::validityExpectsNormalizedInput()
{
    // isValidUsername checks the stored form: capitals must have been lower-cased already.
    QVERIFY(!isValidUsername(u"Alice"_s));
    QVERIFY(isValidUsername(u"alice"_s));
}

QTEST_GUILESS_MAIN(TestUsername)
#include "tst_username.moc"
