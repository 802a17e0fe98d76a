#pragma once

#include <QList>
#include <QMediaFormat>
#include <QString>

#include <optional>

namespace Confab {

// One way to store a voice message: container and codec, with the MIME type announced to the
// server and the file name extension. Only built with Qt Multimedia.
struct VoiceFormat {
    QMediaFormat::FileFormat fileFormat;
    QMediaFormat::AudioCodec audioCodec;
    QString mime;
    QString extension;

    QMediaFormat mediaFormat() const;
    bool isEncodable() const;

    // Every format a voice message may be recorded in, best first: Ogg/Opus is small at
    // speech bitrates and plays everywhere, WAV is large but needs no encoder at all.
    static QList<VoiceFormat> candidates();
    // The first candidate the media backend can encode, if any.
    static std::optional<VoiceFormat> preferred();
};

} // namespace Confab
