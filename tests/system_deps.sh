#!/usr/bin/env bash
# Make sure the system parts the tests use are present: Chromium, PostgreSQL, fonts, poppler.
# As root they are installed with apt-get; otherwise the exact command is printed.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pg_ctlcluster >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing+=(fonts-liberation)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Memasang paket sistem: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Paket sistem belum terpasang: ${missing[*]}"
echo "Pasang dengan: sudo apt-get install ${missing[*]}"
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
echo "(uji peramban/PostgreSQL akan dilewati)"
