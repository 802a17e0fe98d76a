#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCONFAB_REQUIRE_MULTIMEDIA=ON
cmake --build build
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --no-tests=error -j2 --timeout 600
