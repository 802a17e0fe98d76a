#include "protocol/jsonwriter.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>
#include <utility>

namespace Confab {

namespace {
void appendEscaped(QByteArray &out, const QByteArray &utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    // Runs that need no escape (nearly all text) are copied whole; UTF-8 passes as it is.
    const char *run = utf8.constData();
    const char *const end = run + utf8.size();
    for (const char *at = run; at < end; ++at) {
        const auto byte = static_cast<unsigned char>(*at);
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        out.append(run, at - run);
        run = at + 1;
        switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            out += "\\u00";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
    out.append(run, end - run);
    out += '"';
}
} // namespace

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    // An array element (or the top-level value).
    if (!m_hasMember.empty()) {
        if (m_hasMember.back())
            m_out += ',';
        m_hasMember.back() = true;
    }
}

JsonWriter &JsonWriter::open(char bracket)
{
    beforeValue();
    m_out += bracket;
    m_hasMember.push_back(false);
    return *this;
}

JsonWriter &JsonWriter::close(char bracket)
{
    m_out += bracket;
    m_hasMember.pop_back();
    return *this;
}

JsonWriter &JsonWriter::beginObject()
{
    return open('{');
}

JsonWriter &JsonWriter::endObject()
{
    return close('}');
}

JsonWriter &JsonWriter::beginArray()
{
    return open('[');
}

JsonWriter &JsonWriter::endArray()
{
    return close(']');
}

JsonWriter &JsonWriter::key(QLatin1StringView name)
{
    if (m_hasMember.back())
        m_out += ',';
    m_hasMember.back() = true;
    m_out += '"';
    m_out.append(name.data(), name.size()); // member names are plain ASCII
    m_out += "\":";
    m_afterKey = true;
    return *this;
}

JsonWriter &JsonWriter::value(const QString &text)
{
    beforeValue();
    // Nearly every string here is plain ASCII (ids, names, kinds): written straight into the
    // buffer. Anything else goes through UTF-8 and the escapes.
    const qsizetype start = m_out.size();
    m_out.resize(start + text.size() + 2);
    char *out = m_out.data() + start;
    *out++ = '"';
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (unit >= 0x80 || unit < 0x20 || unit == u'"' || unit == u'\\') {
            m_out.truncate(start);
            appendEscaped(m_out, text.toUtf8());
            return *this;
        }
        *out++ = char(unit);
    }
    *out = '"';
    return *this;
}

JsonWriter &JsonWriter::value(qint64 number)
{
    beforeValue();
    char digits[24];
    const std::to_chars_result end = std::to_chars(digits, digits + sizeof digits, number);
    m_out.append(digits, end.ptr - digits);
    return *this;
}

JsonWriter &JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter &JsonWriter::value(const QJsonObject &object)
{
    return raw(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

JsonWriter &JsonWriter::raw(const QByteArray &json)
{
    beforeValue();
    m_out += json;
    return *this;
}

QByteArray JsonWriter::take()
{
    m_hasMember.clear();
    m_afterKey = false;
    return std::exchange(m_out, {});
}

} // namespace Confab
