#include "media/voiceformat.h"

namespace Confab {

using namespace Qt::StringLiterals;

QMediaFormat VoiceFormat::mediaFormat() const
{
    QMediaFormat format(fileFormat);
    format.setAudioCodec(audioCodec);
    return format;
}

bool VoiceFormat::isEncodable() const
{
    return mediaFormat().isSupported(QMediaFormat::Encode);
}

QList<VoiceFormat> VoiceFormat::candidates()
{
    using Codec = QMediaFormat::AudioCodec;
    return {
        { QMediaFormat::Ogg, Codec::Opus, u"audio/ogg"_s, u"ogg"_s },
        { QMediaFormat::WebM, Codec::Opus, u"audio/webm"_s, u"webm"_s },
        { QMediaFormat::Ogg, Codec::Vorbis, u"audio/ogg"_s, u"ogg"_s },
        { QMediaFormat::Mpeg4Audio, Codec::AAC, u"audio/mp4"_s, u"m4a"_s },
        { QMediaFormat::Matroska, Codec::Opus, u"audio/x-matroska"_s, u"mka"_s },
        { QMediaFormat::MP3, Codec::MP3, u"audio/mpeg"_s, u"mp3"_s },
        { QMediaFormat::FLAC, Codec::FLAC, u"audio/flac"_s, u"flac"_s },
        { QMediaFormat::Wave, Codec::Wave, u"audio/wav"_s, u"wav"_s },
    };
}

std::optional<VoiceFormat> VoiceFormat::preferred()
{
    const QList<VoiceFormat> all = candidates();
    for (const VoiceFormat &format : all) {
        if (format.isEncodable())
            return format;
    }
    return std::nullopt;
}

} // namespace Confab
