#!/usr/bin/env bash
# Make sure the system parts are present. `--base`: what `make run` needs (python3-venv, npm);
# without it also what the tests use: Chromium, PostgreSQL, fonts, poppler.
# As root they are installed with apt-get; otherwise the exact command is printed.
set -euo pipefail
missing=()
python3 -c "import ensurepip, venv" 2>/dev/null || missing+=(python3-venv)
command -v npm >/dev/null || missing+=(npm)
if [ "${1:-}" != "--base" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v pg_ctlcluster >/dev/null && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  fc-list 2>/dev/null | grep -qi "Liberation Sans" || missing+=(fonts-liberation)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v soffice >/dev/null || missing+=(libreoffice-calc-nogui)  # reads every xlsx back in the tests
fi
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
if [ "${CI:-}" = "true" ] || [ "${1:-}" = "--base" ]; then
  exit 1
fi
echo "(uji peramban/PostgreSQL/LibreOffice akan dilewati)"
