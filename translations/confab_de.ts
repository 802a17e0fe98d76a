<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Confab::AttachmentActions</name>
    <message>
        <source>Send files</source>
        <translation>Dateien senden</translation>
    </message>
</context>
<context>
    <name>Confab::AttachmentPainter</name>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Sending… %1 %</source>
        <translation>Wird gesendet… %1 %</translation>
    </message>
    <message>
        <source>Downloading… %1 %</source>
        <translation>Wird geladen… %1 %</translation>
    </message>
</context>
<context>
    <name>Confab::AudioProbe</name>
    <message>
        <source>The length of the audio file cannot be read</source>
        <translation>Die Länge der Audiodatei kann nicht ermittelt werden</translation>
    </message>
    <message>
        <source>This audio file cannot be read</source>
        <translation>Diese Audiodatei kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The audio file is missing or cannot be read</source>
        <translation>Die Audiodatei fehlt oder kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>This build has no audio support</source>
        <translation>Diese Version unterstützt keine Audiowiedergabe</translation>
    </message>
</context>
<context>
    <name>Confab::Composer</name>
    <message>
        <source>Write a message…</source>
        <translation>Nachricht schreiben…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
</context>
<context>
    <name>Confab::ConversationModel</name>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
    <message>
        <source>Earlier message</source>
        <translation>Frühere Nachricht</translation>
    </message>
</context>
<context>
    <name>Confab::ConversationView</name>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Room info (Ctrl+I)</source>
        <translation>Raum-Info (Strg+I)</translation>
    </message>
    <message>
        <source>Room info</source>
        <translation>Raum-Info</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>Nachricht senden</translation>
    </message>
    <message>
        <source>online: %1</source>
        <translation>online: %1</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 schreibt…</translation>
    </message>
    <message>
        <source>%1 and %2 are typing…</source>
        <translation>%1 und %2 schreiben…</translation>
    </message>
    <message>
        <source>Several people are typing…</source>
        <translation>Mehrere Personen schreiben…</translation>
    </message>
    <message>
        <source>1 member</source>
        <translation>1 Mitglied</translation>
    </message>
    <message>
        <source>%1 members</source>
        <translation>%1 Mitglieder</translation>
    </message>
    <message>
        <source>Drop files here to send them</source>
        <translation>Dateien hier ablegen, um sie zu senden</translation>
    </message>
    <message>
        <source>Send files</source>
        <translation>Dateien senden</translation>
    </message>
    <message>
        <source>Record a voice message</source>
        <translation>Sprachnachricht aufnehmen</translation>
    </message>
</context>
<context>
    <name>Confab::EventText</name>
    <message>
        <source>%1 joined</source>
        <translation>%1 ist beigetreten</translation>
    </message>
    <message>
        <source>%1 added %2</source>
        <translation>%1 hat %2 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 hat die Gruppe verlassen</translation>
    </message>
    <message>
        <source>%1 renamed the group to &quot;%2&quot;</source>
        <translation>%1 hat die Gruppe in „%2“ umbenannt</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Anhang</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Du: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>You joined</source>
        <translation>Du bist beigetreten</translation>
    </message>
    <message>
        <source>You added %1</source>
        <translation>Du hast %1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 added you</source>
        <translation>%1 hat dich hinzugefügt</translation>
    </message>
    <message>
        <source>You left</source>
        <translation>Du hast die Gruppe verlassen</translation>
    </message>
    <message>
        <source>You removed %1</source>
        <translation>Du hast %1 entfernt</translation>
    </message>
    <message>
        <source>%1 removed you</source>
        <translation>%1 hat dich entfernt</translation>
    </message>
    <message>
        <source>%1 removed %2</source>
        <translation>%1 hat %2 entfernt</translation>
    </message>
    <message>
        <source>You renamed the group to &quot;%1&quot;</source>
        <translation>Du hast die Gruppe in „%1“ umbenannt</translation>
    </message>
</context>
<context>
    <name>Confab::FileText</name>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Voice message (%1)</source>
        <translation>Sprachnachricht (%1)</translation>
    </message>
</context>
<context>
    <name>Confab::MainWindow</name>
    <message>
        <source>Select a chat to start messaging</source>
        <translation>Wähle einen Chat, um zu schreiben</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>&amp;Chat</translation>
    </message>
    <message>
        <source>&amp;New chat…</source>
        <translation>&amp;Neuer Chat…</translation>
    </message>
    <message>
        <source>New &amp;group…</source>
        <translation>Neue &amp;Gruppe…</translation>
    </message>
    <message>
        <source>&amp;Jump to room…</source>
        <translation>Zu Raum &amp;springen…</translation>
    </message>
    <message>
        <source>Room &amp;info…</source>
        <translation>Raum-&amp;Info…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Abmelden</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used after restarting Confab.</source>
        <translation>Die neue Sprache gilt nach einem Neustart von Confab.</translation>
    </message>
    <message>
        <source>(%1) Confab</source>
        <translation>(%1) Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Verbindung wird wiederhergestellt…</translation>
    </message>
    <message numerus="yes">
        <source>Offline – retrying in %n s</source>
        <translation>
            <numerusform>Offline – neuer Versuch in %n Sekunde</numerusform>
            <numerusform>Offline – neuer Versuch in %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Abgemeldet</translation>
    </message>
