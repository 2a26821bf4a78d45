#!/usr/bin/env bash
# Debian's headless Chromium for the browser journeys (Playwright drives it; no browser downloads).
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing chromium"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium fonts-dejavu-core >/dev/null
fi
