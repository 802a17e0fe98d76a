#include "pulseaudioserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

PulseAudioServer::PulseAudioServer()
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(m_dir.filePath(u"pulseaudio.log"_s));
}

PulseAudioServer::~PulseAudioServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
}

QString PulseAudioServer::executable()
{
    return QStandardPaths::findExecutable(u"pulseaudio"_s);
}

bool PulseAudioServer::start()
{
    if (!m_dir.isValid() || executable().isEmpty())
        return false;
    const QString socket = m_dir.filePath(u"native"_s);
    // Its own home and runtime directory: nothing of the user's session is read or written.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "HOME", "XDG_RUNTIME_DIR", "XDG_CONFIG_HOME", "XDG_STATE_HOME" })
        env.insert(QString::fromLatin1(name), m_dir.path());
    env.remove(u"PULSE_SERVER"_s);
    m_process.setProcessEnvironment(env);
    // The socket module comes last, so that the devices exist once the socket does. An
    // orphaned daemon (the test crashed) exits 30 s after its last client.
    m_process.start(executable(),
        { u"-n"_s, u"--daemonize=no"_s, u"--system=no"_s, u"--use-pid-file=no"_s,
            u"--exit-idle-time=30"_s, u"--realtime=no"_s, u"--high-priority=no"_s,
            u"--log-target=stderr"_s, u"--log-level=warning"_s, u"-L"_s,
            u"module-null-sink sink_name=confab_speaker"_s, u"-L"_s,
            u"module-remap-source master=confab_speaker.monitor source_name=confab_microphone"_s,
            u"-L"_s, u"module-native-protocol-unix auth-anonymous=1 socket="_s + socket });
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && !QFileInfo::exists(socket)) {
        if (m_process.waitForFinished(50) || m_process.state() == QProcess::NotRunning) {
            qWarning("pulseaudio exited: %s", log().constData());
            return false;
        }
    }
    if (!QFileInfo::exists(socket)) {
        qWarning("pulseaudio did not open its socket: %s", log().constData());
        return false;
    }
    qputenv("PULSE_SERVER", QFile::encodeName(u"unix:"_s + socket));
    return true;
}

QByteArray PulseAudioServer::log() const
{
    QFile file(m_dir.filePath(u"pulseaudio.log"_s));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
