#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

QT_FORWARD_DECLARE_CLASS(QMediaCaptureSession)
QT_FORWARD_DECLARE_CLASS(QMediaRecorder)

namespace Confab {

struct VoiceFormat;

// Records one voice message at a time from the default microphone into a new file, in
// Ogg/Opus when the media backend can encode it, else in the best format it can (see
// mimeType()). The microphone is opened by start() and released when the recording ends.
//
// Every start() ends in exactly one of recorded(), cancelled() or failed().
class VoiceRecorder : public QObject {
    Q_OBJECT
public:
    explicit VoiceRecorder(QObject *parent = nullptr);
    ~VoiceRecorder() override;

    // Empty when recording can work here; otherwise why not, as a sentence for a tooltip:
    // no audio support in this build, no microphone, or no format the backend can encode.
    static QString unavailableReason();

    // Records into a new file voice-<timestamp>.<ext> in `directory` (created if needed).
    void start(const QString &directory);
    // Finishes the recording; recorded() follows once the file is complete.
    void stop();
    // Stops and deletes the file; cancelled() follows.
    void cancel();

    // True from start() until recorded(), cancelled() or failed().
    bool isRecording() const { return m_phase != Phase::Idle; }
    qint64 elapsed() const { return m_elapsedMs; }
    // The file and MIME type of the recording in progress (or the last one).
    QString filePath() const { return m_filePath; }
    QString mimeType() const { return m_mime; }

Q_SIGNALS:
    // While recording, for an elapsed-time label.
    void elapsedChanged(qint64 ms);
    void recorded(const QString &filePath, const QString &mime, qint64 durationMs);
    void cancelled();
    // `message` is a sentence for the user; the partial file is gone.
    void failed(const QString &message);

private:
    enum class Phase { Idle, Recording, Stopping, Cancelling };

    void beginCapture(const VoiceFormat &format);
    void onStartTimedOut();
    void requestStop(Phase next);
    void onStopped();
    void onStopTimedOut();
    void failNow(const QString &message);
    void failLater(const QString &message);
    void release();
    void removeFile();

    QMediaCaptureSession *m_session = nullptr;
    QMediaRecorder *m_recorder = nullptr;
    Phase m_phase = Phase::Idle;
    QString m_filePath; // as chosen here
    QString m_writtenPath; // as the backend names it
    QString m_mime;
    qint64 m_elapsedMs = 0;
    int m_attempts = 0;
    QTimer m_startTimer;
    QTimer m_stopTimer;
};

} // namespace Confab
