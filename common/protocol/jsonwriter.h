#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QString>

#include <vector>

class QJsonObject;

namespace Confab {

// Writes compact UTF-8 JSON straight into one buffer. For large replies (a room list of
// hundreds of rooms) this is several times cheaper than building a QJsonObject tree and
// serialising it; the output parses to the same values as the tree would.
class JsonWriter {
public:
    JsonWriter &beginObject();
    JsonWriter &endObject();
    JsonWriter &beginArray();
    JsonWriter &endArray();
    // The name of the next member of the current object.
    JsonWriter &key(QLatin1StringView name);
    JsonWriter &value(const QString &text);
    JsonWriter &value(qint64 number);
    JsonWriter &value(int number) { return value(qint64(number)); }
    JsonWriter &value(bool flag);
    JsonWriter &value(const char *) = delete; // would be taken for a bool
    JsonWriter &value(const QJsonObject &object);
    // `json` is one JSON value already encoded.
    JsonWriter &raw(const QByteArray &json);

    QByteArray take();

private:
    void beforeValue();
    JsonWriter &open(char bracket);
    JsonWriter &close(char bracket);

    QByteArray m_out;
    // One entry per open object or array: whether it has a member yet.
    std::vector<bool> m_hasMember;
    bool m_afterKey = false;
};

} // namespace Confab
