#include "ui/signinwindow.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Confab {

using namespace Qt::StringLiterals;

SignInWindow::SignInWindow(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"signInWindow"_s);
    setWindowTitle(tr("Sign in – Confab"));
    auto *title = new QLabel(tr("Confab"), this);
    title->setObjectName(u"signInTitle"_s);
    title->setAlignment(Qt::AlignCenter);
    auto *subtitle = new QLabel(tr("Sign in to your server, or create an account."), this);
    subtitle->setObjectName(u"signInSubtitle"_s);
    subtitle->setAlignment(Qt::AlignCenter);
    subtitle->setWordWrap(true);

    m_server = new QLineEdit(this);
    m_server->setPlaceholderText(u"ws://127.0.0.1:8080/"_s);
    m_server->setAccessibleName(tr("Server address"));
    m_username = new QLineEdit(this);
    m_username->setAccessibleName(tr("User name"));
    m_username->setPlaceholderText(tr("e.g. alice"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_password->setPlaceholderText(tr("at least 8 characters"));
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User name:"), m_username);
    form->addRow(tr("&Password:"), m_password);

    m_error = new QLabel(this);
    m_error->setObjectName(u"signInError"_s);
    m_error->setWordWrap(true);
    m_error->setAccessibleName(tr("Sign-in error"));
    m_error->hide();
    m_status = new QLabel(this);
    m_status->setAlignment(Qt::AlignCenter);

    m_signIn = new QPushButton(tr("Sign in"), this);
    m_signIn->setObjectName(u"signInButton"_s);
    m_signIn->setDefault(true);
    m_register = new QPushButton(tr("Create account"), this);
    m_register->setObjectName(u"registerButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_register);
    buttons->addStretch();
    buttons->addWidget(m_signIn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(36, 30, 36, 30);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(subtitle);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addStretch();
    layout->addLayout(buttons);
    resize(440, 340);

    connect(m_signIn, &QPushButton::clicked, this, [this] { submit(false); });
    connect(m_register, &QPushButton::clicked, this, [this] { submit(true); });
    connect(m_password, &QLineEdit::returnPressed, this, [this] { submit(false); });
    connect(m_username, &QLineEdit::returnPressed, m_password, qOverload<>(&QWidget::setFocus));
    connect(m_server, &QLineEdit::returnPressed, m_username, qOverload<>(&QWidget::setFocus));
}

void SignInWindow::setServer(const QUrl &url) { m_server->setText(url.toString()); }

void SignInWindow::setUsername(const QString &username)
{
    m_username->setText(username);
    if (!username.isEmpty())
        m_password->setFocus();
}

QUrl SignInWindow::normalizedServerUrl(const QString &text)
{
    QString value = text.trimmed();
    if (value.isEmpty())
        return {};
    if (!value.contains(u"://"_s))
        value = u"ws://"_s + value;
    QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()
        || (url.scheme() != "ws"_L1 && url.scheme() != "wss"_L1))
        return {};
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    return url;
}

void SignInWindow::submit(bool createAccount)
{
    const QUrl url = normalizedServerUrl(m_server->text());
    if (!url.isValid() || url.isEmpty()) {
        setError(tr("Enter a server address such as ws://127.0.0.1:8080/."));
        m_server->setFocus();
        return;
    }
    if (m_username->text().trimmed().isEmpty()) {
        setError(tr("Enter your user name."));
        m_username->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        setError(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    setError(QString());
    setBusy(true);
    Q_EMIT signInRequested(url, m_username->text().trimmed(), m_password->text(), createAccount);
}

void SignInWindow::setBusy(bool busy)
{
    for (QWidget *widget : std::initializer_list<QWidget *> { m_server, m_username, m_password,
             m_signIn, m_register })
        widget->setEnabled(!busy);
    m_status->setText(busy ? tr("Connecting…") : QString());
}

void SignInWindow::setError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
    if (!text.isEmpty()) {
        setBusy(false);
        m_password->selectAll();
    }
}

QString SignInWindow::errorText() const { return m_error->text(); }

} // namespace Confab
