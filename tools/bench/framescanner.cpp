#include "framescanner.h"

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

} // namespace

qsizetype FrameScanner::valueStart(QByteArrayView quotedKey) const
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = m_frame.indexOf(quotedKey, from);
        if (at < 0)
            return -1;
        qsizetype pos = at + quotedKey.size();
        while (pos < m_frame.size() && isSpace(m_frame[pos]))
            ++pos;
        // A key is followed by a colon; the same characters as a value are not.
        if (pos < m_frame.size() && m_frame[pos] == ':') {
            ++pos;
            while (pos < m_frame.size() && isSpace(m_frame[pos]))
                ++pos;
            return pos;
        }
        from = at + 1;
    }
}

QByteArrayView FrameScanner::string(QByteArrayView quotedKey) const
{
    const qsizetype start = valueStart(quotedKey);
    if (start < 0 || start >= m_frame.size() || m_frame[start] != '"')
        return {};
    const qsizetype end = m_frame.indexOf('"', start + 1);
    return end < 0 ? QByteArrayView() : m_frame.sliced(start + 1, end - start - 1);
}

qint64 FrameScanner::integer(QByteArrayView quotedKey, qint64 fallback) const
{
    qsizetype pos = valueStart(quotedKey);
    if (pos < 0 || pos >= m_frame.size())
        return fallback;
    const bool negative = m_frame[pos] == '-';
    if (negative)
        ++pos;
    qint64 value = 0;
    bool any = false;
    for (; pos < m_frame.size() && m_frame[pos] >= '0' && m_frame[pos] <= '9'; ++pos) {
        value = value * 10 + (m_frame[pos] - '0');
        any = true;
    }
    if (!any)
        return fallback;
    return negative ? -value : value;
}
