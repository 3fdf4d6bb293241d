#!/usr/bin/env bash
# Installs the system programs Galley needs and finds missing, with apt where
# there is apt; elsewhere it says what to install. Usage:
#   scripts/system-deps.sh browser         a Chrome/Chromium for the PDF
#   scripts/system-deps.sh test            + poppler-utils, libxml2-utils and pandoc (the oracle) for the tests
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
if ! node --import tsx -e "import('./src/pdf/browser.ts').then(m => m.findBrowser())" >/dev/null 2>&1; then
  need+=(chromium)
fi
if [ "${1:-browser}" = test ]; then
  command -v pdfinfo >/dev/null || need+=(poppler-utils)
  command -v xmllint >/dev/null || need+=(libxml2-utils)
  command -v pandoc >/dev/null || need+=(pandoc)
fi
[ ${#need[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "galley: installing ${need[*]} with apt-get" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-liberation >/dev/null
else
  echo "galley: please install: ${need[*]} (for the PDF: Google Chrome or Chromium; or set GALLEY_BROWSER=/path/to/chrome)" >&2
  exit 1
fi
