#pragma once

#include "net/session.h"

#include <QObject>

namespace Confab {

// Remembers the server and user name in QSettings, and the session token in the OS
// keychain through QtKeychain when the build has it and a keychain answers; otherwise in
// QSettings (see docs/desktop-client.md). Keychain calls are asynchronous.
class CredentialStore : public QObject {
    Q_OBJECT
public:
    explicit CredentialStore(QObject *parent = nullptr);

    // Tests and portable setups turn the keychain off.
    void setKeychainEnabled(bool enabled) { m_useKeychain = enabled; }
    static bool keychainAvailable();

    QUrl lastServer() const;
    QString lastUsername() const;

    // Emits sessionLoaded (an invalid Session when none is stored).
    void load();
    void save(const Session &session);
    void clearToken();

Q_SIGNALS:
    void sessionLoaded(const Confab::Session &session);

private:
    void finishLoad(Session session, const QString &token);

    bool m_useKeychain = true;
};

} // namespace Confab
