#!/usr/bin/env bash
# Renders a sample HTML report in headless Chromium, offline: the page must load without console
# errors, the screenshot must not be blank, and the DOM must hold the SVG charts.
# Usage: html_report_browser_test.sh <make_sample_report> <work folder>
# Exit 77 (skipped) only if no Chromium is installed.
set -euo pipefail
maker=$1
work=$2

browser=""
for b in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$b" >/dev/null 2>&1; then
    browser=$(command -v "$b")
    break
  fi
done
if [ -z "$browser" ]; then
  echo "SKIP: no chromium found (apt-get install chromium)"
  exit 77
fi

rm -rf "$work"
mkdir -p "$work/profile"
report="$work/report.html"
"$maker" "$report"
[ -s "$report" ] || { echo "FAIL: no report written"; exit 1; }

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --disable-default-apps --disable-extensions --hide-scrollbars --mute-audio
  --user-data-dir="$work/profile" --window-size=1200,3000
  --enable-logging=stderr --v=0)

status=0
timeout 90 "$browser" "${flags[@]}" --screenshot="$work/shot.png" "file://$report" \
  >"$work/screenshot.out" 2>"$work/screenshot.err" || status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: chromium --screenshot exited with $status"
  cat "$work/screenshot.err"
  exit 1
fi
status=0
timeout 90 "$browser" "${flags[@]}" --dump-dom "file://$report" \
  >"$work/dom.html" 2>"$work/dom.err" || status=$?
if [ "$status" -ne 0 ]; then
  echo "FAIL: chromium --dump-dom exited with $status"
  cat "$work/dom.err"
  exit 1
fi

fail=0
# Console errors and failed loads (the page must need nothing from the network or disk).
if grep -E "Uncaught|ERROR:CONSOLE|CONSOLE\(|net::ERR_" "$work/screenshot.err" "$work/dom.err"; then
  echo "FAIL: console errors or failed loads"
  fail=1
fi

# The DOM as Chromium parsed it: every chart is an SVG with bands and lines.
python3 - "$work/dom.html" <<'PY' || fail=1
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
charts = len(re.findall(r'<svg class="chart"', dom))
time_charts = len(re.findall(r'data-chart="time"', dom))
bands = len(re.findall(r'<polygon class="band"', dom))
lines = len(re.findall(r'<path class="series"', dom))
tables = all(t in dom for t in ('<table class="budget"', '<table class="net-effects"'))
print(f"dom: {charts} charts ({time_charts} time), {bands} bands, {lines} lines, tables={tables}")
ok = charts == 18 and time_charts == 9 and bands == 27 and lines == 27 and tables
ok = ok and "test-host" in dom and "</svg>" in dom
sys.exit(0 if ok else 1)
PY

# The screenshot: a real PNG of the page, not blank (many distinct colours: lines, bands, text).
python3 - "$work/shot.png" <<'PY' || fail=1
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
if data[:8] != b"\x89PNG\r\n\x1a\n":
    print("screenshot: not a PNG"); sys.exit(1)
pos, idat, width, height, depth, ctype = 8, b"", 0, 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
bpp = channels * depth // 8
stride = width * bpp
prev = bytearray(stride)
colours = set()
non_white = 0
i = 0
for y in range(height):
    f = raw[i]; i += 1
    line = bytearray(raw[i:i + stride]); i += stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 2 == 0:
        for x in range(0, stride, bpp * 2):
            px = bytes(line[x:x + min(bpp, 3)])
            colours.add(px)
            if px != b"\xff" * len(px): non_white += 1
    prev = line
print(f"screenshot: {width}x{height}, {len(colours)} colours, {non_white} sampled non-white pixels")
sys.exit(0 if width >= 1000 and height >= 2000 and len(colours) > 50 and non_white > 20000 else 1)
PY

if [ "$fail" -ne 0 ]; then
  echo "FAIL (files kept in $work)"
  exit 1
fi
echo "PASS"
