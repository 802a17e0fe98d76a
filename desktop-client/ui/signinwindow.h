#pragma once

#include <QUrl>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Confab {

// Server address, user name and password; log in or create an account. Never blocks:
// it emits a request, shows "Connecting…", and waits for setError() or to be closed.
class SignInWindow : public QWidget {
    Q_OBJECT
public:
    explicit SignInWindow(QWidget *parent = nullptr);

    void setServer(const QUrl &url);
    void setUsername(const QString &username);
    void setBusy(bool busy);
    void setError(const QString &text);
    QString errorText() const;

    QLineEdit *serverField() const { return m_server; }
    QLineEdit *usernameField() const { return m_username; }
    QLineEdit *passwordField() const { return m_password; }
    QPushButton *signInButton() const { return m_signIn; }
    QPushButton *registerButton() const { return m_register; }

    // "host:port" becomes ws://host:port/; an invalid address gives an empty URL.
    static QUrl normalizedServerUrl(const QString &text);

Q_SIGNALS:
    void signInRequested(const QUrl &server, const QString &username, const QString &password,
        bool createAccount);

private:
    void submit(bool createAccount);

    QLineEdit *m_server;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QPushButton *m_signIn;
    QPushButton *m_register;
    QLabel *m_error;
    QLabel *m_status;
};

} // namespace Confab
