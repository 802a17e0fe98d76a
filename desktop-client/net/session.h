#pragma once

#include <QMetaType>
#include <QString>
#include <QUrl>

namespace Confab {

// Who is signed in, where, and the token that resumes the session.
struct Session {
    QUrl serverUrl;
    QString userId;
    QString username;
    QString displayName;
    QString token;

    bool isValid() const { return !userId.isEmpty() && !token.isEmpty() && serverUrl.isValid(); }
};

} // namespace Confab

Q_DECLARE_METATYPE(Confab::Session)
