#include "serverprocess.h"

#include "testdatabase.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {
QString serverBinary()
{
    return qEnvironmentVariable("CONFAB_SERVER_BINARY");
}
}

ServerProcess::ServerProcess(const QString &dataDir)
    : m_dataDir(dataDir.isEmpty() ? m_tempDir.path() : dataDir)
    , m_ownsDatabase(dataDir.isEmpty())
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
}

ServerProcess::~ServerProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    if (m_ownsDatabase)
        TestDatabase::dropFor(m_dataDir);
}

QString ServerProcess::databaseUrl() const
{
    if (m_databaseUrl.isEmpty())
        m_databaseUrl = TestDatabase::urlFor(m_dataDir);
    return m_databaseUrl;
}

QString ServerProcess::writeConfig(const QByteArray &ini) const
{
    QDir().mkpath(m_dataDir);
    const QString path = QDir(m_dataDir).absoluteFilePath(u"test.ini"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(ini) != ini.size())
        return {};
    return path;
}

bool ServerProcess::start(const QStringList &extraArgs)
{
    if (serverBinary().isEmpty()) {
        qWarning("CONFAB_SERVER_BINARY is not set");
        return false;
    }
    m_output.clear();
    m_url.clear();
    if (databaseUrl().isEmpty())
        return false;
    QStringList args { u"--listen"_s, u"127.0.0.1:0"_s, u"--data-dir"_s, m_dataDir, u"--database"_s,
        databaseUrl(), u"--log-level"_s, u"warning"_s };
    args += extraArgs;
    m_process.start(serverBinary(), args);
    if (!m_process.waitForStarted(10000))
        return false;
    // The server prints "listening ws://HOST:PORT/" on stdout once it accepts connections.
    static const QRegularExpression listening(u"listening (wss?://\\S+)"_s);
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        m_output += m_process.readAllStandardOutput();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(m_output));
        if (match.hasMatch()) {
            m_url = QUrl(match.captured(1));
            return true;
        }
    }
    qWarning("server did not start: %s %s", m_output.constData(),
        m_process.readAllStandardError().constData());
    return false;
}

bool ServerProcess::startWithConfig(const QByteArray &ini)
{
    const QString config = writeConfig(ini);
    if (config.isEmpty()) {
        qWarning("could not write the config into %s", qPrintable(m_dataDir));
        return false;
    }
    return start({ u"--config"_s, config });
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

bool ServerProcess::stop()
{
    m_process.terminate();
    const bool finished = m_process.waitForFinished(20000);
    if (!finished) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    const bool clean
        = finished && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    if (!clean) {
        // What the server said last tells why (a sanitizer's report, a failed shutdown).
        qWarning("the server did not stop cleanly (%s, exit code %d); its last words:\n%s",
            finished ? "exited" : "still running after 20 s", m_process.exitCode(),
            m_process.readAllStandardError().right(8192).constData());
    }
    return clean;
}

int ServerProcess::runAdmin(const QStringList &args, const QByteArray &input, QByteArray *output)
{
    QProcess admin;
    admin.setProcessChannelMode(QProcess::MergedChannels);
    admin.start(serverBinary(),
        QStringList { u"--data-dir"_s, m_dataDir, u"--database"_s, databaseUrl() } + args);
    if (!admin.waitForStarted(10000))
        return -1;
    admin.write(input);
    admin.closeWriteChannel();
    if (!admin.waitForFinished(60000))
        return -1;
    if (output)
        *output = admin.readAll();
    return admin.exitCode();
}
