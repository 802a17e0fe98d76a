#pragma once

#include "models/chatsession.h"
#include "net/chatclient.h"
#include "net/credentialstore.h"

#include <QObject>
#include <QPointer>

namespace Confab {

class MainWindow;
class SignInWindow;
class TrayNotifier;

// Wires the client, the session state and the windows: sign-in first (or straight to the
// main window with a stored session), sign-out back to sign-in.
class AppController : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool useKeychain = true;
        QString screenshotPath; // grab the window to this PNG, then quit
        int screenshotDelayMs = 2500;
        QString openRoom; // a room name to open once the rooms are known
    };

    explicit AppController(const Options &options, QObject *parent = nullptr);
    ~AppController() override;

    void start();
    ChatClient *client() { return &m_client; }
    ChatSession *session() { return &m_session; }
    SignInWindow *signInWindow() const;
    MainWindow *mainWindow() const;

private:
    void showSignIn();
    void showMain();
    void onSignedIn(const Session &session);
    void signOut();
    void scheduleScreenshot();

    Options m_options;
    ChatClient m_client;
    ChatSession m_session;
    CredentialStore m_credentials;
    QPointer<SignInWindow> m_signIn;
    QPointer<MainWindow> m_main;
    TrayNotifier *m_tray = nullptr;
};

} // namespace Confab
