#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace Confab {

class VoiceRecorder;

// The composer's row while a voice message is being recorded: a red dot, the elapsed time,
// Cancel and Send. It records into `directory` and hides itself when the recording ends.
class VoiceRecordBar : public QWidget {
    Q_OBJECT
public:
    explicit VoiceRecordBar(const QString &directory, QWidget *parent = nullptr);

    VoiceRecorder *recorder() const { return m_recorder; }
    void start();

Q_SIGNALS:
    void recorded(const QString &path, const QString &mime, qint64 durationMs);
    void failed(const QString &message);
    void finished(); // hidden again: sent, cancelled or failed

private:
    void end();

    QString m_directory;
    VoiceRecorder *m_recorder;
    QLabel *m_dot;
    QLabel *m_time;
    QPushButton *m_cancel;
    QPushButton *m_send;
};

} // namespace Confab
