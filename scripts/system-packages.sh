#!/usr/bin/env bash
# Install the Debian packages the portal needs, only those that are missing.
#   scripts/system-packages.sh run    WeasyPrint's libraries, fonts, gettext, poppler
#   scripts/system-packages.sh test   the same plus Chromium and zbarimg (QR checks)
set -euo pipefail

profile=${1:-run}
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
          libffi-dev fonts-dejavu-core fonts-noto-core gettext poppler-utils)
if [ "$profile" = "test" ]; then
  packages+=(chromium faketime libreoffice-calc-nogui zbar-tools)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Paket sistem belum terpasang dan apt-get tidak tersedia: ${missing[*]}" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Memasang paket sistem: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
