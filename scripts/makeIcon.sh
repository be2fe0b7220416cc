#!/usr/bin/env bash
# Regenerates icon.png (128×128, the extension's Marketplace and preview-tab icon) from the SVG below with
# ImageMagick (`apt-get install -y imagemagick`). Run it only when the design changes; icon.png is committed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONVERT="${CONVERT:-/usr/bin/convert}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Three pods of a StatefulSet (ordinal dots, name bars) under a lens, on Kubernetes blue. Flat colours only:
# ImageMagick's built-in SVG renderer draws gradients and opacity poorly.
cat > "$tmp/icon.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3d7bf0"/>
      <stop offset="1" stop-color="#2353b8"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="48" ry="48" fill="#326ce5"/>
  <rect x="40" y="48" width="120" height="40" rx="10" ry="10" fill="#ffffff" fill-opacity="0.95"/>
  <rect x="40" y="104" width="120" height="40" rx="10" ry="10" fill="#ffffff" fill-opacity="0.80"/>
  <rect x="40" y="160" width="120" height="40" rx="10" ry="10" fill="#ffffff" fill-opacity="0.60"/>
  <circle cx="60" cy="68" r="8" fill="#2353b8"/>
  <circle cx="60" cy="124" r="8" fill="#2353b8"/>
  <circle cx="60" cy="180" r="8" fill="#2353b8"/>
  <rect x="76" y="64" width="64" height="8" rx="4" ry="4" fill="#2353b8" fill-opacity="0.55"/>
  <rect x="76" y="120" width="52" height="8" rx="4" ry="4" fill="#2353b8" fill-opacity="0.55"/>
  <rect x="76" y="176" width="40" height="8" rx="4" ry="4" fill="#2353b8" fill-opacity="0.55"/>
  <circle cx="168" cy="150" r="40" fill="#6f9bf2" stroke="#ffd54a" stroke-width="14"/>
  <line x1="197" y1="179" x2="222" y2="204" stroke="#ffd54a" stroke-width="18" stroke-linecap="round"/>
</svg>
SVG
"$CONVERT" -background none -density 96 "$tmp/icon.svg" -resize 128x128 -strip "$ROOT/icon.png"
echo "wrote icon.png"
