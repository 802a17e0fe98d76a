#!/usr/bin/env bash
# Installs what is missing, builds the server, and runs it on the embedded SQLite default
# (ws://127.0.0.1:8080/, data in ./var). Extra arguments go to confab-server.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh --server
cmake -S . -B build-server -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCONFAB_BUILD_DESKTOP=OFF -DCONFAB_BUILD_TESTS=OFF -DCONFAB_BUILD_TOOLS=OFF
cmake --build build-server --target confab-server
exec build-server/server/confab-server "$@"
