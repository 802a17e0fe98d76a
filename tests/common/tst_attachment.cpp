// The Attachment value type: what is kept of each kind, and what is refused.

#include "protocol/attachment.h"

#include <QTest>

using namespace Confab;
using namespace Qt::StringLiterals;

class TestAttachment : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void refused_data();
    void refused();
};

void TestAttachment::roundTrip_data()
{
    QTest::addColumn<QJsonObject>("json");
    const QString sha = QString(64, u'a');
    QTest::addRow("file") << QJsonObject { { "attachmentId"_L1, QString(32, u'1') },
        { "name"_L1, u"report.pdf"_s }, { "mime"_L1, u"application/pdf"_s }, { "size"_L1, 1234 },
        { "sha256"_L1, sha }, { "kind"_L1, u"file"_s } };
    QTest::addRow("voice") << QJsonObject { { "attachmentId"_L1, QString(32, u'2') },
        { "name"_L1, u"voice.ogg"_s }, { "mime"_L1, u"audio/ogg"_s }, { "size"_L1, 48213 },
        { "sha256"_L1, sha }, { "kind"_L1, u"voice"_s }, { "durationMs"_L1, 4200 } };
    QTest::addRow("not uploaded yet")
        << QJsonObject { { "name"_L1, u"cat.png"_s }, { "mime"_L1, u"image/png"_s },
               { "size"_L1, 0 }, { "sha256"_L1, sha }, { "kind"_L1, u"image"_s } };
}

void TestAttachment::roundTrip()
{
    QFETCH(QJsonObject, json);
    const std::optional<Attachment> attachment = Attachment::fromJson(json);
    QVERIFY(attachment);
    QCOMPARE(attachment->isUploaded(), json.contains("attachmentId"_L1));
    QCOMPARE(attachment->toJson(), json);
}

void TestAttachment::refused_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addRow("empty") << QJsonObject();
    QTest::addRow("no name") << QJsonObject { { "size"_L1, 1 }, { "kind"_L1, u"file"_s } };
    QTest::addRow("size a string")
        << QJsonObject { { "name"_L1, u"a"_s }, { "size"_L1, u"1"_s }, { "kind"_L1, u"file"_s } };
    QTest::addRow("no kind") << QJsonObject { { "name"_L1, u"a"_s }, { "size"_L1, 1 } };
}

void TestAttachment::refused()
{
    QFETCH(QJsonObject, json);
    QVERIFY(!Attachment::fromJson(json));
}

QTEST_MAIN(TestAttachment)
#include "tst_attachment.moc"
