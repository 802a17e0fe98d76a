#pragma once

#include <QObject>
#include <QStringList>
#include <QTimer>

QT_FORWARD_DECLARE_CLASS(QAudioOutput)
QT_FORWARD_DECLARE_CLASS(QMediaPlayer)

namespace Confab {

// Reads how long audio files play, without playing them: e.g. the durationMs of a voice file
// picked from disk. Files are read one after the other; every readDuration() is answered by
// exactly one durationRead() or failed(), in order, always after the call has returned.
class AudioProbe : public QObject {
    Q_OBJECT
public:
    explicit AudioProbe(QObject *parent = nullptr);
    ~AudioProbe() override;

    void readDuration(const QString &filePath);
    bool isBusy() const { return !m_current.isEmpty() || !m_queue.isEmpty(); }

Q_SIGNALS:
    void durationRead(const QString &filePath, qint64 durationMs);
    // `message` is a sentence for the user.
    void failed(const QString &filePath, const QString &message);

private:
    void next();
    void checkDuration();
    void succeed(qint64 durationMs);
    void fail(const QString &message);
    void finishCurrent();

    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr;
    QStringList m_queue;
    QString m_current;
    QTimer m_deadline;
};

} // namespace Confab
