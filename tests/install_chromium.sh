#!/usr/bin/env bash
# The browser test drives Debian's Chromium (Playwright must not download a browser of its own).
# fonts-noto-cjk lets the screenshots show the book's Chinese (glossary, blog quotes) as text.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  exit 0
fi
echo "Installing Debian chromium and a CJK font for the browser test"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