</context>
<context>
    <name>Confab::MessageDelegate</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Read by %1 of %2</source>
        <translation>Gelesen von %1 von %2</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Zugestellt</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
</context>
<context>
    <name>Confab::MessageMenu</name>
    <message>
        <source>Copy text</source>
        <translation>Text kopieren</translation>
    </message>
    <message>
        <source>Retry sending</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
</context>
<context>
    <name>Confab::ReplyBar</name>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation>Antwort verwerfen (Esc)</translation>
    </message>
    <message>
        <source>Cancel the reply</source>
        <translation>Antwort verwerfen</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>Antwort an %1: %2</translation>
    </message>
</context>
<context>
    <name>Confab::RoomInfoDialog</name>
    <message>
        <source>Room info</source>
        <translation>Raum-Info</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>Raumname</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <source>Add people…</source>
        <translation>Personen hinzufügen…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Block</source>
        <translation>Blockieren</translation>
    </message>
    <message>
        <source>Unblock</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <source>Leave group</source>
        <translation>Gruppe verlassen</translation>
    </message>
    <message>
        <source>Leave this group?</source>
        <translation>Diese Gruppe verlassen?</translation>
    </message>
    <message>
        <source>%1 (you)</source>
        <translation>%1 (du)</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Besitzer</translation>
    </message>
</context>
<context>
    <name>Confab::RoomListModel</name>
    <message>
        <source>Someone</source>
        <translation>Jemand</translation>
    </message>
</context>
<context>
    <name>Confab::RoomListPanel</name>
    <message>
        <source>Search (Ctrl+K)</source>
        <translation>Suchen (Strg+K)</translation>
    </message>
    <message>
        <source>Search rooms</source>
        <translation>Räume durchsuchen</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>Räume</translation>
    </message>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>Start a chat with one person (Ctrl+N)</source>
        <translation>Einen Chat mit einer Person beginnen (Strg+N)</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>Create a group (Ctrl+Shift+N)</source>
        <translation>Eine Gruppe erstellen (Strg+Umschalt+N)</translation>
    </message>
</context>
<context>
    <name>Confab::SignInWindow</name>
    <message>
        <source>Sign in – Confab</source>
        <translation>Anmelden – Confab</translation>
    </message>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Sign in to your server, or create an account.</source>
        <translation>Melde dich bei deinem Server an oder erstelle ein Konto.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>e.g. alice</source>
        <translation>z. B. alice</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>at least 8 characters</source>
        <translation>mindestens 8 Zeichen</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Sign-in error</source>
        <translation>Anmeldefehler</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Create account</source>
        <translation>Konto erstellen</translation>
    </message>
    <message>
        <source>Enter a server address such as ws://127.0.0.1:8080/.</source>
        <translation>Gib eine Serveradresse wie ws://127.0.0.1:8080/ ein.</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>Gib deinen Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>Gib dein Passwort ein.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
</context>
<context>
    <name>Confab::TimeFormat</name>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <source>last seen just now</source>
        <translation>gerade eben zuletzt online</translation>
    </message>
    <message numerus="yes">
        <source>last seen %n min ago</source>
        <translation>
            <numerusform>zuletzt online vor %n Minute</numerusform>
            <numerusform>zuletzt online vor %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>last seen %1</source>
        <translation>zuletzt online: %1</translation>
    </message>
</context>
<context>
    <name>Confab::TrayNotifier</name>
    <message>
        <source>Confab</source>
        <translation>Confab</translation>
    </message>
    <message>
        <source>Confab – unread messages: %1</source>
        <translation>Confab – ungelesene Nachrichten: %1</translation>
    </message>
</context>
<context>
    <name>Confab::UserPickerDialog</name>
    <message>
        <source>New chat</source>
        <translation>Neuer Chat</translation>
    </message>
    <message>
        <source>New group</source>
        <translation>Neue Gruppe</translation>
    </message>
    <message>
        <source>Add people</source>
        <translation>Personen hinzufügen</translation>
    </message>
    <message>
        <source>Group name</source>
        <translation>Gruppenname</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Search people by name</source>
        <translation>Personen nach Namen suchen</translation>
    </message>
    <message>
        <source>Search people</source>
        <translation>Personen suchen</translation>
    </message>
    <message>
        <source>People found</source>
        <translation>Gefundene Personen</translation>
    </message>
    <message>
        <source>Start chat</source>
        <translation>Chat beginnen</translation>
    </message>
    <message>
        <source>Create group</source>
        <translation>Gruppe erstellen</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
</context>
<context>
    <name>Confab::VoicePlayer</name>
    <message>
        <source>This voice message cannot be played</source>
        <translation>Diese Sprachnachricht kann nicht abgespielt werden</translation>
    </message>
    <message>
        <source>The voice message file cannot be read</source>
        <translation>Die Datei der Sprachnachricht kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>This build has no audio support</source>
        <translation>Diese Version unterstützt keine Audiowiedergabe</translation>
    </message>
    <message>
        <source>The voice message file is missing or cannot be read</source>
        <translation>Die Datei der Sprachnachricht fehlt oder kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>The voice message could not be played on this computer&apos;s audio output</source>
        <translation>Die Sprachnachricht konnte über die Audioausgabe dieses Computers nicht abgespielt werden</translation>
    </message>
