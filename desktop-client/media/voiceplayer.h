#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

QT_FORWARD_DECLARE_CLASS(QAudioOutput)
QT_FORWARD_DECLARE_CLASS(QMediaDevices)
QT_FORWARD_DECLARE_CLASS(QMediaPlayer)

namespace Confab {

// The one player of voice messages in the app: playing a message stops the one before.
// Messages are told apart by a key (their attachment id), so every bubble can ask whether it
// is the one playing.
//
// Without a sound card the Qt 6.4 GStreamer backend still plays, silently and in real time
// (its autoaudiosink falls back to a fake sink), as long as an audio output is attached; so
// one always is. If playback does not progress at all (a backend without that fallback), it
// fails after a few seconds instead of hanging.
class VoicePlayer : public QObject {
    Q_OBJECT
public:
    explicit VoicePlayer(QObject *parent = nullptr);
    ~VoicePlayer() override;

    // False when the build has no Qt Multimedia; the UI then opens voice files with the
    // system's application. unavailableReason() says why, for a tooltip.
    static bool isAvailable();
    static QString unavailableReason();

    // Plays the message `key` from `filePath`; if it is the current message, pauses or resumes.
    void toggle(const QString &key, const QString &filePath);
    // Stops and unloads the current message; position() is 0 again.
    void stop();
    // Moves within the current message (playing or paused).
    void seek(qint64 positionMs);

    // The message playing or paused, empty when none.
    QString currentKey() const { return m_key; }
    // True from toggle() until pause, stop, end or failure, also while the file still loads.
    bool isPlaying() const { return m_playing; }
    qint64 position() const;
    qint64 duration() const;

Q_SIGNALS:
    // isPlaying() or currentKey() changed for `key`.
    void stateChanged(const QString &key);
    // While playing, at most about ten times a second; also after pause and seek.
    void progressed(const QString &key, qint64 positionMs, qint64 durationMs);
    // `key` played to its end; it is no longer current and starts from 0 when toggled again.
    void finished(const QString &key);
    // `key` could not be played (missing or unreadable file, unknown format, stalled output);
    // it is no longer current. `message` is a sentence for the user.
    void failed(const QString &key, const QString &message);

private:
    void resume();
    void pause();
    void unload();
    void fail(const QString &message);
    void onEnded();
    void onPositionChanged(qint64 positionMs);
    void onStalled();
    void emitProgress();
    void followDefaultOutput();

    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr;
    QMediaDevices *m_devices = nullptr;
    QString m_key;
    bool m_playing = false;
    QTimer m_stallTimer;
    QElapsedTimer m_sinceProgress;
};

} // namespace Confab
