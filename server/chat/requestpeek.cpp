#include "chat/requestpeek.h"

namespace Confab::Server {

namespace {

// Walks one JSON object's top level; `at` is the next byte to read. Nested values are skipped
// by counting brackets outside strings: their content is the full parser's business, and a
// frame refused as busy is read again in full when the client sends it again.
class TopLevelScanner {
public:
    explicit TopLevelScanner(QByteArrayView json)
        : m_json(json)
    {
    }

    bool scan(RequestPeek &peek)
    {
        skipSpace();
        if (!take('{'))
            return false;
        skipSpace();
        if (take('}'))
            return atEnd();
        for (;;) {
            QByteArrayView key;
            if (!plainString(key))
                return false;
            skipSpace();
            if (!take(':'))
                return false;
            skipSpace();
            QByteArrayView *wanted = slotFor(peek, key);
            if (wanted) {
                if (!wanted->isNull() || !plainString(*wanted))
                    return false; // a repeated key or a value that needs the parser
            } else if (!skipValue()) {
                return false;
            }
            skipSpace();
            if (take('}'))
                return atEnd();
            if (!take(','))
                return false;
            skipSpace();
        }
    }

private:
    static QByteArrayView *slotFor(RequestPeek &peek, QByteArrayView key)
    {
        if (key == "type")
            return &peek.type;
        if (key == "id")
            return &peek.id;
        if (key == "clientMsgId")
            return &peek.clientMsgId;
        return nullptr;
    }

    bool atEnd()
    {
        skipSpace();
        return m_at == m_json.size();
    }

    bool take(char c)
    {
        if (m_at < m_json.size() && m_json[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    void skipSpace()
    {
        while (m_at < m_json.size()) {
            const char c = m_json[m_at];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                return;
            ++m_at;
        }
    }

    // A string without escapes or control characters; `out` gets its content (never null).
    bool plainString(QByteArrayView &out)
    {
        if (!take('"'))
            return false;
        const qsizetype start = m_at;
        while (m_at < m_json.size()) {
            const auto c = static_cast<unsigned char>(m_json[m_at]);
            if (c == '"') {
                out = QByteArrayView(m_json.data() + start, m_at - start);
                ++m_at;
                return true;
            }
            if (c == '\\' || c < 0x20)
                return false;
            ++m_at;
        }
        return false;
    }

    bool skipString()
    {
        if (!take('"'))
            return false;
        while (m_at < m_json.size()) {
            const char c = m_json[m_at++];
            if (c == '"')
                return true;
            if (c == '\\')
                ++m_at; // the escaped character, whatever it is
        }
        return false;
    }

    bool skipValue()
    {
        if (m_at >= m_json.size())
            return false;
        const char first = m_json[m_at];
        if (first == '"')
            return skipString();
        if (first == '{' || first == '[')
            return skipNested();
        // A number or a literal: up to the next delimiter; at least one byte.
        const qsizetype start = m_at;
        while (m_at < m_json.size()) {
            const char c = m_json[m_at];
            if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
                break;
            ++m_at;
        }
        return m_at > start;
    }

    bool skipNested()
    {
        int depth = 0;
        while (m_at < m_json.size()) {
            const char c = m_json[m_at];
            if (c == '"') {
                if (!skipString())
                    return false;
                continue;
            }
            ++m_at;
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0)
                    return true;
            }
        }
        return false;
    }

    QByteArrayView m_json;
    qsizetype m_at = 0;
};

} // namespace

RequestPeek RequestPeek::of(QByteArrayView json)
{
    RequestPeek peek;
    peek.ok = TopLevelScanner(json).scan(peek);
    if (!peek.ok)
        peek = RequestPeek();
    return peek;
}

} // namespace Confab::Server
