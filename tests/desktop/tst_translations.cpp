// The German and Simplified Chinese translations: complete (no unfinished entries, every
// source string lupdate finds in the client is there, placeholders kept, every %n string a
// numerus entry with the language's plural forms), and the compiled .qm files embedded in
// the client load and translate, plurals included.

#include "ui/language.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

struct Message {
    QString context;
    QString source;
    QStringList translations;
    bool unfinished = false;
    bool numerus = false;
};

QList<Message> readTs(const QString &path)
{
    QList<Message> out;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == "name"_L1) {
            context = xml.readElementText();
        } else if (name == "message"_L1) {
            current = Message { context, {}, {}, false,
                xml.attributes().value("numerus"_L1) == "yes"_L1 };
        } else if (name == "source"_L1) {
            current.source = xml.readElementText();
        } else if (name == "translation"_L1) {
            current.unfinished = xml.attributes().value("type"_L1) == "unfinished"_L1
                || xml.attributes().value("type"_L1) == "vanished"_L1;
            // Either plain text or <numerusform> children.
            QString text;
            while (!(xml.isEndElement() && xml.name() == "translation"_L1) && !xml.atEnd()) {
                xml.readNext();
                if (xml.isCharacters())
                    text += xml.text();
                if (xml.isStartElement() && xml.name() == "numerusform"_L1)
                    current.translations.append(xml.readElementText());
            }
            if (current.translations.isEmpty())
                current.translations.append(text.trimmed());
            out.append(current);
        }
    }
    return out;
}

QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression pattern(u"%(\\d|n)"_s);
    QSet<QString> out;
    auto it = pattern.globalMatch(text);
    while (it.hasNext())
        out.insert(it.next().captured(0));
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void complete_data();
    void complete();
    void coversEverySourceString_data() { complete_data(); }
    void coversEverySourceString();
    void compiledFilesLoad_data();
    void compiledFilesLoad();
};

void TestTranslations::complete_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("pluralForms"); // as Qt Linguist has them for the language
    QTest::addRow("de") << QStringLiteral(CONFAB_TRANSLATIONS_DIR "/confab_de.ts") << 2;
    QTest::addRow("zh_CN") << QStringLiteral(CONFAB_TRANSLATIONS_DIR "/confab_zh_CN.ts") << 1;
}

void TestTranslations::complete()
{
    QFETCH(QString, file);
    QFETCH(int, pluralForms);
    const QList<Message> messages = readTs(file);
    QVERIFY2(messages.size() > 50, qPrintable(file));
    for (const Message &message : messages) {
        const QString where = message.context + u": "_s + message.source;
        QVERIFY2(!message.unfinished, qPrintable(u"unfinished: "_s + where));
        QVERIFY2(message.numerus == message.source.contains(u"%n"_s),
            qPrintable(u"a %n string must be a numerus entry and only it: "_s + where));
        if (message.numerus)
            QCOMPARE(message.translations.size(), pluralForms);
        for (const QString &translation : message.translations) {
            QVERIFY2(!translation.isEmpty(), qPrintable(u"empty: "_s + where));
            QCOMPARE(placeholders(translation), placeholders(message.source));
        }
    }
}

void TestTranslations::coversEverySourceString()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    const QString fresh = dir.filePath(u"fresh.ts"_s);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(CONFAB_LUPDATE),
        { u"-silent"_s, u"-locations"_s, u"none"_s, u"-I"_s,
            QStringLiteral(CONFAB_DESKTOP_SOURCE_DIR),
            u"@"_s + QStringLiteral(CONFAB_DESKTOP_SOURCE_LIST), u"-ts"_s, fresh });
    QVERIFY(lupdate.waitForFinished(60000));
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

    QSet<QString> translated;
    for (const Message &message : readTs(file)) {
        translated.insert(message.context + u'\x1f' + message.source
            + (message.numerus ? u"\x1fn"_s : QString()));
    }
    const QList<Message> sources = readTs(fresh);
    QVERIFY(sources.size() > 50);
    for (const Message &message : sources) {
        QVERIFY2(translated.contains(message.context + u'\x1f' + message.source
                     + (message.numerus ? u"\x1fn"_s : QString())),
            qPrintable(u"not in "_s + QFileInfo(file).fileName() + u": "_s + message.context
                + u": "_s + message.source));
    }
}

void TestTranslations::compiledFilesLoad_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("oneMinute");
    QTest::addColumn<QString>("fiveMinutes");
    QTest::addRow("de") << u"de"_s << u"Falscher Benutzername oder falsches Passwort."_s
                        << u"zuletzt online vor %n Minute"_s << u"zuletzt online vor %n Minuten"_s;
    QTest::addRow("zh_CN") << u"zh_CN"_s << u"用户名或密码错误。"_s << u"%n 分钟前在线"_s
                           << u"%n 分钟前在线"_s;
}

void TestTranslations::compiledFilesLoad()
{
    QFETCH(QString, language);
    QFETCH(QString, expected);
    QFETCH(QString, oneMinute);
    QFETCH(QString, fiveMinutes);
    QVERIFY(Confab::Language::available().contains(language));
    QTranslator translator;
    QVERIFY(translator.load(u":/i18n/confab_"_s + language + u".qm"_s));
    QCOMPARE(translator.translate("ErrorText", "Wrong user name or password."), expected);
    QVERIFY(!translator.translate("Confab::SignInWindow", "Sign in").isEmpty());
    QCOMPARE(
        translator.translate("Confab::TimeFormat", "last seen %n min ago", nullptr, 1), oneMinute);
    QCOMPARE(translator.translate("Confab::TimeFormat", "last seen %n min ago", nullptr, 5),
        fiveMinutes);
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
