#!/bin/sh
# Install the Debian packages the OCR tests, the scan bench and the browser test need, when missing and allowed
# (CI runs as root).
need=""
command -v tesseract >/dev/null 2>&1 || need="tesseract-ocr tesseract-ocr-vie"
if [ -z "$need" ]; then
  tesseract --list-langs 2>/dev/null | grep -qx vie || need="tesseract-ocr-vie"
fi
# Faces the scan bench draws from (samples/scanbench/make_scanbench.py; Liberation 2.x has the Vietnamese glyphs).
fonts=/usr/share/fonts/truetype
[ -f $fonts/liberation2/LiberationSerif-Regular.ttf ] || need="$need fonts-liberation2"
[ -f $fonts/dejavu/DejaVuSerif.ttf ] || need="$need fonts-dejavu-core"
[ -f $fonts/freefont/FreeSerif.ttf ] || need="$need fonts-freefont-ttf"
need=$(echo $need)
# Headless browser for tests/test_report_browser.py, installed on its own: a system without a Debian
# chromium package (a snap-only Ubuntu) must still get tesseract.
browser=""
command -v chromium >/dev/null 2>&1 || browser="chromium"
if [ -n "$browser" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing $browser" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $browser) >/dev/null 2>&1 \
    || echo "warning: could not install $browser; the report's browser test will be skipped" >&2
elif [ -n "$browser" ]; then
  echo "note: $browser not installed (needs root); the report's browser test will be skipped" >&2
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing $need" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need) >/dev/null 2>&1 \
    || echo "warning: could not install $need; OCR / scan-bench tests will be skipped" >&2
else
  echo "note: $need not installed (needs root); OCR / scan-bench tests will be skipped" >&2
fi
exit 0
