#!/usr/bin/env bash
# Idempotent setup: system libraries for WeasyPrint, the venv with the locked dependencies,
# the Vazirmatn font, compiled translations. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3.11}
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
VAZIRMATN_VERSION=33.0.3

# 1. System libraries WeasyPrint needs (Pango, HarfBuzz subsetting) and gettext for translations.
need=()
for pkg in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need[@]}" >/dev/null
fi

# 2. The virtual environment with every dependency at its locked version.
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.lock.sha
sum=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  echo "setup: installing requirements.lock"
  # Every file is checked against the SHA-256 recorded in the lock (make lock writes them); a file
  # that differs from the one locked, or a dependency that is not locked, stops the install.
  .venv/bin/pip install -q --require-hashes -r requirements.lock
  echo "$sum" > "$stamp"
fi

# 3. The Persian font (OFL), from the npm registry, for the site and the PDFs.
fontdir=var/fonts
if [ ! -f "$fontdir/Vazirmatn-Regular.ttf" ]; then
  echo "setup: fetching Vazirmatn $VAZIRMATN_VERSION"
  mkdir -p "$fontdir"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "vazirmatn@$VAZIRMATN_VERSION" >/dev/null)
  tar -xzf "$tmp/vazirmatn-$VAZIRMATN_VERSION.tgz" -C "$tmp"
  cp "$tmp"/package/fonts/ttf/Vazirmatn-{Regular,Medium,Bold}.ttf "$fontdir/"
  cp "$tmp"/package/fonts/webfonts/Vazirmatn-{Regular,Medium,Bold}.woff2 "$fontdir/"
  cp "$tmp/package/OFL.txt" "$fontdir/"
  rm -rf "$tmp"
fi

# 4. Compiled translations: every app keeps its own catalogue (<app>/locale/fa); .mo files are build products.
.venv/bin/python manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=var -v 0

mkdir -p var/media var/private
