#!/usr/bin/env bash
# AppImage recipe: QMS_Desktop-VERSION-ARCH.AppImage from the one-folder bundle that
# `python3 packaging/dev.py bundle` made (it holds share/ with the desktop file, MIME
# type, AppStream data and icons).
#   packaging/linux/build-appimage.sh [BUNDLE_DIR [OUT_DIR]]
# Needs appimagetool on PATH (the release workflow fetches a pinned release and checks its
# SHA-256). APPDIR_ONLY=1 stops after assembling the AppDir and prints its path.
set -euo pipefail
ID=org.qmsdesktop.QmsDesktop
BUNDLE=$(cd "${1:-dist/qms-desktop}" && pwd)
OUT=$(mkdir -p "${2:-dist}" && cd "${2:-dist}" && pwd)
ARCH=${ARCH:-$(uname -m)}
VERSION=$("$BUNDLE/qms-desktop" --version | awk '{print $2}')

WORK=$(mktemp -d)
APPDIR="$WORK/QMS_Desktop.AppDir"
mkdir -p "$APPDIR/usr/lib" "$APPDIR/usr/bin"
cp -a "$BUNDLE" "$APPDIR/usr/lib/qms-desktop"
mv "$APPDIR/usr/lib/qms-desktop/share" "$APPDIR/usr/share"
rm -f "$APPDIR/usr/lib/qms-desktop/install-desktop-integration.sh"
mkdir -p "$APPDIR/usr/share/metainfo"
mv "$APPDIR/usr/share/$ID.metainfo.xml" "$APPDIR/usr/share/metainfo/$ID.appdata.xml"
ln -s ../lib/qms-desktop/qms-desktop "$APPDIR/usr/bin/qms-desktop"

cat > "$APPDIR/AppRun" <<'RUN'
#!/bin/sh
HERE=$(dirname "$(readlink -f "$0")")
exec "$HERE/usr/lib/qms-desktop/qms-desktop" "$@"
RUN
chmod +x "$APPDIR/AppRun"
cp "$APPDIR/usr/share/applications/$ID.desktop" "$APPDIR/$ID.desktop"
cp "$APPDIR/usr/share/icons/hicolor/256x256/apps/$ID.png" "$APPDIR/$ID.png"
ln -s "$ID.png" "$APPDIR/.DirIcon"

if [ -n "${APPDIR_ONLY:-}" ]; then
  echo "$APPDIR"
  exit 0
fi
ARCH="$ARCH" appimagetool --no-appstream "$APPDIR" "$OUT/QMS_Desktop-$VERSION-$ARCH.AppImage"
rm -rf "$WORK"
echo "$OUT/QMS_Desktop-$VERSION-$ARCH.AppImage"