</context>
<context>
    <name>Confab::VoiceRecordBar</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Cancel the voice message</source>
        <translation>Sprachnachricht verwerfen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the voice message</source>
        <translation>Sprachnachricht senden</translation>
    </message>
    <message>
        <source>Recording %1</source>
        <translation>Aufnahme %1</translation>
    </message>
</context>
<context>
    <name>Confab::VoiceRecorder</name>
    <message>
        <source>Recording voice messages is not supported here</source>
        <translation>Sprachnachrichten können hier nicht aufgenommen werden</translation>
    </message>
    <message>
        <source>There is not enough disk space for the recording</source>
        <translation>Für die Aufnahme ist nicht genug Speicherplatz frei</translation>
    </message>
    <message>
        <source>The recording cannot be saved</source>
        <translation>Die Aufnahme kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>The microphone cannot be used</source>
        <translation>Das Mikrofon kann nicht verwendet werden</translation>
    </message>
    <message>
        <source>No microphone found</source>
        <translation>Kein Mikrofon gefunden</translation>
    </message>
    <message>
        <source>This build has no audio support</source>
        <translation>Diese Version unterstützt keine Audiowiedergabe</translation>
    </message>
    <message>
        <source>The recording stopped unexpectedly</source>
        <translation>Die Aufnahme wurde unerwartet beendet</translation>
    </message>
    <message>
        <source>The microphone sends no sound</source>
        <translation>Das Mikrofon liefert keinen Ton</translation>
    </message>
    <message>
        <source>Nothing was recorded</source>
        <translation>Es wurde nichts aufgenommen</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Falscher Benutzername oder falsches Passwort.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.</translation>
    </message>
    <message>
        <source>This user name is already taken.</source>
        <translation>Dieser Benutzername ist bereits vergeben.</translation>
    </message>
    <message>
        <source>User names are 3 to 32 characters: letters a-z, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;.</source>
        <translation>Benutzernamen haben 3 bis 32 Zeichen: Buchstaben a-z, Ziffern, &apos;_&apos;, &apos;.&apos; und &apos;-&apos;.</translation>
    </message>
    <message>
        <source>The password is too short: use at least 8 characters.</source>
        <translation>Das Passwort ist zu kurz: Verwende mindestens 8 Zeichen.</translation>
    </message>
    <message>
        <source>This server does not accept new accounts.</source>
        <translation>Dieser Server nimmt keine neuen Konten an.</translation>
    </message>
    <message>
        <source>Too many attempts. Please wait a moment and try again.</source>
        <translation>Zu viele Versuche. Bitte warte einen Moment und versuche es erneut.</translation>
    </message>
    <message>
        <source>Cannot reach the server. Check the address and your network.</source>
        <translation>Der Server ist nicht erreichbar. Prüfe die Adresse und dein Netzwerk.</translation>
    </message>
    <message>
        <source>You are offline.</source>
        <translation>Du bist offline.</translation>
    </message>
    <message>
        <source>You are not a member of this room.</source>
        <translation>Du bist kein Mitglied dieses Raums.</translation>
    </message>
    <message>
        <source>Not found.</source>
        <translation>Nicht gefunden.</translation>
    </message>
    <message>
        <source>You are not allowed to do that.</source>
        <translation>Das darfst du nicht.</translation>
    </message>
    <message>
        <source>You cannot message this person.</source>
        <translation>Du kannst dieser Person nicht schreiben.</translation>
    </message>
    <message>
        <source>The message is too long.</source>
        <translation>Die Nachricht ist zu lang.</translation>
    </message>
    <message>
        <source>The server did not understand the request.</source>
        <translation>Der Server hat die Anfrage nicht verstanden.</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>Bitte melde dich zuerst an.</translation>
    </message>
    <message>
        <source>The server ran into a problem. Please try again.</source>
        <translation>Auf dem Server ist ein Problem aufgetreten. Bitte versuche es erneut.</translation>
    </message>
    <message>
        <source>Something went wrong (%1).</source>
        <translation>Etwas ist schiefgegangen (%1).</translation>
    </message>
    <message>
        <source>The file is larger than the server accepts, or your storage is full.</source>
        <translation>Die Datei ist größer, als der Server annimmt, oder dein Speicher ist voll.</translation>
    </message>
    <message>
        <source>The file cannot be read any more. Was it moved or deleted?</source>
        <translation>Die Datei kann nicht mehr gelesen werden. Wurde sie verschoben oder gelöscht?</translation>
    </message>
    <message>
        <source>The file changed while it was being sent.</source>
        <translation>Die Datei hat sich während des Sendens geändert.</translation>
    </message>
    <message>
        <source>The file cannot be saved on this device.</source>
        <translation>Die Datei kann auf diesem Gerät nicht gespeichert werden.</translation>
    </message>
</context>
</TS>
