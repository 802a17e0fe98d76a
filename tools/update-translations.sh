#!/usr/bin/env bash
# Brings translations/*.ts up to date with the desktop client's tr() strings: new strings
# come in unfinished, existing translations are kept, strings no longer used are dropped.
# Then translate in Qt Linguist (linguist translations/confab_de.ts) and commit the .ts files;
# tst_desktop_translations fails while an entry is unfinished or a plural form is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=$(command -v lupdate6 || command -v /usr/lib/qt6/bin/lupdate || command -v lupdate)
sources=$(mktemp)
trap 'rm -f "$sources"' EXIT
find desktop-client -name '*.cpp' | sort > "$sources"
"$lupdate" -locations none -no-obsolete -I desktop-client "@$sources" -ts translations/*.ts
