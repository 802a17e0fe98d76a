#pragma once

#include <QByteArrayView>
#include <QtGlobal>

// Finds top-level-looking fields of a JSON frame by substring search. Parsing every
// `event` push as JSON would make the generator its own bottleneck; the fields it needs
// (type, id, roomId, seq, kind, code, text) are plain: no escapes in ids, codes or the
// digits and bars at the start of our own message texts. Keys are given with quotes.
class FrameScanner {
public:
    explicit FrameScanner(QByteArrayView frame)
        : m_frame(frame)
    {
    }

    // The raw characters of a string value (no unescaping); empty when absent.
    QByteArrayView string(QByteArrayView quotedKey) const;
    // An integer value; `fallback` when absent.
    qint64 integer(QByteArrayView quotedKey, qint64 fallback = -1) const;

private:
    qsizetype valueStart(QByteArrayView quotedKey) const;

    QByteArrayView m_frame;
};
