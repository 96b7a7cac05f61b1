#!/usr/bin/env bash
# Install Qari's desktop entry, icons and AppStream metadata for the current user,
# pointing at a built one-folder app (default: dist/qari/qari).
#
# Everything is installed under the id io.github.qari.Qari: the desktop file's name, the icon
# name and the AppStream id. The app sets the same id as its desktop file name
# (QGuiApplication.setDesktopFileName), which is the Wayland app id, so the shell finds the
# entry and its icon; on X11 StartupWMClass=Qari matches the class part of WM_CLASS, which Qt
# takes from the application name.
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
id=io.github.qari.Qari
app=$(realpath "${1:-$here/../../dist/qari/qari}")
[ -x "$app" ] || { echo "no app at $app: build it first (python packaging/build.py)" >&2; exit 1; }
data=${XDG_DATA_HOME:-$HOME/.local/share}

# One Exec= argument for $1, by the desktop entry spec: % doubled; a path with reserved
# characters double-quoted with " ` $ \ escaped; then every \ escaped once more, because the
# string-value escapes are undone before the quoting is read.
exec_argument() {
    local s=${1//%/%%}
    case $s in
        *[[:space:]\"\'\\\<\>~\|\&\;\$\*\?\#\(\)\`]*)
            s=${s//\\/\\\\}
            s=${s//\"/\\\"}
            s=${s//\`/\\\`}
            s=${s//\$/\\\$}
            s="\"$s\""
            s=${s//\\/\\\\}
            ;;
    esac
    printf '%s' "$s"
}

mkdir -p "$data/applications" "$data/metainfo"
# awk reads the path from the environment, so no character in it is taken as sed or awk syntax.
QARI_EXEC=$(exec_argument "$app") awk '/^Exec=qari( |$)/ { $0 = "Exec=" ENVIRON["QARI_EXEC"] substr($0, 10) } { print }' \
    "$here/$id.desktop" > "$data/applications/$id.desktop"
cp "$here/$id.metainfo.xml" "$data/metainfo/"
icons=$(dirname "$app")/_internal/reader/_data/resources/icons
for png in "$(dirname "$app")"/icons/qari-*.png; do
    size=$(basename "$png" .png | sed 's/qari-//')
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$here/../../resources/icons/qari.svg" "$data/icons/hicolor/scalable/apps/$id.svg" 2>/dev/null || cp "$icons/qari.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
touch "$data/icons/hicolor"  # a newer folder makes icon themes look again
if command -v update-desktop-database >/dev/null; then update-desktop-database "$data/applications" || true; fi
echo "installed: $data/applications/$id.desktop → $app"
