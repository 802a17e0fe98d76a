#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs every test suite: first the Debug
# build (server, desktop client, tests), then the server and its suites again with
# AddressSanitizer and UndefinedBehaviorSanitizer (the asan preset), then the fuzz targets.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCONFAB_REQUIRE_MULTIMEDIA=ON
cmake --build build
(cd build && QT_QPA_PLATFORM=offscreen ctest --output-on-failure --no-tests=error -j2 --timeout 600)

cmake --preset asan
cmake --build --preset asan
ctest --preset asan -j2 --label-exclude fuzz
# Each fuzz target runs for CONFAB_FUZZ_SECONDS (60 by default) and fails on any finding; they
# measure nothing, so all four share the two cores.
ctest --preset asan -j4 --label-regex fuzz
