#pragma once

#include <QProcess>
#include <QTemporaryDir>

// A private PulseAudio daemon without hardware, on a socket in a temporary directory: one
// speaker that plays into nothing (module-null-sink) and one microphone that hears exactly
// what the speaker plays (module-remap-source of the speaker's monitor; Qt lists no monitors).
// start() points this process at it through PULSE_SERVER, so it must run before anything here talks
// to PulseAudio: Qt Multimedia connects once, on first use.
class PulseAudioServer {
public:
    PulseAudioServer();
    ~PulseAudioServer();

    static QString executable();
    // Starts the daemon and waits until it accepts clients.
    bool start();
    // What the daemon printed (warnings and errors only).
    QByteArray log() const;

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};
