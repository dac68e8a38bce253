#!/usr/bin/env bash
# Debian packages Prongsai needs beyond Python: the Thai PDF font, libthai (Thai line breaks in
# PDFs, documents/renderers/pdf.py), poppler (reading PDFs),
# Debian's chromium (browser tests; never a downloaded browser) and gettext (translations).
# With --postgres (CI, `make test-pg`) also a PostgreSQL server for a throwaway test cluster.
# Installs what is missing when run as root; otherwise says what to install.
# APT_UPDATED=1 skips `apt-get update` (the caller has just run it).
set -euo pipefail
cd "$(dirname "$0")/.."
# The font may also sit unpacked in the project's data folder (see below, for non-root installs).
font_dir=${PRONGSAI_DATA_DIR:-var}/fonts
need=()
if [ ! -f /usr/share/fonts/truetype/tlwg/Laksaman.ttf ] && ! find "$font_dir" -name Laksaman.ttf 2>/dev/null | grep -q .; then
  if [ "$(id -u)" != 0 ] && command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null; then
    # Not root: fetch Debian's package and unpack it into the data folder (no system change).
    tmp=$(mktemp -d)
    if (cd "$tmp" && apt-get download -qq fonts-tlwg-laksaman-ttf >/dev/null 2>&1); then
      mkdir -p "$font_dir" && dpkg-deb -x "$tmp"/fonts-tlwg-laksaman-ttf_*.deb "$font_dir"
      echo "Unpacked the Laksaman font into $font_dir"
    else
      need+=(fonts-tlwg-laksaman-ttf)
    fi
    rm -rf "$tmp"
  else
    need+=(fonts-tlwg-laksaman-ttf)
  fi
fi
# grep reads everything (no -q): an early exit would fail the pipeline under pipefail (SIGPIPE).
PATH=$PATH:/sbin:/usr/sbin ldconfig -p | grep 'libthai\.so\.0' >/dev/null || need+=(libthai0)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v chromium >/dev/null || need+=(chromium)
command -v msgfmt >/dev/null || need+=(gettext)
if [ "${1:-}" = "--postgres" ]; then
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
  command -v pg_dump >/dev/null || need+=(postgresql-client)
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${need[*]}"
  [ "${APT_UPDATED:-}" = 1 ] || apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Please install these Debian packages (as root): apt-get install ${need[*]}" >&2
  exit 1
fi
