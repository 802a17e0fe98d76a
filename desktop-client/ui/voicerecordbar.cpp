#include "ui/voicerecordbar.h"

#include "media/voicerecorder.h"
#include "models/filetext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Confab {

using namespace Qt::StringLiterals;

VoiceRecordBar::VoiceRecordBar(const QString &directory, QWidget *parent)
    : QWidget(parent)
    , m_directory(directory)
    , m_recorder(new VoiceRecorder(this))
{
    setObjectName(u"voiceRecordBar"_s);
    m_dot = new QLabel(u"●"_s, this);
    m_dot->setObjectName(u"recordingDot"_s);
    m_time = new QLabel(this);
    m_time->setObjectName(u"recordingTime"_s);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setAccessibleName(tr("Cancel the voice message"));
    m_send = new QPushButton(tr("Send"), this);
    m_send->setObjectName(u"sendButton"_s);
    m_send->setAccessibleName(tr("Send the voice message"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_dot);
    layout->addWidget(m_time, 1);
    layout->addWidget(m_cancel);
    layout->addWidget(m_send);

    connect(m_recorder, &VoiceRecorder::elapsedChanged, this,
        [this](qint64 ms) { m_time->setText(tr("Recording %1").arg(FileText::duration(ms))); });
    connect(m_cancel, &QPushButton::clicked, m_recorder, &VoiceRecorder::cancel);
    connect(m_send, &QPushButton::clicked, this, [this] {
        m_send->setEnabled(false);
        m_recorder->stop();
    });
    connect(m_recorder, &VoiceRecorder::recorded, this,
        [this](const QString &path, const QString &mime, qint64 durationMs) {
            end();
            Q_EMIT recorded(path, mime, durationMs);
        });
    connect(m_recorder, &VoiceRecorder::cancelled, this, &VoiceRecordBar::end);
    connect(m_recorder, &VoiceRecorder::failed, this, [this](const QString &message) {
        end();
        Q_EMIT failed(message);
    });
    hide();
}

void VoiceRecordBar::start()
{
    m_time->setText(tr("Recording %1").arg(FileText::duration(0)));
    m_send->setEnabled(true);
    show();
    m_recorder->start(m_directory);
}

void VoiceRecordBar::end()
{
    hide();
    Q_EMIT finished();
}

} // namespace Confab
