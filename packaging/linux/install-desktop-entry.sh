#!/usr/bin/env bash
# Install Qari's desktop entry, icons and AppStream metadata for the current user,
# pointing at a built one-folder app (default: dist/qari/qari).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
app=$(realpath "${1:-$here/../../dist/qari/qari}")
[ -x "$app" ] || { echo "no app at $app: build it first (python packaging/build.py)" >&2; exit 1; }
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/metainfo"
sed "s|^Exec=qari|Exec=$app|" "$here/io.github.qari.Qari.desktop" > "$data/applications/io.github.qari.Qari.desktop"
cp "$here/io.github.qari.Qari.metainfo.xml" "$data/metainfo/"
icons=$(dirname "$app")/_internal/reader/_data/resources/icons
for png in "$(dirname "$app")"/icons/qari-*.png; do
    size=$(basename "$png" .png | sed 's/qari-//')
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data/icons/hicolor/${size}x${size}/apps/io.github.qari.Qari.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/../../resources/icons/qari.svg" "$data/icons/hicolor/scalable/apps/io.github.qari.Qari.svg" 2>/dev/null || cp "$icons/qari.svg" "$data/icons/hicolor/scalable/apps/io.github.qari.Qari.svg"
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "installed: $data/applications/io.github.qari.Qari.desktop → $app"
