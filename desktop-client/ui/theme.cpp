#include "ui/theme.h"

#include <QApplication>
#include <QFont>
#include <QPalette>
#include <QStyleFactory>

namespace Confab::Theme {

using namespace Qt::StringLiterals;

void apply(QApplication &app)
{
    app.setStyle(QStyleFactory::create(u"Fusion"_s));
    QPalette palette = app.palette();
    palette.setColor(QPalette::Window, QColor(0xF8, 0xFA, 0xFC));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Highlight, QColor(0x3B, 0x82, 0xF6));
    palette.setColor(QPalette::Button, QColor(0xF1, 0xF5, 0xF9));
    app.setPalette(palette);
    app.setStyleSheet(uR"(
        #roomListPanel { background: white; border-right: 1px solid #e5e7eb; }
        #roomList { background: white; }
        #roomSearch, QLineEdit { border: 1px solid #d1d5db; border-radius: 8px; padding: 6px 8px;
            background: white; }
        QLineEdit:focus { border-color: #3b82f6; }
        #messageList { background: #eef2f7; }
        #conversationHeader { background: white; border-bottom: 1px solid #e5e7eb; }
        #conversationTitle { font-size: 15px; font-weight: bold; color: #111827; }
        #conversationSubtitle { color: #6b7280; }
        #typingLabel { color: #2563eb; font-style: italic; background: #eef2f7; min-height: 18px; }
        #composerBox { background: white; border-top: 1px solid #e5e7eb; }
        #replyBar { background: white; border-top: 1px solid #e5e7eb; }
        #replyQuote { color: #2563eb; border-left: 3px solid #2563eb; padding-left: 8px; }
        #replyBar QToolButton { border: none; border-radius: 8px; padding: 2px 6px; }
        QPlainTextEdit { background: #f3f4f6; border-radius: 10px; padding: 4px 6px; }
        QPushButton { border: 1px solid #d1d5db; border-radius: 8px; padding: 6px 14px;
            background: white; }
        QPushButton:hover { background: #f3f4f6; }
        QPushButton:default, #sendButton { background: #3b82f6; color: white; border: none; }
        QPushButton:default:disabled, #sendButton:disabled { background: #93c5fd; }
        #placeholder { color: #6b7280; font-size: 14px; background: #eef2f7; }
        #signInWindow { background: white; }
        #signInTitle { font-size: 26px; font-weight: bold; color: #3b82f6; }
        #signInSubtitle { color: #6b7280; }
        #signInError { color: #b91c1c; background: #fef2f2; border: 1px solid #fecaca;
            border-radius: 8px; padding: 8px; }
        QStatusBar { background: white; border-top: 1px solid #e5e7eb; }
        #composerBox QToolButton { border: none; border-radius: 8px; padding: 6px; }
        #composerBox QToolButton:hover { background: #f3f4f6; }
        #recordingDot { color: #dc2626; font-size: 16px; }
        #recordingTime { color: #374151; }
        #dropHint { background: rgba(59, 130, 246, 40); color: #1d4ed8; font-size: 18px;
            font-weight: bold; border: 2px dashed #3b82f6; border-radius: 12px; }
    )"_s);
}

}
