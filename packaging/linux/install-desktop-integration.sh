#!/bin/sh
# Register the unpacked QMS Desktop bundle with this user's desktop: menu entry, icons,
# and the .qms file type, so a double-clicked workspace opens in QMS Desktop.
#   ./install-desktop-integration.sh            (from the unpacked qms-desktop folder)
#   ./install-desktop-integration.sh --remove
# Writes only under ${XDG_DATA_HOME:-~/.local/share}; nothing needs root.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
ID=org.qmsdesktop.QmsDesktop

remove() {
  rm -f "$DATA/applications/$ID.desktop" "$DATA/mime/packages/$ID.xml"
  for size in 16 24 32 48 64 128 256 512; do
    rm -f "$DATA/icons/hicolor/${size}x${size}/apps/$ID.png" \
          "$DATA/icons/hicolor/${size}x${size}/mimetypes/application-x-qms-workspace.png"
  done
}

refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$DATA/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$DATA/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--remove" ]; then
  remove
  refresh
  echo "QMS Desktop removed from the desktop menu and file types."
  exit 0
fi

mkdir -p "$DATA/applications" "$DATA/mime/packages"
# The menu entry runs this very folder's executable (quoted: the path may hold spaces).
sed "s|^Exec=qms-desktop |Exec=\"$HERE/qms-desktop\" |" "$HERE/share/applications/$ID.desktop" \
  > "$DATA/applications/$ID.desktop"
cp "$HERE/share/mime/packages/$ID.xml" "$DATA/mime/packages/$ID.xml"
for size in 16 24 32 48 64 128 256 512; do
  for kind in apps mimetypes; do
    src="$HERE/share/icons/hicolor/${size}x${size}/$kind"
    [ -d "$src" ] || continue
    mkdir -p "$DATA/icons/hicolor/${size}x${size}/$kind"
    cp "$src"/*.png "$DATA/icons/hicolor/${size}x${size}/$kind/"
  done
done
refresh
echo "QMS Desktop is in the desktop menu, and .qms workspaces open with it."
