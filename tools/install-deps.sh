#!/usr/bin/env bash
# Installs what building Confab needs on Debian 12 / Ubuntu 22.04 or later.
#   install-deps.sh            everything: server, desktop client and tests
#   install-deps.sh --server   only what the server needs
set -euo pipefail

server_packages=(build-essential cmake ninja-build pkg-config libsodium-dev
    qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite libsqlite3-dev libqt6sql6-psql
    libhiredis-dev)
# Voice messages: Qt 6.4 Multimedia plays and records through GStreamer. plugins-base has
# Ogg, Opus, decodebin and encodebin; plugins-good has autoaudiosink/autoaudiosrc (without
# them no audio plays, not even silently on a machine without a sound card) and the
# PulseAudio elements. pulseaudio runs a private daemon for tst_voicerecorder.
# The sanitizer build and the fuzz targets of the test command: clang with its runtimes; the
# server suites' own PostgreSQL cluster and Redis servers.
test_packages=(clang-14 libclang-rt-14-dev llvm-14 postgresql redis-server)
desktop_packages=(qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools linguist-qt6
    qtkeychain-qt6-dev qt6-multimedia-dev libqt6svg6 xvfb xauth
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good pulseaudio)

packages=("${server_packages[@]}")
if [[ "${1:-}" != "--server" ]]; then
    packages+=("${desktop_packages[@]}" "${test_packages[@]}")
fi

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
        || missing+=("$package")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

sudo=""
if [[ $(id -u) -ne 0 ]]; then
    sudo="sudo"
fi
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
